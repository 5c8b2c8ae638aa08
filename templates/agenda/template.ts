// Agenda → document model. In an agenda pack, each item with a paper gets its computed page range.
import type { Block, DomainDocument } from '../../src/model/domain.ts';
import { Mapper, buildRegistries, type ImageLoader, type Located } from '../common/blocks.ts';
import { EXEMPT_NOTICE, field, joinNames, longDate, meetingWhen, para, txt, typedPageRanges } from '../common/committee.ts';
import type { AgendaInput } from './schema.ts';

export interface PackContext {
  /** Paper id → its first and last page in the pack. */
  pageRanges?: Map<string, [number, number]>;
  /** Paper id → title, for checking that items point at papers that exist. */
  papers?: Map<string, string>;
}

export function agendaToModel(d: AgendaInput, loadImage: ImageLoader, ctx: PackContext = {}): { model: DomainDocument; problems: Located[] } {
  const problems: Located[] = typedPageRanges(d);
  // Committee papers store no facts, contacts, glossary, charts or pictures by id: the registries are empty.
  const m = new Mapper(buildRegistries({}, loadImage, problems, new Map()));
  const { meeting, clerk } = d;
  const blocks: Block[] = [
    field('Meeting', d.committee),
    field('Date and time', meetingWhen(meeting)),
    field('Venue', meeting.venue),
    field('Ask for', `${clerk.name}${clerk.phone ? `, telephone ${clerk.phone}` : ''}${clerk.email ? `, email ${clerk.email}` : ''}`),
  ];
  if (d.hospitality) blocks.push(para(txt(d.hospitality)));

  const total = d.membership.reduce((n, g) => n + g.members.length, 0);
  blocks.push({ type: 'heading', level: 1, id: `${d.id}-membership`, text: `Membership (${total})` });
  blocks.push({
    type: 'list',
    style: 'bullet',
    items: d.membership.map((g) => {
      const names = g.members.map((p) => `${p.name}${p.role ? ` (${p.role})` : ''}`);
      return [para(txt(`${g.group} (${names.length}): `, true), txt(joinNames(names)))];
    }),
  });
  if (d.webcasting) {
    blocks.push({ type: 'heading', level: 1, id: `${d.id}-webcasting-notice`, text: 'Webcasting notice' });
    blocks.push(...m.markdown(d.webcasting, ['webcasting']));
  }

  const seenCodes = new Set<string>();
  d.parts.forEach((part, pi) => {
    blocks.push({ type: 'heading', level: 1, id: `${d.id}-part-${pi + 1}`, text: part.title });
    if (part.note) blocks.push(para(txt(part.note)));
    part.sections.forEach((sec, si) => {
      blocks.push({ type: 'heading', level: 2, id: `${d.id}-section-${sec.code.toLowerCase()}`, text: `${sec.code} - ${sec.title}` });
      if (!sec.items.length) blocks.push(para(txt('There are no items in this section.')));
      sec.items.forEach((item, ii) => {
        const path = ['parts', pi, 'sections', si, 'items', ii];
        const code = item.code;
        if (seenCodes.has(code)) problems.push({ path: [...path, 'code'], message: `item code "${code}" is used twice` });
        seenCodes.add(code);
        if (!code.startsWith(sec.code)) problems.push({ path: [...path, 'code'], message: `item "${code}" is in section ${sec.code}; its code must start with that letter` });
        const paper = item.paper;
        if (paper && ctx.papers && !ctx.papers.has(paper)) problems.push({ path: [...path, 'paper'], message: `the pack has no paper with id "${paper}"` });
        blocks.push({ type: 'heading', level: 3, id: `${d.id}-item-${code.toLowerCase()}`, text: `${code} ${item.title}` });
        const facts = [];
        if (item.decision) facts.push(`Decision number ${item.decision}`);
        const range = paper ? ctx.pageRanges?.get(paper) : undefined;
        if (range) facts.push(range[0] === range[1] ? `Page ${range[0]}` : `Pages ${range[0]} to ${range[1]}`);
        if (facts.length) blocks.push(para(txt(`(${facts.join('. ')})`)));
        if (item.exempt) blocks.push(para(txt(EXEMPT_NOTICE(item.exempt.reason))));
        else if (item.purpose) blocks.push(...m.markdown(item.purpose, [...path, 'purpose']));
      });
    });
  });
  const sign = d.signOff;
  blocks.push(para(txt(sign.name, true), { type: 'break' }, txt(sign.role), ...(sign.phone ? [{ type: 'break' as const }, txt(sign.phone)] : [])));
  blocks.push(para(txt(longDate(d.published, true))));
  if (d.closingNote) blocks.push(...m.markdown(d.closingNote, ['closingNote']));
  problems.push(...m.problems);
  return { model: { meta: committeeMeta(d, 'agenda', ['agenda']), blocks, coverPage: false }, problems };
}

/** The fields a committee paper's metadata comes from (an Easy Read document has no committee). */
export interface CommitteeMetaFields {
  id: string;
  title: string;
  organisation: string;
  committee?: string;
  summary: string;
  language: string;
  published: string;
}

export function committeeMeta(d: CommitteeMetaFields, kind: string, keywords: string[]): DomainDocument['meta'] {
  return {
    id: d.id,
    kind,
    title: d.title,
    author: [d.organisation, d.committee].filter(Boolean).join(', '),
    subject: d.summary,
    language: d.language,
    published: d.published,
    keywords: d.committee ? [d.committee, ...keywords] : keywords,
  };
}
