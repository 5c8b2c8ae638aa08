// The DOCX read back from its own XML (jszip) and its pictures decoded with pngjs, independently
// of the writer (issue 13): every Easy Read picture's bitmap fallback is its symbol, drawn.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import pngjs from 'pngjs';
import { publish, type Rendered } from '../src/pipeline/publish.ts';
import { folderImageLoader, folderTextLoader } from '../src/storage/folder.ts';

const EASY_READ = 'content/easy-read/osborne-court-easy-read.yaml';
const LOCAL_ACCOUNT = 'content/local-account-2016-17/local-account-2016-17.yaml';

async function render(file: string, formats: string[]): Promise<Rendered[]> {
  const r = await publish(file, readFileSync(file), folderImageLoader(file), { loadText: folderTextLoader(file), formats });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.col} ${p.message}`).join('\n'));
  return r.files;
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
