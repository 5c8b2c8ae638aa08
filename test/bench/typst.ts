// The bench's peer: the same document model set in Typst (typst-ts-node-compiler, Typst 0.14),
// so `npm run bench` can print our time as a ratio of Typst's on the same words. A small writer,
// a handler per node type as ours are, setting what a reader sees: the cover lines, headings
// with their numbers, paragraphs, lists, definition lists, tables with header rows (repeated on
// each page), boxes, quotes, charts as their data tables, pictures as their alt text (Typst
// would need the image files on disk; the Local Account's pictures are charts), the contents as
// Typst's outline, page numbers in the footer, Atkinson Hyperlegible at the profile's size, and
// PDF/UA-1 (tagged), as ours is. It is the peer's fair best, not our output: nothing reads it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import type { Block, DocumentModel, Inline } from '../../src/model/types.ts';

const FONTS = join(import.meta.dirname, '..', '..', 'assets', 'fonts');

/** Typst markup's special characters, escaped so any text is set as written. */
const esc = (s: string) => s.replace(/[\\#*_`$<>@=\-+/\[\]~"']/g, (c) => `\\${c}`).replace(/\n/g, ' ');
const str = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const INLINE: { [K in Inline['type']]: (i: Extract<Inline, { type: K }>) => string } = {
  text: (i) => (i.bold ? `*${esc(i.text)}*` : esc(i.text)),
  link: (i) => `#link(${str(i.href)})[${inlines(i.children)}]`,
  term: (i) => inlines(i.children),
  xref: (i) => esc(i.title),
  break: () => ' \\ ',
};
const inlines = (xs: Inline[]) => xs.map((i) => (INLINE[i.type] as (x: Inline) => string)(i)).join('');

const BLOCK: { [K in Block['type']]: (b: Extract<Block, { type: K }>) => string } = {
  heading: (b) => `${'='.repeat(Math.max(1, b.level - 1))} ${b.number ? `${esc(b.number)} ` : ''}${esc(b.text)}\n`,
  paragraph: (b) => `${b.role === 'small' || b.role === 'note' ? '#text(size: 0.92em)[' : ''}${inlines(b.inlines)}${b.role ? ']' : ''}\n`,
  list: (b) => b.items.map((item, n) => `${b.style === 'ordered' ? `${(b.start ?? 1) + n}.` : '-'} ${blocks(item).replace(/\n+/g, ' ')}`).join('\n') + '\n',
  definitions: (b) => b.items.map((d) => `/ ${esc(d.term)}: ${blocks(d.body).replace(/\n+/g, ' ')}`).join('\n') + '\n',
  table: (b) => {
    const cols = Math.max(b.columns.length, ...b.rows.map((r) => r.length), 1);
    const cell = (c: Inline[]) => `[${inlines(c)}]`;
    const head = b.columns.length ? `table.header(${b.columns.map((c) => `[*${inlines(c)}*]`).join(', ')}),` : '';
    return `#figure(caption: [${esc(b.caption)}], kind: table, table(columns: ${cols}, ${head} ${b.rows.map((r) => r.map(cell).join(', ')).join(',\n')}))\n`;
  },
  quote: (b) => `#quote(block: true${b.by ? `, attribution: [${esc(b.by)}]` : ''})[${blocks(b.blocks)}]\n`,
  box: (b) => `#block(fill: luma(240), inset: 10pt, width: 100%, breakable: true)[${blocks(b.blocks)}]\n`,
  figure: (b) =>
    b.graphic.type === 'chart'
      ? `#figure(caption: [${esc(b.graphic.chart.title)}], table(columns: 2, ${b.graphic.chart.data.map((d) => `[${esc(d.label)}], [${d.value ?? '-'}]`).join(', ')}))\n`
      : `#block[${esc(b.alt)}]\n`,
  group: (b) => blocks(b.blocks),
  pictureRow: (b) => `#grid(columns: (auto, 1fr), gutter: 12pt, [${b.pictures.map((p) => esc(p.alt)).join(' ')}], [${blocks(b.blocks)}])\n`,
  pageBreak: () => '#pagebreak()\n',
  contents: () => '#outline(depth: 1)\n',
};
const blocks = (bs: Block[]): string => bs.map((b) => (BLOCK[b.type] as (x: Block) => string)(b)).join('\n');

/** The model as one Typst document at `size` points (12 standard, 18 large print). */
export function typstSource(doc: DocumentModel, size: number): string {
  const m = doc.meta;
  return [
    `#set document(title: ${str(m.title)}, author: ${str(m.author ?? '')})`,
    `#set text(font: "Atkinson Hyperlegible", size: ${size}pt, lang: ${str(m.language.slice(0, 2))})`,
    `#set page(paper: "a4", margin: 2cm, footer: context [#h(1fr) ${esc(m.title)} | Page #counter(page).display() of #counter(page).final().first()])`,
    '#set par(leading: 0.8em)',
    '#show heading: set block(sticky: true)',
    `#title[${esc(doc.cover.title.text)}]`,
    ...doc.cover.lines.map((l) => `${inlines(l.inlines)}\n`),
    '#pagebreak()',
    blocks(doc.blocks),
  ].join('\n');
}

/** A compiler with our fonts loaded once, as a warm process keeps it. */
export function typstCompiler(): NodeCompiler {
  const fontBlobs = ['AtkinsonHyperlegible-Regular.ttf', 'AtkinsonHyperlegible-Bold.ttf'].map((f) => readFileSync(join(FONTS, f)));
  return NodeCompiler.create({ fontArgs: [{ fontBlobs }] });
}

/**
 * One PDF/UA-1 compile from scratch: Typst's memoisation is emptied first, or a second compile of
 * the same text would be answered from its cache and time nothing.
 */
export function typstPdf(compiler: NodeCompiler, source: string): Buffer {
  compiler.evictCache(0);
  const doc = compiler.compile({ mainFileContent: source });
  const result = doc.result;
  if (!result) throw new Error(`Typst could not compile the bench document: ${JSON.stringify(doc.takeDiagnostics()?.shortDiagnostics?.slice(0, 3) ?? doc)}`);
  return compiler.pdf(result, { pdfStandard: 'ua-1' });
}

/** Pages in a PDF Typst wrote (its page tree's count). */
export function pdfPages(pdf: Buffer): number {
  const counts = [...pdf.toString('latin1').matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)].map((m) => Number(m[1]));
  return counts.length ? Math.max(...counts) : 0;
}
