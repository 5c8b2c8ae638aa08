// Lowering: a kind's domain blocks (key facts, stories, comparisons, contacts, charts…) become
// core model nodes, once, so that no writer interprets them again. Here too: heading levels
// under the title, section numbers, the contents entries, the cover's wording, each node's
// stable id and where it came from. The words come from src/model/labels.ts.
import type { Block as DomainBlock, DomainDocument, DataPath, Fact } from './domain.ts';
import { MODEL_VERSION, type Block, type DocumentModel, type Heading, type HeadingLevel, type Inline, type Labels, type Paragraph, type SourceAt } from './types.ts';
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
}

export function lower(doc: DomainDocument, opts: LowerOptions = {}): DocumentModel {
  const L = labelsFor(doc.meta.language);
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

  const factBody = (f: Fact): Inline[] => {
    const extra = [f.period, f.comparison, f.source && `${L.source}: ${f.source}`].filter(Boolean).join('. ');
    return [text(f.label), ...(extra ? [text(` (${extra})`)] : [])];
  };

  const one = (b: DomainBlock): DraftBlock[] => {
    const here = at(b.at);
    const withAt = <T extends DraftBlock>(x: T): T => (here && !x.at ? { ...x, at: here } : x);
    const many = (bs: DomainBlock[]) => bs.flatMap(one);
    const out = ((): DraftBlock[] => {
      switch (b.type) {
        case 'heading': {
          level = Math.min(b.level + 1, 6) as HeadingLevel;
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
            { id: '', type: 'table', caption: b.caption, columns: b.columns, rows: b.rows, rowHeaders: b.rowHeaders },
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
                { id: '', type: 'definitions', style: 'facts', items: b.facts.map((f) => ({ id: `fact-${f.id}`, term: f.value, body: [para(factBody(f))] as Block[] })) },
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
          const title = b.kind === 'story' ? (b.title ? `${L.caseStudy}: ${b.title}` : L.caseStudy) : b.title;
          const head = title ? [asideHeading(title)] : [];
          const saved = level;
          level = below();
          const inner = many(b.blocks);
          level = saved;
          return [{ id: '', type: 'box', style: b.kind, blocks: [...head, ...inner, ...(b.note ? [para(labelled(L.note, b.note), 'small')] : [])] }];
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
          return [{ id: '', type: 'pictureRow', picture: b.picture, blocks: many(b.blocks) }];
        case 'pageBreak':
          return [{ id: '', type: 'pageBreak' }];
        case 'contents':
          level = 2;
          return [{ type: 'heading', id: 'contents', level: 2, text: b.title, outline: true }, { id: '', type: 'contents', entries: [] }, { id: '', type: 'pageBreak' }];
      }
    })();
    return out.map(withAt);
  };

  const blocks = mergeFields(doc.blocks.flatMap(one) as Block[]);
  const m = doc.meta;
  const cover = {
    ownPage: doc.coverPage ?? true,
    title: { type: 'heading', id: 'title', level: 1, text: m.title, outline: true } as Heading,
    ...(m.subtitle ? { subtitle: m.subtitle } : {}),
    lines: [
      { type: 'paragraph', id: 'cover-author', inlines: [text(m.author, true)] },
      { type: 'paragraph', id: 'cover-published', inlines: [text(`${L.published} ${longDate(m.published)}${m.reference ? `. ${L.reference} ${m.reference}` : ''}`)] },
    ] as Paragraph[],
  };
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
  const used = new Set<string>(['title', 'cover-author', 'cover-published']);
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
