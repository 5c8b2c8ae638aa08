// The DOCX read back from its own XML (jszip) and its pictures decoded with pngjs, independently
// of the writer (issue 13): every Easy Read picture's bitmap fallback is its symbol, drawn; printed
// labels are Word numbering whose level text prints them; no empty paragraph makes space; the
// contents field carries its entries with the PDF's page numbers (read from the PDF's outline).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import pngjs from 'pngjs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { publish, type Rendered } from '../src/pipeline/publish.ts';
import { loadContent } from '../src/pipeline/validate.ts';
import { folderImageLoader, folderTextLoader } from '../src/storage/folder.ts';
import { defaultAssets } from '../src/storage/assets.ts';
import { childBlocks, walkBlocks, inlineText } from '../src/model/walk.ts';
import type { Block, DocumentModel } from '../src/model/types.ts';
import { labelRuns, formatNumber } from '../src/writers/docx/labels.ts';
import { contentFiles } from './support/content.ts';
import { KINDS } from '../templates/index.ts';

const EASY_READ = 'content/easy-read/osborne-court-easy-read.yaml';
const LOCAL_ACCOUNT = 'content/local-account-2016-17/local-account-2016-17.yaml';
const MINUTES = 'content/committee-2016-10-11/minutes-2016-07-12.yaml';
const REPORT = 'content/committee-2016-10-11/b1-integrated-domestic-abuse-services.yaml';

async function render(file: string, formats: string[]): Promise<Rendered[]> {
  const r = await publish(file, readFileSync(file), folderImageLoader(file), { loadText: folderTextLoader(file), formats });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.col} ${p.message}`).join('\n'));
  return r.files;
}

function modelOf(file: string): DocumentModel {
  const r = loadContent(file, readFileSync(file), folderImageLoader(file), { loadText: folderTextLoader(file), symbols: new Set(defaultAssets().symbols.keys()) });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.model;
}

async function parts(data: Uint8Array) {
  const zip = await JSZip.loadAsync(data);
  const text = (n: string) => zip.file(n)?.async('string') ?? Promise.resolve('');
  const rels = await text('word/_rels/document.xml.rels');
  const target = new Map([...rels.matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  return {
    document: await text('word/document.xml'),
    numbering: await text('word/numbering.xml'),
    media: async (rId: string) => Buffer.from(await zip.file(`word/${target.get(rId)}`)!.async('uint8array')),
  };
}

const attr = (xml: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(xml)?.[1];
/** The text a paragraph shows: its w:t, tabs as \t. */
const textOf = (p: string) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((m) => (m[0] === '<w:tab/>' ? '\t' : m[1])).join('').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
const paragraphsOf = (xml: string) => xml.match(/<w:p\b(?:\/>|[^>]*\/>|[^>]*>.*?<\/w:p>)/gs) ?? [];

describe('Easy Read pictures (issue 13)', () => {
  it("gives every picture its symbol, drawn, as the bitmap fallback at the picture's size", async () => {
    const [docx] = await render(EASY_READ, ['docx']);
    const x = await parts(docx.data);
    const drawings = x.document.match(/<w:drawing>.*?<\/w:drawing>/gs) ?? [];
    expect(drawings.length).toBeGreaterThan(50);
    const bySymbol = new Map<string, string>();
    for (const d of drawings) {
      const name = attr(/<wp:docPr [^>]*>/.exec(d)![0], 'name')!;
      const cx = Number(attr(/<wp:extent [^>]*>/.exec(d)![0], 'cx'));
      const cy = Number(attr(/<wp:extent [^>]*>/.exec(d)![0], 'cy'));
      const fallback = attr(/<a:blip [^>]*>/.exec(d)![0], 'r:embed')!;
      expect(d, `${name} has an SVG too`).toMatch(/svgBlip [^>]*r:embed="/);
      const bytes = await x.media(fallback);
      const png = pngjs.PNG.sync.read(bytes);
      // The picture's size in pixels at 96 dpi (9,525 EMU a pixel), drawn at twice that.
      expect([png.width, png.height], name).toEqual([Math.round((cx / 9525) * 2), Math.round((cy / 9525) * 2)]);
      expect(png.width).toBeGreaterThanOrEqual(270);
      let painted = 0;
      const colours = new Set<string>();
      for (let i = 0; i < png.data.length; i += 4) {
        if (png.data[i + 3] === 0) continue;
        painted++;
        if (png.data[i + 3] === 255) colours.add(png.data.subarray(i, i + 3).toString('hex'));
      }
      // Not blank: a drawing in the symbols' colour on a clear ground.
      expect(painted / (png.width * png.height), `${name} painted share`).toBeGreaterThan(0.02);
      expect(painted / (png.width * png.height), `${name} painted share`).toBeLessThan(0.6);
      expect([...colours], name).toEqual(['1d3557']);
      const digest = createHash('sha256').update(png.data).digest('hex');
      expect(bySymbol.get(name) ?? digest, `${name} drawn the same each time`).toBe(digest);
      bySymbol.set(name, digest);
    }
    // Each symbol has a drawing of its own.
    expect(bySymbol.size).toBeGreaterThan(20);
    expect(new Set(bySymbol.values()).size).toBe(bySymbol.size);
  });

  it('draws the charts too, in their key colours', async () => {
    const [docx] = await render(LOCAL_ACCOUNT, ['docx']);
    const x = await parts(docx.data);
    const charts = (x.document.match(/<w:drawing>.*?<\/w:drawing>/gs) ?? []).filter((d) => /svgBlip/.test(d));
    expect(charts.length).toBeGreaterThan(0);
    for (const d of charts) {
      const png = pngjs.PNG.sync.read(await x.media(attr(/<a:blip [^>]*>/.exec(d)![0], 'r:embed')!));
      const cx = Number(attr(/<wp:extent [^>]*>/.exec(d)![0], 'cx'));
      expect(png.width).toBe(Math.round((cx / 9525) * 2));
      const colours = new Set<string>();
      for (let i = 0; i < png.data.length; i += 4) if (png.data[i + 3] === 255) colours.add(png.data.subarray(i, i + 3).toString('hex'));
      expect(colours.size, 'several key colours').toBeGreaterThan(3);
    }
  });

  it('is the same bytes each time, and its renderer is the installed one', async () => {
    const [a] = await render(EASY_READ, ['docx']);
    const [b] = await render(EASY_READ, ['docx']);
    expect(b.file.sha256).toBe(a.file.sha256);
    // assets/resvg/resvg.wasm is copied from the package: an upgrade must copy it again.
    expect(readFileSync('assets/resvg/resvg.wasm').equals(readFileSync('node_modules/@resvg/resvg-wasm/index_bg.wasm'))).toBe(true);
  });
});

/** What Word prints as each numbered paragraph's number, counted per numbering instance. */
function printedNumbers(document: string, numbering: string): Map<number, { label: string; hanging: number }> {
  const abstract = new Map<string, { format: string; text: string; start: number; hanging: number }>();
  for (const m of numbering.matchAll(/<w:abstractNum w:abstractNumId="(\d+)"[^>]*>(.*?)<\/w:abstractNum>/gs)) {
    const lvl = /<w:lvl w:ilvl="0"[^>]*>(.*?)<\/w:lvl>/s.exec(m[2])![1];
    const val = (tag: string) => new RegExp(`<w:${tag} w:val="([^"]*)"`).exec(lvl)?.[1];
    abstract.set(m[1], { format: val('numFmt')!, text: val('lvlText')!, start: Number(val('start') ?? 0), hanging: Number(attr(/<w:ind [^>]*>/.exec(lvl)?.[0] ?? '', 'w:hanging') ?? 0) });
  }
  const nums = new Map<string, { lvl: (typeof abstract extends Map<string, infer V> ? V : never); start: number }>();
  for (const m of numbering.matchAll(/<w:num w:numId="(\d+)"[^>]*>(.*?)<\/w:num>/gs)) {
    const lvl = abstract.get(/<w:abstractNumId w:val="(\d+)"/.exec(m[2])![1])!;
    const override = /<w:lvlOverride w:ilvl="0">\s*<w:startOverride w:val="(\d+)"/.exec(m[2]);
    nums.set(m[1], { lvl, start: override ? Number(override[1]) : lvl.start });
  }
  const counts = new Map<string, number>();
  const out = new Map<number, { label: string; hanging: number }>();
  paragraphsOf(document).forEach((p, i) => {
    const numId = /<w:numPr>.*?<w:numId w:val="(\d+)"\/>/s.exec(p)?.[1];
    if (!numId) return;
    const { lvl, start } = nums.get(numId)!;
    const n = (counts.get(numId) ?? start - 1) + 1;
    counts.set(numId, n);
    const number = (() => {
      switch (lvl.format) {
        case 'decimal': return String(n);
        case 'lowerLetter': return 'abcdefghijklmnopqrstuvwxyz'[n - 1];
        case 'upperLetter': return 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[n - 1];
        case 'lowerRoman': return romanOf(n);
        case 'upperRoman': return romanOf(n).toUpperCase();
        default: return '';
      }
    })();
    out.set(i, { label: lvl.format === 'bullet' ? lvl.text : lvl.text.replace('%1', number), hanging: lvl.hanging });
  });
  return out;
}

function romanOf(n: number): string {
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  return table.reduce((s, [v, r]) => { for (; n >= v; n -= v) s += r; return s; }, '');
}

describe('printed labels as Word numbering (issue 13)', () => {
  it.each([MINUTES, REPORT, 'test/fixtures/committee/minutes.yaml'])('%s: each labelled item is numbered, and its numbering prints its label', async (file) => {
    // Each labelled item in reading order: its label, then its first paragraph's text.
    const items: { label: string; text: string }[] = [];
    const collect = (bs: Block[]): void => {
      for (const b of bs) {
        if (b.type === 'list' && b.labels) {
          b.items.forEach((item, n) => {
            if (item[0]?.type === 'paragraph') items.push({ label: b.labels![n], text: inlineText(item[0].inlines) });
            collect(item);
          });
        } else collect(childBlocks(b));
      }
    };
    collect(modelOf(file).blocks);
    expect(items.length).toBeGreaterThan(0);
    const [docx] = await render(file, ['docx']);
    const x = await parts(docx.data);
    const paras = paragraphsOf(x.document);
    const printed = printedNumbers(x.document, x.numbering);
    let from = 0;
    for (const { label, text } of items) {
      // Its text is the item's alone: the label is not typed in front of it.
      const at = paras.findIndex((p, i) => i >= from && textOf(p) === text);
      expect(at, `the paragraph labelled ${label}: "${text.slice(0, 40)}"`).toBeGreaterThanOrEqual(from);
      expect(paras[at], label).toContain('<w:numPr>');
      expect(printed.get(at)?.label, `label of "${text.slice(0, 40)}"`).toBe(label);
      expect(printed.get(at)!.hanging, 'a hanging indent').toBeGreaterThan(0);
      from = at + 1;
    }
  });

  it('reads labels as the runs that count on, and prints each exactly', () => {
    const cases = [
      ['a)', 'b)', 'c)', 'h)', 'i)', 'j)'],
      ['1.', '2.', '3.', '5.'],
      ['1.1', '1.2', '1.3', '2.1'],
      ['(iv)', '(v)', '(vi)'],
      ['Appendix 1', 'Appendix 2', 'RESOLVED', 'A', 'B', 'm)'],
      ['50%', 'x'],
    ];
    for (const labels of cases) {
      const runs = labelRuns(labels);
      const printed = runs.flatMap((r) => Array.from({ length: r.count }, (_, k) => (r.text.includes('%1') ? r.text.replace('%1', formatNumber(r.format, r.start + k)) : r.text)));
      expect(printed).toEqual(labels);
    }
    expect(labelRuns(['a)', 'b)', 'c)', 'h)', 'i)', 'j)']).map((r) => [r.format, r.start, r.count])).toEqual([['lowerLetter', 1, 3], ['lowerLetter', 8, 3]]);
    expect(labelRuns(['(iv)', '(v)', '(vi)']).map((r) => [r.format, r.text, r.start, r.count])).toEqual([['lowerRoman', '(%1)', 4, 3]]);
    expect(labelRuns(['1.1', '1.2', '1.3', '2.1']).map((r) => r.text)).toEqual(['1.%1', '2.%1']);
  });
});

describe('spacing (issue 13)', () => {
  it.each(contentFiles())('%s: no empty paragraph makes space in the DOCX', async (file) => {
    const files = await render(file, ['docx', 'large-print-docx']);
    for (const f of files) {
      const x = await parts(f.data);
      const empty = paragraphsOf(x.document).filter((p) => !/<w:r>|<w:r\s|<w:bookmarkStart|<w:hyperlink/.test(p));
      expect(empty, f.file.file).toEqual([]);
    }
  });
});

/** The page each top-level outline item of a PDF goes to, by its title. */
async function outlinePages(data: Uint8Array): Promise<Map<string, number>> {
  const pdf = await getDocument({ data: new Uint8Array(data), verbosity: 0 }).promise;
  const pages = new Map<string, number>();
  const visit = async (items: { title: string; dest: unknown; items: unknown[] }[]) => {
    for (const item of items) {
      const dest = typeof item.dest === 'string' ? await pdf.getDestination(item.dest) : (item.dest as unknown[] | null);
      if (dest?.[0]) pages.set(item.title, (await pdf.getPageIndex(dest[0] as { num: number; gen: number })) + 1);
      await visit(item.items as typeof items);
    }
  };
  await visit(((await pdf.getOutline()) ?? []) as never);
  return pages;
}

describe('contents (issue 13)', () => {
  it("renders each profile's PDF before its DOCX, whose contents take the PDF's pages (publish.ts)", () => {
    for (const k of Object.values(KINDS)) {
      const keys = k.outputs.map((o) => `${o.profile}.${o.format}`);
      for (const [i, key] of keys.entries()) if (key.endsWith('.docx')) expect(keys.indexOf(key.replace(/docx$/, 'pdf')), `${k.kind}: ${key}`).toBeLessThan(i);
    }
  });

  it.each([LOCAL_ACCOUNT, 'content/strategy/your-life-your-wellbeing-strategy.yaml'])('%s: the contents field lists every contents entry with its page in the PDF', async (file) => {
    const entries: { text: string }[] = [];
    walkBlocks(modelOf(file).blocks, (b) => b.type === 'contents' && entries.push(...b.entries));
    expect(entries.length).toBeGreaterThan(3);
    const files = await render(file, ['pdf', 'docx', 'large-print-pdf', 'large-print-docx']);
    for (const profile of ['standard', 'large-print']) {
      const pdf = files.find((f) => f.file.format === 'pdf' && f.file.profile === profile)!;
      const docx = files.find((f) => f.file.format === 'docx' && f.file.profile === profile)!;
      const pages = await outlinePages(pdf.data);
      const x = await parts(docx.data);
      const toc = /<w:sdt>.*?<w:docPartGallery w:val="Table of Contents"\/>.*?<w:sdtContent>(.*?)<\/w:sdtContent>/s.exec(x.document)![1];
      expect(toc).toMatch(/<w:instrText[^>]*>TOC \\h/);
      // Between the field's separate and end: one paragraph per entry, its title, a tab, its page.
      const shown = paragraphsOf(toc).map(textOf).filter((t) => t !== '');
      expect(shown, profile).toEqual(entries.map((e) => `${e.text}\t${pages.get(e.text)}`));
      expect(new Set(entries.map((e) => pages.get(e.text))).size, 'the pages are real, not one placeholder').toBeGreaterThan(3);
    }
  });
});
