// Lowering: a kind's domain blocks (key facts, stories, comparisons, contacts, charts…) become
// core model nodes, once, so that no writer interprets them again. Here too: heading levels
// under the title, section numbers, the contents entries, the cover's wording, each node's
// stable id and where it came from. The words come from src/model/labels.ts.
import type { Block as DomainBlock, DomainDocument, DataPath, Fact } from './domain.ts';
import { MODEL_VERSION, type Block, type Definitions, type DocumentMeta, type DocumentModel, type Heading, type HeadingLevel, type Inline, type Labels, type Paragraph, type SourceAt } from './types.ts';
import { labelsFor } from './labels.ts';
import { longDate } from './dates.ts';
import { childBlocks, walkBlocks } from './walk.ts';
import { chartAlt, chartRows, chartTotal, drawnKind, keyColour } from './chart.ts';
import { contactLines } from './contact.ts';

// Nodes are made with an empty id; assignIds names them all once the document is whole.
type Draft<B> = B;
type DraftBlock = Block;

const text = (t: string, bold?: boolean): Inline => (bold ? { type: 'text', text: t, bold } : { type: 'text', text: t });
const labelled = (label: string, inlines: Inline[]): Inline[] => [text(`${label}: `, true), ...inlines];

export interface LowerOptions {
  /** The content file, recorded in every node's source position. */
  file?: string;
  /** Where nodes made before any content (the contents list) are placed: the title field. */
  start?: SourceAt;
  /** The organisation's own words for labels it prints differently ("Case study"), from its profile. */
  labels?: Partial<Labels>;
  /** The organisation's colours, kept in the model's meta for every writer. */
  identity?: DocumentMeta['identity'];
}

export function lower(doc: DomainDocument, opts: LowerOptions = {}): DocumentModel {
  const L: Labels = { ...labelsFor(doc.meta.language), ...opts.labels };
  // A generated node (a "Membership" heading, a label) is placed at the content just before it.
  let lastAt: SourceAt | undefined;
  const at = (where: DataPath | SourceAt | undefined): SourceAt | undefined => {
    if (where) lastAt = Array.isArray(where) ? { ...(opts.file ? { file: opts.file } : {}), path: where } : where;
    return lastAt;
  };
  let level: HeadingLevel = 1; // the level of the last outline heading: asides' titles go one below it

  const below = (): HeadingLevel => Math.min(level + 1, 6) as HeadingLevel;
  const para = (inlines: Inline[], role?: Paragraph['role']): Draft<Paragraph> => ({ id: '', type: 'paragraph', inlines, ...(role ? { role } : {}) });
  const asideHeading = (t: string): Draft<Heading> => ({ id: '', type: 'heading', level: below(), text: t, outline: false });

  /**
   * A key fact as a definition: its first figure and what it counts. Further figures of the same
   * fact (the share of that count an outcome reached) are definitions inside it, so each figure
   * is printed as a figure and stays with the fact; the period, comparison and source close it.
   */
  const factItem = (f: Fact): Definitions['items'][number] => {
    const extra = [f.period, f.comparison, f.source && `${L.source}: ${f.source}`].filter(Boolean).join('. ');
    const last = f.figures.length - 1;
    const label = (k: number) => [text(f.figures[k].label), ...(k === last && extra ? [text(` (${extra})`)] : [])];
    const more: Block[] = last
      ? [{ id: '', type: 'definitions', style: 'facts', items: f.figures.slice(1).map((g, k) => ({ id: `fact-${f.id}-${k + 2}`, term: g.value, body: [para(label(k + 1))] })) }]
      : [];
    return { id: `fact-${f.id}`, term: f.figures[0].value, body: [para(label(0)), ...more] };
  };

  const one = (b: DomainBlock): DraftBlock[] => {
    const here = at(b.at);
    const withAt = <T extends DraftBlock>(x: T): T => (here && !x.at ? { ...x, at: here } : x);
    const many = (bs: DomainBlock[]) => bs.flatMap(one);
    const out = ((): DraftBlock[] => {
      switch (b.type) {
        case 'heading': {
          level = Math.min(b.level + 1, 6) as HeadingLevel;
          // Said again where a section's own text goes on after its sub-sections: not a section of its own.
          if (b.continued) return [{ type: 'heading', id: b.id, level, text: `${b.text} (${L.continued})`, outline: false }];
          return [{ type: 'heading', id: b.id, level, text: b.text, outline: true }];
        }
        case 'paragraph':
          return [para(b.inlines)];
        case 'note':
          return [para(labelled(L.note, b.inlines), 'note')];
        case 'list':
          return [{ id: '', type: 'list', style: b.style, ...(b.start !== undefined ? { start: b.start } : {}), ...(b.labels ? { labels: b.labels } : {}), items: b.items.map(many) }];
        case 'table':
          return [
            // No caption: named once the document is whole (nameTables), by its number and section.
            { id: '', type: 'table', caption: b.caption ?? '', ...(b.caption ? {} : { hiddenCaption: true as const }), columns: b.columns, rows: b.rows, rowHeaders: b.rowHeaders },
            ...(b.note ? [para(labelled(L.note, b.note), 'small')] : []),
            ...(b.source ? [para([text(`${L.source}: ${b.source}`)], 'small')] : []),
          ];
        case 'keyFacts':
          return [
            {
              id: '',
              type: 'box',
              style: 'facts',
              blocks: [
                ...(b.title ? [asideHeading(b.title)] : []),
                { id: '', type: 'definitions', style: 'facts', items: b.facts.map(factItem) },
              ],
            },
          ];
        case 'comparisons':
          return [
            {
              id: '',
              type: 'table',
              caption: b.title ?? `${L.before} / ${L.after}`,
              columns: [[text(L.measure)], [text(L.before)], [text(L.after)]],
              rows: b.items.map((c) => [[text(c.label + (c.note ? ` (${c.note})` : ''))], [text(`${c.before.value} in ${c.before.period}`)], [text(`${c.after.value} in ${c.after.period}`)]]),
              rowHeaders: true,
            },
          ];
        case 'quote':
          return [{ id: '', type: 'quote', blocks: many(b.blocks), ...(b.by ? { by: b.by } : {}) }];
        case 'box': {
          // A story says what it is: its own label, else the organisation's word, else the language's.
          const label = b.kind === 'story' ? (b.label ?? L.caseStudy) : b.kind === 'panel' ? L.panel : undefined;
          const title = b.kind === 'story' ? (b.title ? `${label}: ${b.title}` : label) : b.title;
          const head = title ? [asideHeading(title)] : [];
          const saved = level;
          level = below();
          const content = many(b.blocks);
          level = saved;
          // A symbol sits beside the box's content, under its title.
          const inner: Block[] = b.picture ? [{ id: '', type: 'pictureRow', pictures: [b.picture], blocks: content }] : content;
          return [{ id: '', type: 'box', style: b.kind, ...(label ? { label } : {}), blocks: [...head, ...inner, ...(b.note ? [para(labelled(L.note, b.note), 'small')] : [])] }];
        }
        case 'figure':
          return [{ id: '', type: 'figure', graphic: { type: 'image', image: b.image }, alt: b.alt, ...(b.caption ? { caption: b.caption } : {}) }];
        case 'chart': {
          const c = b.chart;
          const rows = chartRows(c, L);
          const total = chartTotal(c, L);
          const pie = c.kind === 'pie';
          return [
            {
              id: '',
              type: 'group',
              role: 'chart',
              blocks: [
                // Drawn as a pie only when its parts make a known whole; else its known values as bars.
                { id: '', type: 'figure', graphic: { type: 'chart', chart: { ...c, kind: drawnKind(c) } }, alt: chartAlt(c) },
                {
                  id: '',
                  type: 'table',
                  caption: `${c.title} (${c.unit}): ${L.theFigures}`,
                  columns: [[text(L.part)], [text(c.unit)], ...(pie ? [[text(L.share)]] : [])],
                  rows: rows.map((r) => [[text(r.label)], [text(r.value)], ...(pie ? [[text(r.share || '–')]] : [])]),
                  rowHeaders: true,
                  keyColours: c.data.map((d, i) => (d.value === null ? null : keyColour(i))),
                },
                ...(total ? [para([text(total)])] : []),
                ...(c.note ? [para(labelled(L.note, c.note), 'small')] : []),
                ...(c.source ? [para([text(`${L.source}: ${c.source}`)], 'small')] : []),
              ],
            },
          ];
        }
        case 'contact': {
          const c = b.contact;
          return [
            {
              id: '',
              type: 'group',
              role: 'contact',
              blocks: [para([text(c.name, true)]), ...many(c.description ?? []), ...contactLines(c, L).map(([label, value]) => para([text(`${label}: `), ...value]))],
            },
          ];
        }
        case 'glossary':
          return [{ id: '', type: 'definitions', style: 'glossary', items: b.entries.map((e) => ({ id: `glossary-${e.id}`, term: e.term, body: many(e.definition) as Block[] })) }];
        case 'field':
          return [{ id: '', type: 'definitions', style: 'fields', items: [{ id: `field-${slug(b.label)}`, term: b.label, body: [para(b.value)] as Block[] }] }];
        case 'pictureRow':
          return [{ id: '', type: 'pictureRow', pictures: b.pictures, blocks: many(b.blocks) }];
        case 'pageBreak':
          return [{ id: '', type: 'pageBreak' }];
        case 'contents':
          level = 2;
          return [{ type: 'heading', id: 'contents', level: 2, text: b.title, outline: true }, { id: '', type: 'contents', entries: [] }, { id: '', type: 'pageBreak' }];
      }
    })();
    return out.map(withAt);
  };

  const blocks = pairPanels(mergeFields(doc.blocks.flatMap(one) as Block[]));
  const m = opts.identity ? { ...doc.meta, identity: opts.identity } : doc.meta;
  const cover = {
    ownPage: doc.coverPage ?? true,
    title: { type: 'heading', id: 'title', level: 1, text: m.title, outline: true } as Heading,
    ...(m.subtitle ? { subtitle: m.subtitle } : {}),
    lines: coverLines(m, L),
  };
  nameTables(blocks, L);
  assignIds(blocks, m.id);
  fillPositions(blocks, opts.start);
  numberSections(blocks);
  fillContents(blocks);
  resolveXrefNumbers(blocks);
  return { version: MODEL_VERSION, meta: m, cover, blocks, labels: L };
}

/**
 * Ids from the content: a heading keeps its anchor; any other node is named by the section it is
 * in and its place there ("kent-and-its-people-3"), so an edit elsewhere leaves it alone.
 */
function assignIds(blocks: Block[], docId: string): void {
  const used = new Set<string>(['title', 'cover-author', 'cover-period', 'cover-published']);
  const unique = (id: string) => {
    let u = id;
    for (let n = 2; used.has(u); n++) u = `${id}-${n}`;
    used.add(u);
    return u;
  };
  let section = docId || 'doc';
  let n = 0;
  walkBlocks(blocks, (b) => {
    if (b.type === 'heading' && b.outline && b.id) {
      b.id = unique(b.id);
      section = b.id;
      n = 0;
    } else if (!b.id) b.id = unique(`${section}-${++n}`);
    else b.id = unique(b.id);
    if (b.type === 'definitions') for (const item of b.items) item.id = unique(item.id);
  });
}

/**
 * The cover's lines: the publisher; the period covered, unless the title or subtitle already says
 * it; the date as the source gives it, or that it is not known and why, or nothing when the source
 * says nothing (a date is never invented); and the reference.
 */
function coverLines(m: DocumentModel['meta'], L: Labels): Paragraph[] {
  const said = `${m.title} ${m.subtitle ?? ''}`.toLowerCase();
  const date = m.published ? `${L.published} ${longDate(m.published)}` : m.publishedUnknown ? `${L.publishedUnknown}: ${m.publishedUnknown.replace(/\.$/, '')}` : undefined;
  const dated = [date, m.reference && `${L.reference} ${m.reference}`].filter(Boolean).join('. ');
  return [
    { type: 'paragraph', id: 'cover-author', inlines: [text(m.author, true)] },
    ...(m.period && !said.includes(m.period.toLowerCase()) ? [{ type: 'paragraph' as const, id: 'cover-period', inlines: [text(`${L.period}: ${m.period}`)] }] : []),
    ...(dated ? [{ type: 'paragraph' as const, id: 'cover-published', inlines: [text(dated)] }] : []),
  ];
}

/**
 * A side panel goes with the paragraph (or list) it interrupts, the block before it: the two are a
 * Group 'panel', which print keeps together (the panel beside or after it). A panel with no
 * paragraph before it (first under a heading) stands alone. Inside boxes too.
 */
function pairPanels(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    if (b.type === 'box' || b.type === 'pictureRow' || b.type === 'quote') b.blocks = pairPanels(b.blocks);
    const prev = out[out.length - 1];
    if (b.type === 'box' && b.style === 'panel' && (prev?.type === 'list' || (prev?.type === 'paragraph' && !prev.role))) {
      out[out.length - 1] = { id: '', type: 'group', role: 'panel', blocks: [prev, b], ...(prev.at ? { at: prev.at } : {}) };
    } else out.push(b);
  }
  return out;
}

/** A table the author gave no caption is named by its number among the document's tables and the section it is in. */
function nameTables(blocks: Block[], L: Labels): void {
  let n = 0;
  let section: string | undefined;
  walkBlocks(blocks, (b) => {
    if (b.type === 'heading' && b.outline && b.id !== 'contents') section = b.text;
    if (b.type !== 'table') return;
    n++;
    if (b.hiddenCaption) b.caption = L.tableName(n, section);
  });
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Neighbouring header fields are one grid: one definitions node. */
function mergeFields(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (b.type === 'definitions' && b.style === 'fields' && prev?.type === 'definitions' && prev.style === 'fields') prev.items.push(...b.items);
    else out.push(b);
  }
  return out;
}

/** A node made inside a lowered block (a box's title, a chart's table) is where its block is. */
function fillPositions(blocks: Block[], start: SourceAt | undefined): void {
  let last = start;
  walkBlocks(blocks, (b) => {
    if (b.at) last = b.at;
    else if (last) b.at = last;
  });
}

const OWN_NUMBER = /^\d+(\.\d+)*\.?\s/;

/** Section numbers from the outline headings' levels ("2.3"); the contents heading has none. */
function numberSections(blocks: Block[]): void {
  const counters = [0, 0, 0, 0, 0, 0];
  for (const b of blocks) {
    if (b.type !== 'heading' || !b.outline || b.id === 'contents') continue;
    const depth = b.level - 1; // level 2 is the first number
    counters[depth - 1]++;
    for (let i = depth; i < counters.length; i++) counters[i] = 0;
    // A heading that prints a number of its own ("10. Membership") is not numbered again.
    if (!OWN_NUMBER.test(b.text)) b.number = counters.slice(0, depth).join('.');
  }
}

/** The contents list: the document's top sections (the level just under the title). */
function fillContents(blocks: Block[]): void {
  const top = blocks.filter((b): b is Heading => b.type === 'heading' && b.outline && b.id !== 'contents');
  const level = Math.min(...top.map((h) => h.level));
  for (const b of blocks) {
    if (b.type === 'contents') b.entries = top.filter((h) => h.level === level).map((h) => ({ target: h.id, text: h.text, ...(h.number ? { number: h.number } : {}) }));
  }
}

function resolveXrefNumbers(blocks: Block[]): void {
  const numbers = new Map<string, string>();
  walkBlocks(blocks, (b) => {
    if (b.type === 'heading' && b.number) numbers.set(b.id, b.number);
  });
  const fix = (xs: Inline[]) => {
    for (const i of xs) {
      if (i.type === 'xref' && numbers.has(i.target)) i.number = numbers.get(i.target);
      if (i.type === 'link' || i.type === 'term') fix(i.children);
    }
  };
  walkBlocks(blocks, (b) => {
    if (b.type === 'paragraph') fix(b.inlines);
    if (b.type === 'table') [...b.columns, ...b.rows.flat()].forEach(fix);
  });
}

export { childBlocks };
export type { Labels };
