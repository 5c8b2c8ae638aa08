// Agenda → document model. The items are numbered in the agenda's scheme ("B1", 7, "7(a)") and
// grouped as the council groups them: under part headings ("Unrestricted items"), under sections,
// or neither. In an agenda pack, each item with a paper gets its computed page range.
import type { Block, DomainDocument } from '../../src/model/domain.ts';
import type { Organisation } from '../../src/organisation/types.ts';
import type { PathKey } from '../../src/parse/problems.ts';
import { Mapper, buildRegistries, type ImageLoader, type Located } from '../common/blocks.ts';
import {
  EXEMPT_NOTICE, checkDecision, committeeName, decisionPhrases, field, itemHeading, itemNumber, joinNames, labelsOf, longDate, meetingFields, meetingProblems, meetingWhen, para, txt, typedPageRanges,
} from '../common/committee.ts';
import type { AgendaInput, AgendaItemInput } from './schema.ts';

export interface PackContext {
  /** Paper id → its first and last page in the pack. */
  pageRanges?: Map<string, [number, number]>;
  /** Paper id → title, for checking that items point at papers that exist. */
  papers?: Map<string, string>;
}

/** What a committee paper's builder reads besides its content. */
export interface CommitteeContext {
  loadImage: ImageLoader;
  organisation: Organisation;
  /** The bundled symbols, which a paper may set beside a block (always with alt text). */
  symbols?: ReadonlySet<string>;
}

interface Group {
  section?: { code?: string; title: string };
  items: AgendaItemInput[];
  path: PathKey[];
}
interface PartGroups {
  part?: { title: string; note?: string; access: 'open' | 'exempt' };
  path: PathKey[];
  groups: Group[];
}

/** The agenda's items as the council groups them: parts (or none), each with sections (or none). */
export function agendaGroups(d: AgendaInput): PartGroups[] {
  const sectioned = (sections: NonNullable<AgendaInput['sections']>, path: PathKey[]): Group[] =>
    sections.map((s, si) => ({ section: { code: s.code, title: s.title }, items: s.items, path: [...path, 'sections', si, 'items'] }));
  if (d.parts) {
    return d.parts.map((p, pi) => {
      const path = ['parts', pi];
      const groups = [...sectioned(p.sections ?? [], path), ...(p.items ? [{ items: p.items, path: [...path, 'items'] }] : [])];
      return { part: { title: p.title, note: p.note, access: p.access }, path, groups };
    });
  }
  if (d.sections) return [{ path: [], groups: sectioned(d.sections, []) }];
  return [{ path: [], groups: [{ items: d.items ?? [], path: ['items'] }] }];
}

/** Every item's printed number with its field path, in agenda order (for the minutes' references). */
export function agendaItemNumbers(d: AgendaInput): { ref: string; title: string }[] {
  return agendaGroups(d).flatMap((p) => p.groups.flatMap((g) => g.items.map((it) => ({ ref: String(it.number).trim(), title: it.title }))));
}

export function agendaToModel(d: AgendaInput, c: CommitteeContext, ctx: PackContext = {}): { model: DomainDocument; problems: Located[] } {
  const problems: Located[] = typedPageRanges(d);
  // Committee papers store no facts, contacts, glossary, charts or pictures by id: the registries are empty.
  const m = new Mapper(buildRegistries({}, c.loadImage, problems, new Map(), c.symbols));
  const labels = labelsOf(c.organisation, d.labels);
  const { meeting, clerk } = d;
  problems.push(...meetingProblems(meeting, true));
  const shapes = (['parts', 'sections', 'items'] as const).filter((k) => d[k] !== undefined);
  if (shapes.length !== 1) {
    problems.push({
      path: shapes.length ? [shapes[1]] : [],
      message: shapes.length
        ? `an agenda gives its items one way: under parts (with part headings such as "Unrestricted items"), under sections, or as a list of items; it has both ${shapes.join(' and ')}`
        : 'an agenda needs its items: give parts (with part headings such as "Unrestricted items"), sections, or items',
    });
  }
  const blocks: Block[] = [field('Meeting', committeeName(c.organisation, d.committee)), field('Date and time', meetingWhen(meeting)), ...meetingFields(meeting)];
  blocks.push(field('Ask for', `${clerk.name}${clerk.phone ? `, telephone ${clerk.phone}` : ''}${clerk.email ? `, email ${clerk.email}` : ''}`));
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

  const seen = new Set<string>();
  let lastNumber: number | undefined;
  const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  agendaGroups(d).forEach((pg, pi) => {
    // Without part headings, sections are the agenda's top headings and items sit one level below.
    const top = pg.part ? 1 : 0;
    if (pg.part) {
      blocks.push({ type: 'heading', level: 1, id: `${d.id}-part-${pi + 1}`, text: pg.part.title });
      // A part with no items says so in its own note, as the council wrote it ("there were no exempt items").
      if (pg.part.note) blocks.push(para(txt(pg.part.note)));
    }
    pg.groups.forEach((g) => {
      const sec = g.section;
      if (sec) {
        blocks.push({ type: 'heading', level: (top + 1) as 1 | 2, id: `${d.id}-section-${slug(sec.code ?? sec.title)}`, text: sec.code ? `${sec.code} - ${sec.title}` : sec.title });
        if (!g.items.length) blocks.push(para(txt('There are no items in this section.')));
      }
      const itemLevel = (top + (sec ? 2 : 1)) as 1 | 2 | 3;
      g.items.forEach((item, ii) => {
        const path = [...g.path, ii];
        const n = itemNumber(d.numbering, item.number);
        if (!n.ok) {
          problems.push({ path: [...path, 'number'], message: n.message });
          return;
        }
        const ref = n.text;
        if (seen.has(ref)) problems.push({ path: [...path, 'number'], message: `item number "${ref}" is used twice in this agenda; give each item its own number` });
        seen.add(ref);
        if (d.numbering === 'letter-number' && sec?.code && !ref.startsWith(sec.code)) problems.push({ path: [...path, 'number'], message: `item "${ref}" is in section ${sec.code}; its number must start with that letter` });
        if (d.numbering === 'number') {
          const k = Number(ref);
          if (lastNumber !== undefined && k !== lastNumber + 1) problems.push({ path: [...path, 'number'], message: `item ${k} follows item ${lastNumber}; with numbering: number the items count on one by one (for other numbers write numbering: as-printed)` });
          lastNumber = k;
        }
        checkDecision(item.decision, c.organisation, [...path, 'decision'], problems);
        const paper = item.paper;
        if (paper && ctx.papers && !ctx.papers.has(paper)) problems.push({ path: [...path, 'paper'], message: `the pack has no paper with id "${paper}"` });
        blocks.push({ type: 'heading', level: itemLevel, id: `${d.id}-item-${slug(ref)}`, text: itemHeading(d.numbering, d.itemLabel, ref, item.title) });
        const facts = decisionPhrases(item.decision, labels, item.title);
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
  return { model: { meta: committeeMeta(d, 'agenda', ['agenda'], c.organisation), blocks, coverPage: false }, problems };
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

export function committeeMeta(d: CommitteeMetaFields, kind: string, keywords: string[], org?: Organisation): DomainDocument['meta'] {
  const committee = d.committee && org ? committeeName(org, d.committee) : d.committee;
  return {
    id: d.id,
    kind,
    title: d.title,
    author: [d.organisation, committee].filter(Boolean).join(', '),
    subject: d.summary,
    language: d.language,
    published: d.published,
    keywords: committee ? [committee, ...keywords] : keywords,
  };
}
