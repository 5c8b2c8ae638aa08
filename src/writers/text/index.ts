// Plain-text writer (PT-01…PT-09): UTF-8, LF, one paragraph per line, numbered and
// underlined headings, "- " lists, tables linearised as "Header: value", charts as their data,
// URLs written whole. One handler per node type.
import { unseenAddress } from '../common/links.ts';
import { boxLines, figureLine, tableLines } from '../common/linear.ts';
import type { Block, DocumentModel, Inline, Labels, List } from '../../model/types.ts';
import { dispatch, type Handlers, type Writer } from '../context.ts';

interface Out {
  lines: string[];
  L: Labels;
  indent: string;
}

const INLINES: Handlers<Inline, [Out], string> = {
  text: (i) => i.text,
  term: (i, o) => inlines(i.children, o),
  // A heading that prints its own number says it in its title.
  xref: (i) => `"${i.title}"${i.number ? ` (section ${i.number})` : ''}`,
  break: () => ' ',
  link: (i, o) => {
    const text = inlines(i.children, o);
    const address = unseenAddress(i.href, text);
    return address ? `${text} (${address})` : text;
  },
};

const inlines = (xs: Inline[], o: Out): string => xs.map((i) => dispatch(INLINES, i, o)).join('').replace(/[ \t]+/g, ' ');
const para = (o: Out, s: string) => o.lines.push(o.indent + s.trim(), '');
const blocks = (bs: Block[], o: Out) => bs.forEach((b) => dispatch(BLOCKS, b, o));

/** A block's words on one line, for list items and definitions. */
function oneLine(bs: Block[], o: Out): string {
  const inner: Out = { ...o, lines: [], indent: '' };
  blocks(bs, inner);
  return inner.lines.filter((l) => l.trim()).join(' ');
}

function list(b: List, o: Out): void {
  const marker = b.labels ? (n: number) => `${b.labels![n]} ` : b.style === 'ordered' ? (n: number) => `${(b.start ?? 1) + n}. ` : b.style === 'check' ? () => `- ${o.L.achieved}: ` : () => '- ';
  b.items.forEach((item, n) => {
    const [first, ...rest] = item;
    const head = first?.type === 'paragraph' ? inlines(first.inlines, o) : '';
    o.lines.push(`${o.indent}${marker(n)}${head}`.trimEnd());
    const nested: Out = { ...o, indent: o.indent + '  ' };
    for (const x of first?.type === 'paragraph' ? rest : item) {
      if (x.type === 'paragraph') nested.lines.push(`${nested.indent}${inlines(x.inlines, o)}`);
      else dispatch(BLOCKS, x, nested);
    }
    // Printed labels number paragraphs ("1.1", "a)"): each stays a paragraph of its own.
    if (b.labels && !o.indent) o.lines.push('');
  });
  if (!o.indent) o.lines.push('');
}

const BLOCKS: Handlers<Block, [Out], void> = {
  heading: (b, o) => {
    if (!b.outline) return para(o, b.text);
    const title = numbered(b.number, b.text);
    o.lines.push('', title);
    if (b.level <= 3) o.lines.push((b.level <= 2 ? '=' : '-').repeat(title.length));
    o.lines.push('');
  },
  paragraph: (b, o) => para(o, inlines(b.inlines, o)),
  list,
  definitions: (b, o) => {
    if (b.style === 'facts') {
      for (const f of b.items) o.lines.push(`- ${factLine(f, o)}`);
      o.lines.push('');
    } else for (const e of b.items) para(o, `${e.term}: ${oneLine(e.body, o)}`);
  },
  table: (b, o) => {
    const { caption, rows } = tableLines(b, o.L, (c) => inlines(c, o));
    para(o, caption);
    for (const row of rows) o.lines.push(`- ${row}`);
    o.lines.push('');
    para(o, o.L.endOfTable);
  },
  quote: (b, o) => para(o, `${o.L.quote}: “${oneLine(b.blocks, o)}”${b.by ? ` (${b.by})` : ''}`),
  box: (b, o) => {
    const box = boxLines(b, o.L);
    if (box.opening) para(o, box.opening);
    blocks(box.blocks, o);
    if (box.closing) para(o, box.closing);
  },
  figure: (b, o) => para(o, figureLine(b, o.L)),
  group: (b, o) => {
    if (b.role !== 'contact') return blocks(b.blocks, o);
    // Phone numbers keep their spaces plain here: non-breaking spaces are for print (CP-07).
    for (const x of b.blocks) o.lines.push(oneLine([x], o).replace(/\u00a0/g, ' '));
    o.lines.push('');
  },
  pictureRow: (b, o) => {
    for (const p of b.pictures) o.lines.push(`${o.L.picture}: ${p.alt}.`);
    blocks(b.blocks, o);
  },
  pageBreak: () => undefined,
  contents: (b, o) => {
    for (const e of b.entries) o.lines.push(`- ${numbered(e.number, e.text)}`);
    o.lines.push('');
  },
};

export const writeText: Writer = async (doc: DocumentModel) => {
  const o: Out = { lines: [], L: doc.labels, indent: '' };
  const c = doc.cover;
  o.lines.push(c.title.text, '='.repeat(c.title.text.length), '');
  if (c.subtitle) para(o, c.subtitle);
  para(o, c.lines.map((l) => inlines(l.inlines, o).replace(/\.?$/, '.')).join(' '));
  blocks(doc.blocks, o);
  const text = o.lines.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
  return { bytes: new TextEncoder().encode(text) };
};

/**
 * A key fact on one line: its figure and what it counts, then each further figure of the same
 * fact ("12,345 people had a review; 57% of them felt safer").
 */
function factLine(f: { term: string; body: Block[] }, o: Out): string {
  const parts = f.body.map((x) => (x.type === 'definitions' && x.style === 'facts' ? x.items.map((g) => factLine(g, o)).join('; ') : oneLine([x], o)));
  return `${f.term} ${parts.filter(Boolean).join('; ')}`;
}

/** A heading with its section number, where the model gives it one. */
function numbered(num: string | undefined, text: string): string {
  return num ? `${num} ${text}` : text;
}
