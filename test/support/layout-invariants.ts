// Print layout invariants (issue 13), checked on what pdfjs-dist reads back from a PDF: glyph runs
// with their positions and widths, the drawings' bounding boxes from the content streams, and
// each page's structure tree. Nothing here looks at the writer's own objects.
//
//   area      no glyph or drawing outside the text area; the footer in its band below it
//   strand    no heading, table caption or table header row as the last line of a page
//   split     no list label parted from its body (a key fact's figure from what it counts, a
//             glossary term from its definition), no label cut in two, no definition leaving
//             only one line with its term, no empty fragment of a box or table (fill or rule
//             with no text) at the top or foot of a page
//   complete  every word of the model is in the tag tree's text, in reading order (a table's
//             cells in any order, since a table may be transposed or set in column groups)
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Block, DocumentModel, Inline } from '../../src/model/types.ts';
import type { PageFrame } from '../../src/profiles/index.ts';
import { walk, type StructNode } from './pdf-reader.ts';

export type Invariant = 'area' | 'strand' | 'split' | 'complete';

export interface Violation {
  invariant: Invariant;
  page?: number;
  message: string;
}

export interface Run {
  str: string;
  /** Baseline start, in PDF space (y up). */
  x: number;
  y: number;
  width: number;
  size: number;
  mcid?: string;
  artifact: boolean;
}

export interface Drawing {
  kind: 'fill' | 'stroke' | 'image';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  artifact: boolean;
  lineWidth: number;
}

export interface LayoutPage {
  runs: Run[];
  drawings: Drawing[];
  tree: StructNode;
  /** Text of each marked-content id, spaces included. */
  byMcid: Map<string, string>;
  /** Each marked-content id's structure ancestors, innermost last. */
  ancestors: Map<string, StructNode[]>;
}

export interface LayoutPdf {
  width: number;
  height: number;
  pages: LayoutPage[];
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
function box(m: Matrix, x1: number, y1: number, x2: number, y2: number): [number, number, number, number] {
  const pts = [
    [x1, y1],
    [x2, y1],
    [x1, y2],
    [x2, y2],
  ].map(([x, y]) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

const FILLS = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const STROKES = new Set([OPS.stroke, OPS.closeStroke]);

/** Reads the drawings of a page's operator list: paths painted and images, with the transformation tracked. */
function drawingsOf(ops: { fnArray: number[]; argsArray: any[] }): Drawing[] {
  const out: Drawing[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let lineWidth = 1;
  const stack: { ctm: Matrix; lineWidth: number }[] = [];
  const marks: boolean[] = []; // per open marked-content sequence: is it an Artifact
  const artifact = () => marks.includes(true);
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i];
    if (fn === OPS.save) stack.push({ ctm, lineWidth });
    else if (fn === OPS.restore) ({ ctm, lineWidth } = stack.pop() ?? { ctm, lineWidth });
    else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push({ ctm, lineWidth });
      if (Array.isArray(args?.[0])) ctm = multiply(args[0] as Matrix, ctm);
    } else if (fn === OPS.paintFormXObjectEnd) ({ ctm, lineWidth } = stack.pop() ?? { ctm, lineWidth });
    else if (fn === OPS.setLineWidth) lineWidth = args[0];
    else if (fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps) marks.push(args?.[0] === 'Artifact');
    else if (fn === OPS.endMarkedContent) marks.pop();
    else if (fn === OPS.constructPath) {
      const [op, , minMax] = args as [number, unknown, number[] | null];
      if (!minMax || !(FILLS.has(op) || STROKES.has(op))) continue;
      const [x1, y1, x2, y2] = box(ctm, minMax[0], minMax[1], minMax[2], minMax[3]);
      const scale = Math.hypot(ctm[0], ctm[1]);
      out.push({ kind: FILLS.has(op) ? 'fill' : 'stroke', x1, y1, x2, y2, artifact: artifact(), lineWidth: STROKES.has(op) ? lineWidth * scale : 0 });
    } else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject || fn === OPS.paintImageMaskXObject) {
      const [x1, y1, x2, y2] = box(ctm, 0, 0, 1, 1);
      out.push({ kind: 'image', x1, y1, x2, y2, artifact: artifact(), lineWidth: 0 });
    }
  }
  return out;
}

/** Reads every page's glyph runs (tagged and artifact), drawings and structure tree. */
export async function readLayout(bytes: Uint8Array): Promise<LayoutPdf> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: LayoutPage[] = [];
  let width = 0;
  let height = 0;
  try {
    for (let i = 1; i <= pdf.numPages; i++) {
      const page = await pdf.getPage(i);
      if (i === 1) [width, height] = [page.view[2], page.view[3]];
      const content = await page.getTextContent({ includeMarkedContent: true });
      const stack: { tag: string; id: string | null }[] = [];
      const runs: Run[] = [];
      const byMcid = new Map<string, string>();
      for (const item of content.items as any[]) {
        if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') stack.push({ tag: item.tag, id: item.id ?? null });
        else if (item.type === 'endMarkedContent') stack.pop();
        else if (typeof item.str === 'string') {
          const artifact = stack.some((s) => s.tag === 'Artifact');
          const mc = [...stack].reverse().find((s) => s.id);
          if (mc?.id && !artifact) byMcid.set(mc.id, (byMcid.get(mc.id) ?? '') + item.str);
          if (!item.str.trim()) continue;
          runs.push({ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width, size: Math.hypot(item.transform[2], item.transform[3]), mcid: artifact ? undefined : (mc?.id ?? undefined), artifact });
        }
      }
      const tree = ((await page.getStructTree()) ?? {}) as StructNode;
      const ancestors = new Map<string, StructNode[]>();
      walk(tree, (n, anc) => {
        if (n.type === 'content' && n.id) ancestors.set(n.id, anc);
      });
      const drawings = drawingsOf(await page.getOperatorList());
      pages.push({ runs, drawings, tree, byMcid, ancestors });
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
  return { width, height, pages };
}

// A glyph's extent about its baseline, as a share of its size (Atkinson Hyperlegible's ascender
// and descender, rounded out).
const ASCENT = 0.95;
const DESCENT = 0.25;
const TOLERANCE = 0.75;

const roles = (anc: StructNode[] | undefined) => (anc ?? []).map((a) => a.role).filter((r): r is string => !!r);
const excerpt = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}…` : s);

/** Text area: no glyph or drawing outside it; the footer (artifact text below it) in its own band. */
export function checkArea(pdf: LayoutPdf, frame: PageFrame): Violation[] {
  const out: Violation[] = [];
  const H = pdf.height;
  // In PDF space: y up from the page's bottom edge.
  const area = { left: frame.left, right: frame.right, top: H - frame.top, bottom: H - frame.bottom };
  pdf.pages.forEach((p, i) => {
    const page = i + 1;
    const bad = new Set<string>();
    for (const r of p.runs) {
      const top = r.y + r.size * ASCENT;
      const bottom = r.y - r.size * DESCENT;
      const footer = r.artifact && top <= area.bottom + TOLERANCE;
      const [lo, hi] = footer ? [H - frame.footerBottom, area.bottom] : [area.bottom, area.top];
      const where: string[] = [];
      if (r.x < area.left - TOLERANCE) where.push(`starts at x = ${r.x.toFixed(1)}, left of the margin at ${area.left}`);
      if (r.x + r.width > area.right + TOLERANCE) where.push(`ends at x = ${(r.x + r.width).toFixed(1)}, right of the margin at ${area.right.toFixed(1)}`);
      if (bottom < lo - TOLERANCE) where.push(`reaches down to y = ${bottom.toFixed(1)}, below ${footer ? 'the footer band' : 'the text area'} (${lo.toFixed(1)})`);
      if (top > hi + TOLERANCE) where.push(`reaches up to y = ${top.toFixed(1)}, above ${footer ? 'the footer band' : 'the text area'} (${hi.toFixed(1)})`);
      for (const w of where) {
        const key = `${w.split(' ')[0]}:${r.str}`;
        if (bad.has(key)) continue;
        bad.add(key);
        out.push({ invariant: 'area', page, message: `text ${excerpt(r.str)} ${w}` });
      }
    }
    for (const d of p.drawings) {
      const tol = TOLERANCE + d.lineWidth / 2;
      const where: string[] = [];
      if (d.x1 < area.left - tol) where.push(`starts at x = ${d.x1.toFixed(1)}`);
      if (d.x2 > area.right + tol) where.push(`ends at x = ${d.x2.toFixed(1)}`);
      if (d.y1 < area.bottom - tol) where.push(`reaches down to y = ${d.y1.toFixed(1)}`);
      if (d.y2 > area.top + tol) where.push(`reaches up to y = ${d.y2.toFixed(1)}`);
      if (where.length) out.push({ invariant: 'area', page, message: `a ${d.kind} ${where.join(', ')}, outside the text area [${area.left}, ${area.bottom.toFixed(1)}, ${area.right.toFixed(1)}, ${area.top.toFixed(1)}]` });
    }
  });
  return out;
}

/** What must not end a page: a heading, a table's caption, a table's header row. */
function keeper(anc: StructNode[] | undefined): string | undefined {
  const r = roles(anc);
  const h = r.find((x) => /^H[1-6]$/.test(x));
  if (h) return `heading (${h})`;
  const cap = r.indexOf('Caption');
  if (cap > 0 && r[cap - 1] === 'Table') return 'table caption';
  if (r.includes('THead')) return 'table header row';
  return undefined;
}

/** No heading, caption or header row as the last line on a page (figures below it count as content). */
export function checkStranding(pdf: LayoutPdf): Violation[] {
  const out: Violation[] = [];
  pdf.pages.forEach((p, i) => {
    if (i === pdf.pages.length - 1) return;
    const tagged = p.runs.filter((r) => r.mcid);
    if (!tagged.length) return;
    const lowest = Math.min(...tagged.map((r) => r.y));
    const figures: number[] = [];
    walk(p.tree, (n) => {
      if (n.role === 'Figure' && n.bbox) figures.push(Math.min(n.bbox[1], n.bbox[3]));
    });
    const lastLine = tagged.filter((r) => r.y - lowest < 2);
    const lowestRun = Math.min(...lastLine.map((r) => r.y - r.size * DESCENT));
    if (figures.some((y) => y < lowestRun - 1)) return; // a picture or chart is below the last line
    const kinds = lastLine.map((r) => keeper(p.ancestors.get(r.mcid!)));
    if (kinds.every(Boolean)) {
      out.push({ invariant: 'strand', page: i + 1, message: `a ${kinds[0]} ends the page: ${excerpt(lastLine.map((r) => r.str).join(' '))}` });
    }
  });
  return out;
}

/** A structure element's text on a page, and how many lines it has there. */
function elementText(n: StructNode, page: LayoutPage): { text: string; lines: number; content: boolean } {
  let text = '';
  let content = false;
  const ids = new Set<string>();
  walk(n, (c) => {
    if (c.type === 'content' && c.id) {
      content = true;
      ids.add(c.id);
      text += page.byMcid.get(c.id) ?? '';
    }
  });
  const ys = new Set(page.runs.filter((r) => r.mcid && ids.has(r.mcid)).map((r) => Math.round(r.y)));
  return { text, lines: ys.size, content };
}

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

export interface SplitOptions {
  /** Every label the model has (glossary terms, key figures, printed list labels). */
  labels: Set<string>;
  /** Of those, the terms of definitions (glossary and key facts), which keep two lines of what they define. */
  terms: Set<string>;
}

/** Labels with their bodies; no empty fragment of a box or table at a page's top or foot. */
export function checkSplits(pdf: LayoutPdf, frame: PageFrame, opts: SplitOptions): Violation[] {
  const out: Violation[] = [];
  const H = pdf.height;
  const area = { top: H - frame.top, bottom: H - frame.bottom };
  const generated = /^(•|\d+\.|[a-z]{1,3}[.)]|\(?[a-z0-9]{1,4}\))?$/i;
  const known = new Set([...opts.labels].map(squash));
  const terms = new Set([...opts.terms].map(squash));
  pdf.pages.forEach((p, i) => {
    const page = i + 1;
    const items: { lbl?: ReturnType<typeof elementText>; body?: ReturnType<typeof elementText> }[] = [];
    walk(p.tree, (n) => {
      if (n.role !== 'LI') return;
      const kid = (role: string) => n.children?.find((c) => c.role === role);
      const lbl = kid('Lbl');
      const body = kid('LBody');
      items.push({ lbl: lbl ? elementText(lbl, p) : undefined, body: body ? elementText(body, p) : undefined });
    });
    items.forEach((it, k) => {
      if (!it.lbl?.content) return;
      const label = squash(it.lbl.text);
      if (!it.body?.content) out.push({ invariant: 'split', page, message: `the label ${excerpt(it.lbl.text)} is on this page and what it labels on the next` });
      if (label && !known.has(label) && !generated.test(label)) out.push({ invariant: 'split', page, message: `the label ${excerpt(it.lbl.text)} is cut across pages` });
      // A term's definition keeps two lines with it when it goes on to the next page.
      const last = k === items.length - 1;
      const next = pdf.pages[i + 1];
      if (last && next && terms.has(label) && it.body?.content && it.body.lines < 2) {
        let continues = false;
        let first = true;
        walk(next.tree, (n) => {
          if (n.role !== 'LI' || !first) return;
          first = false;
          continues = !n.children?.some((c) => c.role === 'Lbl');
        });
        if (continues) out.push({ invariant: 'split', page, message: `only one line of what ${excerpt(it.lbl.text)} means is on this page` });
      }
    });
    // Empty fragments: a fill, or a row of vertical rules (a box's accent rule, a table row's
    // cell rules), at the text area's top or foot with no text inside it.
    const glyphs = p.runs;
    const edge = (d: Drawing) => (Math.abs(d.y1 - area.bottom) < 2.5 ? 'foot' : Math.abs(d.y2 - area.top) < 2.5 ? 'top' : undefined);
    const holds = (x1: number, x2: number, y1: number, y2: number) => glyphs.some((r) => r.x + r.width > x1 && r.x < x2 && r.y + r.size * ASCENT > y1 && r.y - r.size * DESCENT < y2);
    const fragments: { what: string; x1: number; x2: number; y1: number; y2: number; at: string }[] = [];
    // A table row's cells are filled one by one: a row's fills make one fragment.
    const fills = new Map<string, Drawing[]>();
    for (const d of p.drawings) {
      const at = edge(d);
      if (!at || !d.artifact || d.kind !== 'fill' || d.y2 - d.y1 < 1.5) continue;
      const key = `${Math.round(d.y1)}:${Math.round(d.y2)}`;
      fills.set(key, [...(fills.get(key) ?? []), d]);
    }
    for (const row of fills.values()) {
      fragments.push({ what: 'fill', x1: Math.min(...row.map((d) => d.x1)), x2: Math.max(...row.map((d) => d.x2)), y1: row[0].y1, y2: row[0].y2, at: edge(row[0])! });
    }
    const rows = new Map<string, Drawing[]>();
    for (const d of p.drawings) {
      const at = edge(d);
      const vertical = d.kind === 'stroke' && d.x2 - d.x1 <= d.lineWidth + 1 && d.y2 - d.y1 > 3;
      if (!at || !d.artifact || !vertical) continue;
      const key = `${Math.round(d.y1)}:${Math.round(d.y2)}`;
      rows.set(key, [...(rows.get(key) ?? []), d]);
    }
    for (const rules of rows.values()) {
      const xs = rules.map((d) => d.x1);
      // From the leftmost rule to the margin: a table row's text may be far from its last rule.
      const [x1, x2] = [Math.min(...xs), frame.right];
      fragments.push({ what: 'rule', x1, x2, y1: Math.min(...rules.map((d) => d.y1)), y2: Math.max(...rules.map((d) => d.y2)), at: edge(rules[0])! });
    }
    const reported: typeof fragments = [];
    for (const f of fragments) {
      if (holds(f.x1, f.x2, f.y1, f.y2)) continue;
      // A box's fill and its rule make one fragment.
      if (reported.some((r) => r.at === f.at && r.y1 < f.y2 && f.y1 < r.y2 && r.x1 < f.x2 && f.x1 < r.x2 + 5)) continue;
      reported.push(f);
      out.push({ invariant: 'split', page, message: `an empty fragment of a box or table (${f.what} ${(f.y2 - f.y1).toFixed(0)} pt high, no text in it) at the ${f.at} of the page` });
    }
  });
  return out;
}

/** The words a model prints, in reading order: runs of words in order, and tables as bags of cells. */
export type Expected = { kind: 'words'; words: string[]; where: string } | { kind: 'cells'; caption: string; cells: string[]; where: string };

// Punctuation at a word's ends is not looked for: the layout may print other text beside it (an
// agenda pack's page ranges after a decision number).
const wordsOf = (s: string) =>
  s
    .split(/\s+/)
    .map((w) => squash(w).replace(/^[()[\],.;:!?"'“”‘’]+|[()[\],.;:!?"'“”‘’]+$/g, ''))
    .filter(Boolean);

export function expectedText(doc: DocumentModel): Expected[] {
  const out: Expected[] = [];
  const words = (s: string, where: string) => {
    const w = wordsOf(s);
    if (w.length) out.push({ kind: 'words', words: w, where });
  };
  // A cross-reference prints its page after its title, and a line break parts words: both end a word.
  const text = (xs: Inline[]): string =>
    xs.map((i) => (i.type === 'xref' ? ` ${i.title} ` : i.type === 'break' ? ' ' : i.type === 'text' ? i.text : text(i.children))).join('');
  words(doc.cover.title.text, 'title');
  if (doc.cover.subtitle) words(doc.cover.subtitle, 'subtitle');
  for (const l of doc.cover.lines) words(text(l.inlines), 'cover');
  const blocks = (bs: Block[]) => bs.forEach(block);
  function block(b: Block): void {
    const where = `${b.type} ${b.id}`;
    switch (b.type) {
      case 'heading':
        return words(b.text, where);
      case 'paragraph':
        return words(text(b.inlines), where);
      case 'list':
        return b.items.forEach((item, i) => {
          if (b.labels?.[i]) words(b.labels[i], where);
          blocks(item);
        });
      case 'definitions':
        return b.items.forEach((item) => {
          words(item.term, where);
          blocks(item.body);
        });
      case 'table': {
        // A name the product gave a table (no caption in the content) is its title, not printed.
        if (!b.hiddenCaption) words(b.caption, where);
        const cells = [...b.columns, ...b.rows.flat()].map((c) => text(c)).filter((c) => c.trim());
        out.push({ kind: 'cells', caption: b.hiddenCaption ? '' : b.caption, cells, where });
        return;
      }
      case 'quote':
        blocks(b.blocks);
        if (b.by) words(b.by, where);
        return;
      case 'box':
      case 'group':
      case 'pictureRow':
        return blocks(b.blocks);
      case 'figure':
        if (b.caption) words(b.caption, where);
        return;
      case 'contents':
        return b.entries.forEach((e) => words(e.text, where));
      case 'pageBreak':
        return;
    }
  }
  blocks(doc.blocks);
  return out;
}

/** The labels a model's lists and definitions print, for checkSplits. */
export function labelsOf(doc: DocumentModel): SplitOptions {
  const labels = new Set<string>();
  const terms = new Set<string>();
  const visit = (bs: Block[]) =>
    bs.forEach((b) => {
      if (b.type === 'definitions') b.items.forEach((i) => (labels.add(i.term), terms.add(i.term), visit(i.body)));
      else if (b.type === 'list') {
        b.labels?.forEach((l) => labels.add(l));
        b.items.forEach(visit);
      } else if ('blocks' in b) visit(b.blocks);
    });
  visit(doc.blocks);
  return { labels, terms };
}

/**
 * The tag tree's text, page after page, without spaces (extraction drops the space where a line
 * wraps), in two streams: the table cells' text, and all the rest (the flow). A mark no word has
 * starts each page and each cell, so a word is never found across two cells, and a word broken
 * over a page is found by its pieces. The cells are in zones, one per table on each page, with
 * the caption the table has on that page (none where it goes on from the page before).
 */
export interface ReadingText {
  flow: string;
  cells: string;
  /** `page` (from 0) and whether it is the page's first table: only such a zone can go on from the page before. */
  zones: { start: number; caption: string; page: number; first: boolean }[];
  /** Where each page starts in the flow. */
  flowAt: number[];
}

export function readingText(pdf: LayoutPdf): ReadingText {
  const r: ReadingText = { flow: '', cells: '', zones: [], flowAt: [] };
  for (const [page, p] of pdf.pages.entries()) {
    r.flowAt.push(r.flow.length);
    const zonesBefore = r.zones.length;
    r.flow += MARK;
    r.cells += MARK;
    let cell: StructNode | undefined;
    let table: StructNode | undefined;
    walk(p.tree, (n, anc) => {
      if (n.type !== 'content' || !n.id) return;
      const t = squash(p.byMcid.get(n.id) ?? '');
      const inTable = [...anc].reverse().find((a) => a.role === 'Table');
      if (inTable && inTable !== table) {
        const caption = inTable.children?.find((c) => c.role === 'Caption');
        r.zones.push({ start: r.cells.length, caption: caption ? squash(elementText(caption, p).text) : '', page, first: r.zones.length === zonesBefore });
        r.cells += MARK;
      }
      table = inTable ?? table;
      const here = [...anc].reverse().find((a) => a.role === 'TD' || a.role === 'TH');
      if (!here) r.flow += t;
      else {
        // In cells, words keep their bounds (a word may be found only whole), and so does each line.
        if (here !== cell) r.cells += MARK;
        r.cells += SPACE + (p.byMcid.get(n.id) ?? '').normalize('NFKC').trim().replace(/\s+/g, SPACE) + SPACE;
      }
      cell = here;
    });
  }
  return r;
}
const MARK = '\u0001';
const SPACE = '\u0002';
const EDGE = new Set([MARK, SPACE, ...'()[],.;:!?"\'“”‘’']);

/**
 * Every word of the model in the reading text, in order: each looked for within a window after
 * the last one found (so one missing word does not hide the rest), and whole or broken over a
 * page. A table's words are looked for among the cells of the tables that carry its caption (its
 * parts, when set in column groups) and of their continuations on the pages after, each word
 * counted once, in any order: a table may be transposed or set in column groups (which repeat
 * the first column), and a row broken over two pages is read a part of each cell on each.
 * `skip` drops words the layout itself changes (an agenda pack's page-range placeholders).
 */
export function checkComplete(pdf: LayoutPdf, doc: DocumentModel, skip: (word: string) => boolean = () => false): Violation[] {
  const out: Violation[] = [];
  const rt = readingText(pdf);
  const pageOf = (at: number) => {
    let k = 0;
    while (k + 1 < rt.flowAt.length && rt.flowAt[k + 1] <= at) k++;
    return k + 1;
  };
  const WINDOW = 4000;
  const NEAR = 400;
  /** The nearest place of a word in the flow: whole, or broken over a page (a mark between its pieces). */
  const find = (w: string, from: number, within: number): number => {
    // The nearest: a word may also be the start of a longer one further on (one web address of another).
    const stretch = rt.flow.slice(from, from + within + w.length + 1);
    let best = stretch.indexOf(w);
    for (let k = 1; k < w.length; k++) {
      const broken = stretch.indexOf(w.slice(0, k) + MARK + w.slice(k));
      if (broken >= 0 && (best < 0 || broken < best)) best = broken;
    }
    return best < 0 ? -1 : from + best;
  };
  let pos = 0;
  let zone = 0;
  const segs = expectedText(doc);
  const zoneEnd = (k: number) => (k + 1 < rt.zones.length ? rt.zones[k + 1].start : rt.cells.length);
  /** Whether a zone holds one of a table's first words (its first cells') whole, or a cell that is one of them broken over lines. */
  const opens = (cells: string[], k: number) => {
    const first = new Set(cells.flatMap((c) => wordsOf(c)).filter((w) => !skip(w)).slice(0, 5));
    const zoneCells = rt.cells.slice(rt.zones[k].start, zoneEnd(k)).split(MARK);
    return zoneCells.some((cell) => first.has(cell.replaceAll(SPACE, '')) || cell.split(SPACE).some((w) => first.has(w.replace(/^[()[\],.;:!?"'“”‘’]+|[()[\],.;:!?"'“”‘’]+$/g, ''))));
  };
  for (const seg of segs) {
    if (seg.kind === 'words') {
      // The first word may be some way on (past printed labels, page numbers); the rest follow closely.
      const start = pos;
      const lost: string[] = [];
      let first = true;
      for (const w of seg.words) {
        if (skip(w)) continue;
        const at = find(w, pos, first ? WINDOW : NEAR);
        if (at < 0) lost.push(w);
        else {
          pos = at + w.length;
          first = false;
        }
      }
      // Most of it missing: the whole passage is lost, and what follows is looked for from where it should have been.
      if (lost.length * 2 > seg.words.length) pos = start;
      if (lost.length) out.push({ invariant: 'complete', page: pageOf(pos), message: `${seg.where}: ${lost.length} of ${seg.words.length} word(s) not found in reading order: ${excerpt(lost.join(' '))}` });
      continue;
    }
    // The table's first zone: the next with its caption.
    const caption = squash(seg.caption);
    let z = zone;
    const words = seg.cells.flatMap((c) => wordsOf(c)).filter((w) => !skip(w));
    if (caption) while (z < rt.zones.length && !rt.zones[z].caption.startsWith(caption)) z++;
    // A table with no printed caption is found by its first words, in the first zone from here that
    // has one (not the continuation of the table before it on a new page).
    else if (words.length) while (z < rt.zones.length && !opens(seg.cells, z)) z++;
    /**
     * Whether a word is in a region broken over lines (a word too long for its column): in one
     * cell's text with its line bounds left out; or over a page, in a row broken over two: its
     * first piece ends one part of a cell and the rest begins a later one (the repeated header
     * row may stand between them).
     */
    const broken = (w: string, region: number[]) => {
      const parts = rt.cells.slice(region[0], region[1]).split(MARK).map((t) => t.replaceAll(SPACE, '')).filter(Boolean);
      return (
        parts.some((t) => t.includes(w)) ||
        Array.from({ length: w.length - 1 }, (_, k) => k + 1).some((k) => {
          const a = parts.findIndex((t) => t.endsWith(w.slice(0, k)));
          return a >= 0 && parts.slice(a + 1).some((t) => t.startsWith(w.slice(k)));
        })
      );
    };
    if (z >= rt.zones.length) {
      out.push({ invariant: 'complete', page: pageOf(pos), message: `${seg.where}: no table captioned ${excerpt(seg.caption)} found after the one before (${words.length} word(s) in its cells)` });
      continue;
    }
    // Longest first, and no text counted twice: a short word may be part of a longer one.
    let remaining = [...words].sort((a, b) => b.length - a.length);
    const used: [number, number][] = [];
    const free = (a: number, b: number) => used.every(([u, v]) => b <= u || a >= v);
    let end = z;
    // Where the last of its words was found: zones gone into but holding none of them are not the table's.
    let lastAt = -1;
    for (;;) {
      // A table with no caption has no zone of its own a reader can name: its words are looked for
      // in the cells from where it starts on (its column groups and pages print no caption either).
      const region = [rt.zones[z].start, caption && end + 1 < rt.zones.length ? rt.zones[end + 1].start : rt.cells.length];
      // A word is found whole: at word bounds (spaces, marks, the punctuation left off its ends).
    const whole = (at: number, len: number) => (at === 0 || EDGE.has(rt.cells[at - 1])) && (at + len >= rt.cells.length || EDGE.has(rt.cells[at + len]));
    remaining = remaining.filter((w) => {
        let at = rt.cells.indexOf(w, region[0]);
        while (at >= 0 && at < region[1] && (!free(at, at + w.length) || !whole(at, w.length))) at = rt.cells.indexOf(w, at + 1);
        if (at >= 0 && at + w.length <= region[1]) {
          used.push([at, at + w.length]);
          lastAt = Math.max(lastAt, at);
          return false;
        }
        return true;
      });
      // Go on into the next zone while words are missing and it is this table's: a continuation, or a part with its caption.
      const next = rt.zones[end + 1];
      // (A zone with no caption goes on from the page before only as the next page's first table.)
      if (!caption) break;
      const continues = next && next.caption === '' && next.first && next.page === rt.zones[end].page + 1;
      if (!remaining.length || !next || !(continues || (caption !== '' && next.caption.startsWith(caption)))) break;
      // Only words not found even broken over lines send it on: the next page's first table may be another one.
      const here = [rt.zones[z].start, zoneEnd(end)];
      if (continues && remaining.every((w) => broken(w, here))) break;
      end++;
    }
    const region = [rt.zones[z].start, caption && end + 1 < rt.zones.length ? rt.zones[end + 1].start : rt.cells.length];
    const lost = remaining.filter((w) => !broken(w, region));
    if (lost.length) out.push({ invariant: 'complete', page: pageOf(pos), message: `${seg.where}: ${lost.length} of ${words.length} word(s) of its cells not found: ${excerpt(lost.join(' '))}` });
    const lastZone = lastAt < 0 ? end : rt.zones.findLastIndex((zn) => zn.start <= lastAt);
    zone = Math.max(z, Math.min(end, lastZone)) + 1;
  }
  return out;
}

/** Every invariant on one PDF. */
export async function checkLayout(bytes: Uint8Array, frame: PageFrame, doc: DocumentModel, skip?: (word: string) => boolean): Promise<{ violations: Violation[]; pages: number }> {
  const pdf = await readLayout(bytes);
  return {
    pages: pdf.pages.length,
    violations: [...checkArea(pdf, frame), ...checkStranding(pdf), ...checkSplits(pdf, frame, labelsOf(doc)), ...checkComplete(pdf, doc, skip)],
  };
}
