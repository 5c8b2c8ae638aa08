// Agenda → document model. In an agenda pack, each item with a paper gets its computed page range.
import type { Block, DomainDocument } from '../../src/model/domain.ts';
import { Mapper, buildRegistries, rec, str, arr, type ImageLoader, type Located } from '../common/blocks.ts';
import { EXEMPT_NOTICE, field, joinNames, longDate, meetingWhen, para, txt, typedPageRanges } from '../common/committee.ts';

export interface PackContext {
  /** Paper id → its first and last page in the pack. */
  pageRanges?: Map<string, [number, number]>;
  /** Paper id → title, for checking that items point at papers that exist. */
  papers?: Map<string, string>;
}

export function agendaToModel(raw: unknown, loadImage: ImageLoader, ctx: PackContext = {}): { model: DomainDocument; problems: Located[] } {
  const d = rec(raw);
  const problems: Located[] = typedPageRanges(raw);
  const m = new Mapper(buildRegistries(d, loadImage, problems, new Map()));
  const meeting = rec(d.meeting);
  const clerk = rec(d.clerk);
  const blocks: Block[] = [
    field('Meeting', `${str(d.committee)}`),
    field('Date and time', meetingWhen(meeting)),
    field('Venue', str(meeting.venue) ?? ''),
    field('Ask for', `${str(clerk.name)}${clerk.phone ? `, telephone ${str(clerk.phone)}` : ''}${clerk.email ? `, email ${str(clerk.email)}` : ''}`),
  ];
  if (d.hospitality) blocks.push(para(txt(str(d.hospitality) ?? '')));

  const groups = arr(d.membership).map(rec);
  const total = groups.reduce((n, g) => n + arr(g.members).length, 0);
  blocks.push({ type: 'heading', level: 1, id: `${str(d.id)}-membership`, text: `Membership (${total})` });
  blocks.push({
    type: 'list',
    style: 'bullet',
    items: groups.map((g) => {
      const names = arr(g.members).map(rec).map((p) => `${str(p.name)}${p.role ? ` (${str(p.role)})` : ''}`);
      return [para(txt(`${str(g.group)} (${names.length}): `, true), txt(joinNames(names)))];
    }),
  });
  if (d.webcasting) {
    blocks.push({ type: 'heading', level: 1, id: `${str(d.id)}-webcasting-notice`, text: 'Webcasting notice' });
    blocks.push(...m.markdown(d.webcasting, ['webcasting']));
  }

  const seenCodes = new Set<string>();
  arr(d.parts).forEach((partRaw, pi) => {
    const part = rec(partRaw);
    blocks.push({ type: 'heading', level: 1, id: `${str(d.id)}-part-${pi + 1}`, text: str(part.title) ?? '' });
    if (part.note) blocks.push(para(txt(str(part.note) ?? '')));
    arr(part.sections).forEach((secRaw, si) => {
      const sec = rec(secRaw);
      blocks.push({ type: 'heading', level: 2, id: `${str(d.id)}-section-${str(sec.code)?.toLowerCase()}`, text: `${str(sec.code)} - ${str(sec.title)}` });
      const items = arr(sec.items).map(rec);
      if (!items.length) blocks.push(para(txt('There are no items in this section.')));
      items.forEach((item, ii) => {
        const path = ['parts', pi, 'sections', si, 'items', ii];
        const code = str(item.code) ?? '';
        if (seenCodes.has(code)) problems.push({ path: [...path, 'code'], message: `item code "${code}" is used twice` });
        seenCodes.add(code);
        if (code && sec.code && !code.startsWith(String(sec.code))) problems.push({ path: [...path, 'code'], message: `item "${code}" is in section ${String(sec.code)}; its code must start with that letter` });
        const paper = str(item.paper);
        if (paper && ctx.papers && !ctx.papers.has(paper)) problems.push({ path: [...path, 'paper'], message: `the pack has no paper with id "${paper}"` });
        blocks.push({ type: 'heading', level: 3, id: `${str(d.id)}-item-${code.toLowerCase()}`, text: `${code} ${str(item.title)}` });
        const facts = [];
        if (item.decision) facts.push(`Decision number ${str(item.decision)}`);
        const range = paper ? ctx.pageRanges?.get(paper) : undefined;
        if (range) facts.push(range[0] === range[1] ? `Page ${range[0]}` : `Pages ${range[0]} to ${range[1]}`);
        if (facts.length) blocks.push(para(txt(`(${facts.join('. ')})`)));
        if (item.exempt) blocks.push(para(txt(EXEMPT_NOTICE(str(rec(item.exempt).reason) ?? ''))));
        else if (item.purpose) blocks.push(...m.markdown(item.purpose, [...path, 'purpose']));
      });
    });
  });
  const sign = rec(d.signOff);
  blocks.push(para(txt(str(sign.name) ?? '', true), { type: 'break' }, txt(str(sign.role) ?? ''), ...(sign.phone ? [{ type: 'break' as const }, txt(str(sign.phone) ?? '')] : [])));
  blocks.push(para(txt(longDate(str(d.published) ?? '1970-01-01', true))));
  if (d.closingNote) blocks.push(...m.markdown(d.closingNote, ['closingNote']));
  problems.push(...m.problems);
  return { model: { meta: committeeMeta(d, 'agenda', ['agenda']), blocks }, problems };
}

export function committeeMeta(d: Record<string, unknown>, kind: string, keywords: string[]): DomainDocument['meta'] {
  return {
    id: str(d.id) ?? '',
    kind,
    title: str(d.title) ?? '',
    author: [str(d.organisation), str(d.committee)].filter(Boolean).join(', '),
    subject: str(d.summary) ?? '',
    language: str(d.language) ?? 'en-GB',
    published: str(d.published) ?? '1970-01-01',
    keywords: [str(d.committee) ?? '', ...keywords].filter(Boolean),
  };
}
