// Minutes → document model. Minute numbers must rise by one; declarations must name a minute.
import type { Block, Inline } from '../../src/model/domain.ts';
import { Mapper, buildRegistries, rec, str, arr, type ImageLoader, type Located } from '../common/blocks.ts';
import { joinNames, meetingWhen, para, txt, typedPageRanges } from '../common/committee.ts';
import { committeeMeta } from '../agenda/template.ts';

const person = (p: Record<string, unknown>) =>
  `${str(p.name)}${p.role ? ` (${str(p.role)})` : ''}${p.substituteFor ? ` (Substitute for ${str(p.substituteFor)})` : ''}`;

export function minutesToModel(raw: unknown, loadImage: ImageLoader) {
  const d = rec(raw);
  const problems: Located[] = typedPageRanges(raw);
  const m = new Mapper(buildRegistries(d, loadImage, problems, new Map()));
  const meeting = rec(d.meeting);
  const att = rec(d.attendance);
  const blocks: Block[] = [
    para(txt(`Minutes of a meeting of the ${str(d.committee)} held in ${str(meeting.venue)} on ${meetingWhen(meeting)}.`)),
    para(txt('Present: ', true), txt(joinNames(arr(att.present).map(rec).map(person)))),
  ];
  if (arr(att.alsoPresent).length) blocks.push(para(txt('Also present: ', true), txt(joinNames(arr(att.alsoPresent).map(rec).map(person)))));
  if (arr(att.inAttendance).length) blocks.push(para(txt('In attendance: ', true), txt(joinNames(arr(att.inAttendance).map(rec).map(person)))));

  const numbers = new Set<number>();
  const declarations = arr(d.declarations).map(rec);
  let last: number | undefined;
  arr(d.items).forEach((itemRaw, i) => {
    const it = rec(itemRaw);
    const path = ['items', i];
    if (it.note !== undefined) {
      blocks.push(para(txt(str(it.note) ?? '')));
      return;
    }
    const n = typeof it.number === 'number' ? it.number : NaN;
    if (last !== undefined && n !== last + 1) problems.push({ path: [...path, 'number'], message: `minute ${n} follows minute ${last}; minute numbers continue one by one through the year` });
    last = n;
    numbers.add(n);
    blocks.push({ type: 'heading', level: 1, id: `${str(d.id)}-minute-${n}`, text: `${n}. ${str(it.title)}` });
    blocks.push(para(txt(`(Item ${str(it.agendaItem)}${it.decision ? `; decision number ${str(it.decision)}` : ''})`)));
    if (it.attendance) blocks.push(...m.markdown(it.attendance, [...path, 'attendance']));
    for (const dec of declarations.filter((x) => x.minute === n)) blocks.push(para(txt('Declaration of interest: ', true), txt(`${str(dec.member)}: `), ...m.inline(dec.interest, ['declarations'])));
    if (it.text) blocks.push(...m.markdown(it.text, [...path, 'text']));
    const paras = arr(it.paragraphs).map(rec);
    if (paras.length) {
      blocks.push({
        type: 'list',
        style: 'ordered',
        labels: paras.map((p) => str(p.label) ?? ''),
        items: paras.map((p, pi) => {
          const body = m.markdown(p.text, [...path, 'paragraphs', pi, 'text']);
          const subs = arr(p.items).map(rec);
          if (subs.length) body.push({ type: 'list', style: 'ordered', labels: subs.map((s) => str(s.label) ?? ''), items: subs.map((s, si) => m.markdown(s.text, [...path, 'paragraphs', pi, 'items', si, 'text'])) });
          return body;
        }),
      });
    }
    if (it.resolved !== undefined) {
      const resolved: Inline[] = [txt(`${it.resolvedLabel ? `${str(it.resolvedLabel)} ` : ''}RESOLVED `, true), ...m.inline(it.resolved, [...path, 'resolved'])];
      blocks.push(para(...resolved));
    }
    const ri = arr(it.resolvedItems).map(rec);
    if (ri.length) blocks.push({ type: 'list', style: 'ordered', labels: ri.map((r) => str(r.label) ?? ''), items: ri.map((r, k) => m.markdown(r.text, [...path, 'resolvedItems', k, 'text'])) });
  });
  if (declarations.length) {
    blocks.push({ type: 'heading', level: 1, id: `${str(d.id)}-declarations`, text: 'Declarations of interest' });
    blocks.push({
      type: 'list',
      style: 'bullet',
      items: declarations.map((dec, k) => {
        const n = dec.minute as number;
        if (!numbers.has(n)) problems.push({ path: ['declarations', k, 'minute'], message: `there is no minute ${n} in these minutes` });
        return [para(txt(`${str(dec.member)}: `), ...m.inline(dec.interest, ['declarations', k, 'interest']), txt(' (see '), { type: 'xref', target: `${str(d.id)}-minute-${n}`, title: `minute ${n}` }, txt(')'))];
      }),
    });
  }
  problems.push(...m.problems);
  return { model: { meta: committeeMeta(d, 'minutes', ['minutes']), blocks }, problems };
}
