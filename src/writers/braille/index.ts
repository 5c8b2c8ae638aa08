// Braille writer (BR-01…BR-08): a Braille Ready File (BRF) in Unified English Braille grade 2, the UK's
// code, translated by liblouis (liblouis.ts; decision 0010). Pages of 40 cells by 25 lines, ended by a
// form feed; lines by CR LF; only BRF's ASCII (0x20-0x5F). It says what the plain text says, node
// for node (tables linearised as "Header: value", charts as their data), and lays it out as UK
// transcription guidance does (UKAAF's guiding principles, RNIB's house style; decision 0010):
//   - the braille page number at the top right, on the page's first line, which holds nothing else;
//   - the title page (the cover) on a page of its own, its title centred;
//   - headings: level 1 centred, level 2 in cell 5, level 3 in cell 7, deeper ones at the margin,
//     each after a blank line and never the last thing on a page;
//   - paragraphs in cell 3, running over to cell 1; no blank lines between them (braille is bulky);
//   - list items in cell 1, running over to cell 3 (nested items two cells further in); bullets are
//     not brailled, the hanging indent shows the items; numbers and printed labels are.
// One handler per node type; the layout (lines, pages) is done once, after translation.
import { unseenAddress } from '../common/links.ts';
import { boxLines, figureLine, tableLines } from '../common/linear.ts';
import type { Block, DocumentModel, Inline, Labels, List } from '../../model/types.ts';
import { dispatch, type Handlers, type Writer } from '../context.ts';
import { louis, type Louis } from './liblouis.ts';

export const CELLS = 40;
export const LINES = 25;
/** Cells on each side of a centred heading that stay blank (BANA and UKAAF: at least three). */
const CENTRE_MARGIN = 3;

/** A paragraph of print text and where its lines go: cells are counted from 0 (cell 1 is 0). */
interface Item {
  text: string;
  first: number;
  runover: number;
  centred?: boolean;
  /** A blank line before it (not at the top of a page). */
  blank?: boolean;
  /** Kept on the same page as the next item's first line (a heading). */
  keep?: boolean;
  /** Starts a new page (after the title page). */
  newPage?: boolean;
}

interface Out {
  items: Item[];
  L: Labels;
  /** Nesting depth of lists and their blocks: each level is two cells further in. */
  depth: number;
}

const INLINES: Handlers<Inline, [Out], string> = {
  text: (i) => i.text,
  term: (i, o) => inlines(i.children, o),
  xref: (i) => `"${i.title}"${i.number ? ` (section ${i.number})` : ''}`,
  break: () => ' ',
  link: (i, o) => {
    const text = inlines(i.children, o);
    const address = unseenAddress(i.href, text);
    return address ? `${text} (${address})` : text;
  },
};

const inlines = (xs: Inline[], o: Out): string => xs.map((i) => dispatch(INLINES, i, o)).join('');
const blocks = (bs: Block[], o: Out) => bs.forEach((b) => dispatch(BLOCKS, b, o));
const indent = (o: Out) => 2 * o.depth;

/** A paragraph: cell 3, running over to cell 1 (within a list, both further in). */
const para = (o: Out, text: string) => o.items.push({ text, first: indent(o) + 2, runover: indent(o) });
/** A list item: cell 1, running over to cell 3. */
const item = (o: Out, text: string) => o.items.push({ text, first: indent(o), runover: indent(o) + 2 });

/** A block's words on one line, for list items and definitions (as the plain text has them). */
function oneLine(bs: Block[], o: Out): string {
  const inner: Out = { ...o, items: [], depth: 0 };
  blocks(bs, inner);
  return inner.items.map((i) => i.text.trim()).filter(Boolean).join(' ');
}

function list(b: List, o: Out): void {
  const marker = b.labels ? (n: number) => `${b.labels![n]} ` : b.style === 'ordered' ? (n: number) => `${(b.start ?? 1) + n}. ` : b.style === 'check' ? () => `${o.L.achieved}: ` : () => '';
  b.items.forEach((x, n) => {
    const [first, ...rest] = x;
    const head = first?.type === 'paragraph' ? inlines(first.inlines, o) : '';
    if (head || marker(n)) item(o, `${marker(n)}${head}`);
    const nested: Out = { ...o, depth: o.depth + 1 };
    for (const y of first?.type === 'paragraph' ? rest : x) {
      if (y.type === 'paragraph') item(nested, inlines(y.inlines, o));
      else dispatch(BLOCKS, y, nested);
    }
  });
}

/** Where a heading of each level starts: level 2 in cell 5, level 3 in cell 7, deeper at the margin. */
const HEADING_CELL: Record<number, number> = { 2: 4, 3: 6 };

const BLOCKS: Handlers<Block, [Out], void> = {
  heading: (b, o) => {
    if (!b.outline) return para(o, b.text);
    const text = numbered(b.number, b.text);
    if (b.level === 1) return void o.items.push({ text, first: 0, runover: 0, centred: true, blank: true, keep: true });
    const cell = HEADING_CELL[b.level] ?? 0;
    o.items.push({ text, first: cell, runover: cell, blank: true, keep: true });
  },
  paragraph: (b, o) => para(o, inlines(b.inlines, o)),
  list,
  definitions: (b, o) => {
    if (b.style === 'facts') for (const f of b.items) item(o, factLine(f, o));
    else for (const e of b.items) para(o, `${e.term}: ${oneLine(e.body, o)}`);
  },
  table: (b, o) => {
    const { caption, rows } = tableLines(b, o.L, (c) => inlines(c, o));
    para(o, caption);
    for (const row of rows) item(o, row);
    para(o, o.L.endOfTable);
  },
  quote: (b, o) => para(o, `${o.L.quote}: “${oneLine(b.blocks, o)}”${b.by ? ` (${b.by})` : ''}`),
  box: (b, o) => {
    const box = boxLines(b, o.L);
    if (box.opening) para(o, box.opening);
    blocks(box.blocks, o);
    if (box.closing) para(o, box.closing);
  },
  // A chart's figures follow it as its data table (the chart's Group); here only what it is.
  figure: (b, o) => para(o, figureLine(b, o.L)),
  group: (b, o) => {
    if (b.role !== 'contact') return blocks(b.blocks, o);
    for (const x of b.blocks) item(o, oneLine([x], o));
  },
  pictureRow: (b, o) => {
    for (const p of b.pictures) para(o, `${o.L.picture}: ${p.alt}.`);
    blocks(b.blocks, o);
  },
  // Print's page breaks are print's: braille pages fall where braille fills them.
  pageBreak: () => undefined,
  contents: (b, o) => {
    for (const e of b.entries) item(o, numbered(e.number, e.text));
  },
};

export const writeBraille: Writer = async (doc: DocumentModel) => {
  const o: Out = { items: [], L: doc.labels, depth: 0 };
  const c = doc.cover;
  o.items.push({ text: c.title.text, first: 0, runover: 0, centred: true });
  if (c.subtitle) o.items.push({ text: c.subtitle, first: 0, runover: 0, centred: true, blank: true });
  const lines = c.lines.map((l) => inlines(l.inlines, o).trim().replace(/\.?$/, '.')).join(' ');
  if (lines) o.items.push({ text: lines, first: 2, runover: 0, blank: true });
  const body = o.items.length;
  blocks(doc.blocks, o);
  if (o.items[body]) o.items[body] = { ...o.items[body], newPage: true };
  const pages = paginate(await translate(o.items));
  return { bytes: brfBytes(pages), pages: pages.length };
};

/** Each item's text in braille (spaces kept as spaces, so lines can break between words). */
async function translate(items: Item[]): Promise<(Item & { brf: string })[]> {
  const lou: Louis = await louis();
  return items.map((i) => ({ ...i, brf: lou.toBrf(printable(i.text)) })).filter((i) => i.brf.trim());
}

/** Print text as liblouis should see it: no-break spaces as spaces, invisible characters gone, one space between words. */
function printable(s: string): string {
  return s
    .replace(/[\u00a0\u2007\u202f\t\n\r]/g, ' ')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** An item's braille in lines of at most CELLS cells, broken between words. */
export function wrap(brf: string, first: number, runover: number, centred = false): string[] {
  const width = centred ? CELLS - 2 * CENTRE_MARGIN : CELLS;
  const lines: string[] = [];
  let line = '';
  let start = centred ? 0 : first;
  const room = () => width - start;
  const flush = () => {
    lines.push(line);
    line = '';
    start = centred ? 0 : runover;
  };
  for (let word of brf.split(' ').filter(Boolean)) {
    if (line && line.length + 1 + word.length > room()) flush();
    // A word longer than a whole line (an address) is divided where the line ends.
    while (word.length > room()) {
      if (line) flush();
      line = word.slice(0, room());
      word = word.slice(room());
      flush();
    }
    line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, n) => (centred ? ' '.repeat(Math.floor((CELLS - l.length) / 2)) : ' '.repeat(n === 0 ? first : runover)) + l);
}

/** The braille page number: the numeric indicator and the digits as the letters a-j (UEB). */
export function pageNumber(n: number): string {
  return '#' + [...String(n)].map((d) => 'JABCDEFGHI'[Number(d)]).join('');
}

/** Lines into pages: the first line of each holds its number at the right; headings stay with what follows. */
function paginate(items: (Item & { brf: string })[]): string[][] {
  const text = LINES - 1;
  const pages: string[][] = [];
  let page: string[] = [];
  const newPage = () => {
    pages.push(page);
    page = [];
  };
  items.forEach((it, n) => {
    if (it.newPage && page.length) newPage();
    const lines = wrap(it.brf, it.first, it.runover, it.centred);
    // A heading, its blank line and the first line after it go on one page, or the heading starts the next.
    const need = (it.blank && page.length ? 1 : 0) + lines.length + (items[n + 1] ? 1 : 0);
    if (it.keep && page.length && page.length + need > text) newPage();
    if (it.blank && page.length && page.length < text) page.push('');
    for (const l of lines) {
      if (page.length === text) newPage();
      page.push(l);
    }
  });
  if (page.length || !pages.length) pages.push(page);
  return pages.map((p, n) => [pageNumber(n + 1).padStart(CELLS), ...p].map((l) => l.trimEnd()));
}

/** Pages as BRF: lines ended by CR LF, each page ended by a form feed but the last. */
function brfBytes(pages: string[][]): Uint8Array {
  const text = pages.map((p) => p.map((l) => `${l}\r\n`).join('')).join('\f');
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x5f || (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x0c)) throw new Error(`BRF cannot hold character ${c.toString(16)}`);
    bytes[i] = c;
  }
  return bytes;
}

/** A key fact on one line, as the plain text has it. */
function factLine(f: { term: string; body: Block[] }, o: Out): string {
  const parts = f.body.map((x) => (x.type === 'definitions' && x.style === 'facts' ? x.items.map((g) => factLine(g, o)).join('; ') : oneLine([x], o)));
  return `${f.term} ${parts.filter(Boolean).join('; ')}`;
}

/** A heading with its section number, where the model gives it one. */
function numbered(num: string | undefined, text: string): string {
  return num ? `${num} ${text}` : text;
}
