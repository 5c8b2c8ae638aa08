// Minutes → document model. Minute numbers must rise by one; declarations must name a minute.
import type { z } from 'zod';
import type { Block, Inline } from '../../src/model/domain.ts';
import { Mapper, buildRegistries, type ImageLoader, type Located } from '../common/blocks.ts';
import { joinNames, meetingWhen, para, txt, typedPageRanges, type Person } from '../common/committee.ts';
import { committeeMeta } from '../agenda/template.ts';
import type { Minutes } from './schema.ts';

const person = (p: z.infer<typeof Person> & { substituteFor?: string }) =>
  `${p.name}${p.role ? ` (${p.role})` : ''}${p.substituteFor ? ` (Substitute for ${p.substituteFor})` : ''}`;

export function minutesToModel(d: z.infer<typeof Minutes>, loadImage: ImageLoader) {
  const problems: Located[] = typedPageRanges(d);
  // Committee papers store no facts, contacts, glossary, charts or pictures by id: the registries are empty.
  const m = new Mapper(buildRegistries({}, loadImage, problems, new Map()));
  const { meeting, attendance: att, declarations } = d;
  const blocks: Block[] = [
    para(txt(`Minutes of a meeting of the ${d.committee} held in ${meeting.venue} on ${meetingWhen(meeting)}.`)),
    para(txt('Present: ', true), txt(joinNames(att.present.map(person)))),
  ];
  if (att.alsoPresent.length) blocks.push(para(txt('Also present: ', true), txt(joinNames(att.alsoPresent.map(person)))));
  if (att.inAttendance.length) blocks.push(para(txt('In attendance: ', true), txt(joinNames(att.inAttendance.map(person)))));

  const numbers = new Set<number>();
  let last: number | undefined;
  d.items.forEach((it, i) => {
    const path = ['items', i];
    if ('note' in it) {
      blocks.push(para(txt(it.note)));
      return;
    }
    const n = it.number;
    if (last !== undefined && n !== last + 1) problems.push({ path: [...path, 'number'], message: `minute ${n} follows minute ${last}; minute numbers continue one by one through the year` });
    last = n;
    numbers.add(n);
    blocks.push({ type: 'heading', level: 1, id: `${d.id}-minute-${n}`, text: `${n}. ${it.title}` });
    blocks.push(para(txt(`(Item ${it.agendaItem}${it.decision ? `; decision number ${it.decision}` : ''})`)));
    if (it.attendance) blocks.push(...m.markdown(it.attendance, [...path, 'attendance']));
    for (const dec of declarations.filter((x) => x.minute === n)) blocks.push(para(txt('Declaration of interest: ', true), txt(`${dec.member}: `), ...m.inline(dec.interest, ['declarations'])));
    if (it.text) blocks.push(...m.markdown(it.text, [...path, 'text']));
    const paras = it.paragraphs ?? [];
    if (paras.length) {
      blocks.push({
        type: 'list',
        style: 'ordered',
        labels: paras.map((p) => p.label),
        items: paras.map((p, pi) => {
          const body = m.markdown(p.text, [...path, 'paragraphs', pi, 'text']);
          const subs = p.items ?? [];
          if (subs.length) body.push({ type: 'list', style: 'ordered', labels: subs.map((s) => s.label), items: subs.map((s, si) => m.markdown(s.text, [...path, 'paragraphs', pi, 'items', si, 'text'])) });
          return body;
        }),
      });
    }
    if (it.resolved !== undefined) {
      const resolved: Inline[] = [txt(`${it.resolvedLabel ? `${it.resolvedLabel} ` : ''}RESOLVED `, true), ...m.inline(it.resolved, [...path, 'resolved'])];
      blocks.push(para(...resolved));
    }
    const ri = it.resolvedItems ?? [];
    if (ri.length) blocks.push({ type: 'list', style: 'ordered', labels: ri.map((r) => r.label), items: ri.map((r, k) => m.markdown(r.text, [...path, 'resolvedItems', k, 'text'])) });
  });
  if (declarations.length) {
    blocks.push({ type: 'heading', level: 1, id: `${d.id}-declarations`, text: 'Declarations of interest' });
    blocks.push({
      type: 'list',
      style: 'bullet',
      items: declarations.map((dec, k) => {
        const n = dec.minute;
        if (!numbers.has(n)) problems.push({ path: ['declarations', k, 'minute'], message: `there is no minute ${n} in these minutes` });
        return [para(txt(`${dec.member}: `), ...m.inline(dec.interest, ['declarations', k, 'interest']), txt(' (see '), { type: 'xref', target: `${d.id}-minute-${n}`, title: `minute ${n}` }, txt(')'))];
      }),
    });
  }
  problems.push(...m.problems);
  return { model: { meta: committeeMeta(d, 'minutes', ['minutes']), blocks, coverPage: false }, problems };
}
