// What a screen reader hears from the PDFs' tag trees, read back with pdfjs-dist: links that
// name a page say the number the page shows, and the lines of one element are words apart.
// Lines are read glyph by glyph from the content streams (pdfjs's operator list), because
// pdfjs's text extraction drops the space at the end of a line whatever the file holds.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { publish } from '../src/pipeline/publish.ts';
import { loadContent } from '../src/pipeline/validate.ts';
import { folderImageLoader, folderTextLoader } from '../src/storage/folder.ts';
import { allBlocks } from '../src/model/walk.ts';
import { inlineText } from '../src/model/walk.ts';
import type { Block, DocumentModel } from '../src/model/types.ts';
import { contentFiles } from './support/content.ts';
import { defaultAssets } from '../src/storage/assets.ts';
import type { StructNode } from './support/pdf-reader.ts';

// pdfjs-dist is loaded when first needed, after the pipeline's own modules.
const pdfjs = () => import('pdfjs-dist/legacy/build/pdf.mjs');

const built = new Map<string, Promise<{ name: string; data: Uint8Array }[]>>();
const pdfsOf = (file: string) => built.get(file) ?? built.set(file, publishPdfs(file)).get(file)!;

async function publishPdfs(file: string): Promise<{ name: string; data: Uint8Array }[]> {
  const r = await publish(file, readFileSync(file), folderImageLoader(file), { loadText: folderTextLoader(file), formats: ['pdf', 'large-print-pdf'] });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.path} ${p.message}`).join('\n'));
  return r.files.filter((f) => f.file.format === 'pdf').map((f) => ({ name: f.file.file, data: f.data }));
}

/** One marked-content sequence as drawn: its glyphs (spaces too), where it starts and where it ends. */
interface Drawn {
  text: string;
  x: number;
  y: number;
  end: number;
  size: number;
}

interface Page {
  number: number;
  tree: StructNode;
  /** Each marked-content sequence's drawing, by its MCID. */
  drawn: Map<number, Drawn>;
  /** Link annotations: where they are and their /Contents. */
  annotations: { rect: number[]; contents: string }[];
}

async function readPages(data: Uint8Array): Promise<Page[]> {
  const { getDocument, OPS } = await pdfjs();
  const pdf = await getDocument({ data: new Uint8Array(data), verbosity: 0 }).promise;
  const pages: Page[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const ops = await page.getOperatorList();
    const drawn = new Map<number, Drawn>();
    const open: (number | null)[] = [];
    let size = 0;
    let at = { x: 0, y: 0 };
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i];
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.beginMarkedContentProps) open.push(typeof args[1] === 'number' ? args[1] : null);
      else if (fn === OPS.beginMarkedContent) open.push(null);
      else if (fn === OPS.endMarkedContent) open.pop();
      else if (fn === OPS.setFont) size = Number(args[1]);
      else if (fn === OPS.setTextMatrix) {
        const m = args[0] as ArrayLike<number>;
        at = { x: m[4], y: m[5] };
      } else if (fn === OPS.showText) {
        const mcid = [...open].reverse().find((m) => m !== null);
        if (mcid === undefined || mcid === null) continue;
        let text = '';
        let width = 0;
        for (const g of args[0] as ({ unicode: string; width: number } | number | null)[]) {
          if (typeof g === 'number') width -= (g * size) / 1000;
          else if (g) {
            text += g.unicode;
            width += (g.width * size) / 1000;
          }
        }
        const d = drawn.get(mcid);
        if (d) {
          d.text += text;
          d.end = at.x + width;
        } else drawn.set(mcid, { text, x: at.x, y: at.y, end: at.x + width, size });
      }
    }
    const annotations = (await page.getAnnotations()).filter((a) => a.subtype === 'Link').map((a) => ({ rect: a.rect as number[], contents: (a.contentsObj?.str ?? '') as string }));
    pages.push({ number: n, tree: ((await page.getStructTree()) ?? {}) as StructNode, drawn, annotations });
  }
  return pages;
}

const mcidOf = (id: string) => Number(/_mc(\d+)$/.exec(id)?.[1]);

/** The /Contents of the link annotation over a drawn piece of text (pdfjs does not list a Link's annotations). */
function annotationOver(page: Page, d: Drawn): string | undefined {
  const [x, y] = [d.x + 1, d.y + d.size * 0.3];
  return page.annotations.find(({ rect: [x1, y1, x2, y2] }) => x >= x1 && x <= x2 && y >= y1 && y <= y2)?.contents;
}

/** The drawn content of an element and of the elements inside it, in the tree's (reading) order. */
function contentOf(node: StructNode, page: Page): Drawn[] {
  const out: Drawn[] = [];
  for (const c of node.children ?? []) {
    if (c.type === 'content' && c.id) {
      const d = page.drawn.get(mcidOf(c.id));
      if (d) out.push(d);
    } else if (c.role) out.push(...contentOf(c, page));
  }
  return out;
}

function elements(node: StructNode, visit: (n: StructNode) => void): void {
  if (node.role) visit(node);
  for (const c of node.children ?? []) elements(c, visit);
}

/** The model's words, each as written: two drawn pieces may join without a space only inside one of them. */
function modelWords(model: DocumentModel): Set<string> {
  const texts: string[] = [model.meta.title, model.cover.subtitle ?? ''];
  const of: { [K in Block['type']]?: (b: Extract<Block, { type: K }>) => string[] } = {
    heading: (b) => [b.text],
    paragraph: (b) => [inlineText(b.inlines)],
    list: (b) => b.labels ?? [],
    definitions: (b) => b.items.map((i) => i.term),
    table: (b) => [b.caption, ...[b.columns, ...b.rows].flat().map(inlineText)],
    figure: (b) => [b.alt, b.caption ?? ''],
    quote: (b) => [b.by ?? ''],
    pictureRow: (b) => b.pictures.map((p) => p.alt),
    contents: (b) => b.entries.map((e) => e.text),
  };
  for (const b of allBlocks(model)) texts.push(...((of[b.type] as ((b: Block) => string[]) | undefined)?.(b) ?? []));
  return new Set(texts.flatMap((t) => t.split(/\s+/)));
}

/**
 * Where an element's text runs two drawn pieces together: a piece on a new line, or far from
 * the one before on the same line (a contents entry's page number), with no space between them,
 * unless the model writes the two as one word (a word wrapped after its hyphen).
 */
function joinedLines(pages: Page[], words: Set<string>): string[] {
  const faults: string[] = [];
  const oneWord = (w: string) => words.has(w) || [...words].some((m) => m.includes(w));
  for (const page of pages) {
    elements(page.tree, (n) => {
      if (!n.children?.some((c) => c.type === 'content')) return;
      const parts = contentOf(n, page).filter((d) => d.text.length);
      for (let i = 1; i < parts.length; i++) {
        const [a, b] = [parts[i - 1], parts[i]];
        const apart = Math.abs(a.y - b.y) > 1 || b.x > a.end + a.size * 0.5;
        if (!apart || /\s$/.test(a.text) || /^\s/.test(b.text)) continue;
        const joined = `${/\S+$/.exec(a.text)![0]}${/^\S+/.exec(b.text)![0]}`;
        if (!oneWord(joined)) faults.push(`page ${page.number}, ${n.role}: "…${a.text.slice(-30)}" + "${b.text.slice(0, 30)}…"`);
      }
    });
  }
  return faults;
}

const WITH_CONTENTS = ['content/local-account-2016-17/local-account-2016-17.yaml', 'content/strategy/your-life-your-wellbeing-strategy.yaml', 'content/committee-2016-10-11/asch-cc-2016-10-11-pack.yaml'];

describe('links that name a page', () => {
  it.each(WITH_CONTENTS)('%s: every contents Link (its alt and its annotations) says its entry and the page number shown', async (file) => {
    for (const pdf of await pdfsOf(file)) {
      const pages = await readPages(pdf.data);
      let entries = 0;
      for (const page of pages) {
        elements(page.tree, (n) => {
          if (n.role !== 'TOCI') return;
          for (const link of (n.children ?? []).filter((c) => c.role === 'Link')) {
            const drawn = contentOf(link, page);
            const parts = drawn.map((d) => d.text.replace(/\s+/g, ' ').trim());
            const number = parts.pop();
            expect(number, `${pdf.name} page ${page.number}: a contents entry ends with its page number`).toMatch(/^\d+$/);
            expect(link.alt, pdf.name).toBe(`${parts.join(' ')}, page ${number}`);
            for (const d of drawn) expect(annotationOver(page, d), `${pdf.name}: the /Contents of the link over "${d.text}"`).toBe(link.alt);
            entries++;
          }
        });
      }
      expect(entries, `${pdf.name}: contents entries`).toBeGreaterThan(3);
    }
  });

  it('every cross-reference\'s page-number Link says the section and the page number shown (Local Account)', async () => {
    const [pdf] = await pdfsOf(WITH_CONTENTS[0]);
    const pages = await readPages(pdf.data);
    let refs = 0;
    for (const page of pages) {
      elements(page.tree, (n) => {
        if (n.role !== 'Link' || !n.alt || !/, page/.test(n.alt) || n.children?.some((c) => c.role)) return;
        const shown = contentOf(n, page).map((d) => d.text).join('').trim();
        if (!/^\d+$/.test(shown)) return; // a contents entry's Link holds its title too
        expect(n.alt).toMatch(new RegExp(`^.+, page ${shown}$`));
        for (const d of contentOf(n, page)) expect(annotationOver(page, d), `the /Contents of the link over "${shown}"`).toBe(n.alt);
        refs++;
      });
    }
    expect(refs, 'cross-references with a page number').toBeGreaterThan(0);
  });
});

describe('lines of one element', () => {
  it.each(contentFiles())('%s: no structure element runs two lines together without a space', async (file) => {
    const loaded = loadContent(file, readFileSync(file), folderImageLoader(file), { loadText: folderTextLoader(file), symbols: new Set(defaultAssets().symbols.keys()) });
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
    const words = modelWords(loaded.model);
    for (const pdf of await pdfsOf(file)) expect(joinedLines(await readPages(pdf.data), words), pdf.name).toEqual([]);
  });

  it('reads a sign-off\'s lines as words apart (agenda)', async () => {
    const [pdf] = await pdfsOf('content/committee-2016-10-11/asch-cc-2016-10-11-agenda.yaml');
    const texts: string[] = [];
    for (const page of await readPages(pdf.data)) elements(page.tree, (n) => n.role === 'P' && texts.push(contentOf(n, page).map((d) => d.text).join('')));
    expect(texts.map((t) => t.replace(/\s+/g, ' ').trim())).toContain('Benjamin Watts General Counsel (Interim) 03000 416814');
  });
});
