// Print layouts that never lose, clip or strand content (issue 13): the invariants of
// test/support/layout-invariants.ts, read back with pdfjs-dist, on every PDF of every content file
// and on a generated stress corpus (test/support/generate.ts) in every profile.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as fontkit from 'fontkit';
import { publish, type Rendered } from '../src/pipeline/publish.ts';
import { loadContent } from '../src/pipeline/validate.ts';
import { folderImageLoader, folderTextLoader } from '../src/storage/folder.ts';
import { defaultAssets } from '../src/storage/assets.ts';
import { PROFILES, pageFrame } from '../src/profiles/index.ts';
import { writePdf } from '../src/writers/pdf/index.ts';
import { renderContext } from '../src/writers/context.ts';
import type { DocumentModel, Inline } from '../src/model/types.ts';
import { planPrintTable, textWidth } from '../src/writers/common/table.ts';
import { contentFiles } from './support/content.ts';
import { checkArea, checkComplete, checkLayout, checkSplits, checkStranding, labelsOf, readLayout, type LayoutPage, type Violation } from './support/layout-invariants.ts';
import { walk, type StructNode } from './support/pdf-reader.ts';
import { allBlocks } from '../src/model/walk.ts';
import { corpus, easyRead, localAccount } from './support/generate.ts';

const TIMEOUT = 240_000;
const SEED = 1313;
const assets = defaultAssets();
const symbols = new Set(assets.symbols.keys());

/** An agenda pack's model is made before its page ranges are known: those words are placeholders. */
const placeholder = (w: string) => w.includes('888');

describe('the print table plan (common/table.ts)', () => {
  interface Face {
    unitsPerEm: number;
    layout(s: string): { glyphs: { advanceWidth: number }[] };
  }
  const faces = ['Regular', 'Bold'].map((w) => fontkit.create(readFileSync(`assets/fonts/AtkinsonHyperlegible-${w}.ttf`)) as Face);
  const width = (f: Face, s: string) => f.layout(s).glyphs.reduce((n, g) => n + g.advanceWidth, 0) / f.unitsPerEm;

  it('never estimates text narrower than the bundled face sets it, in either weight', () => {
    const words = [...new Set(contentFiles().flatMap((f) => readFileSync(f, 'utf8').split(/\s+/)))];
    const printable = fc.string({ unit: fc.integer({ min: 32, max: 0x2fff }).map((c) => String.fromCodePoint(c)), maxLength: 30 });
    for (const s of [...words, ...fc.sample(printable, { numRuns: 400, seed: SEED })]) {
      for (const f of faces) expect(textWidth(s, 1), JSON.stringify(s)).toBeGreaterThanOrEqual(width(f, s) - 1e-9);
    }
  });

  const t = (s: string): Inline[] => [{ type: 'text', text: s }];
  const cellsOf = (n: number, f: (j: number) => string) => Array.from({ length: n }, (_, j) => t(f(j)));

  it('sets the Local Account forecast (11 columns of seven-figure numbers) transposed on a standard page, and every table within the width', () => {
    const columns = [t('Age Band'), ...cellsOf(10, (j) => String(2015 + j))];
    const rows = ['18-64', '65+', 'Total'].map((r) => [t(r), ...cellsOf(10, () => '1,321,600')]);
    const o = { width: 475.28, sizes: [12], maxColumns: 11, padding: 10, rule: 1 };
    const parts = planPrintTable({ columns, rows, rowHeaders: true }, o);
    expect(parts).toHaveLength(1);
    expect(parts[0].transposed).toBe(true);
    expect(parts[0].columns).toHaveLength(4);
    for (const p of parts) expect(p.widths.reduce((a, b) => a + b, 0) + p.widths.length * 11 + 1).toBeLessThanOrEqual(o.width + 0.01);
  });

  it('sets a table too wide either way in column groups, each repeating its first column, keeping every cell', () => {
    const columns = [t('Service'), ...cellsOf(19, (j) => `Measure number ${j + 1}`)];
    const rows = Array.from({ length: 12 }, (_, i) => [t(`Service area ${i + 1}`), ...cellsOf(19, (j) => `£${i},${j}45,678`)]);
    const o = { width: 481.28, sizes: [18], maxColumns: 4, padding: 10, rule: 1 };
    const parts = planPrintTable({ columns, rows, rowHeaders: false }, o);
    expect(parts.length).toBeGreaterThan(1);
    const text = (c: Inline[]) => (c[0] as { text: string }).text;
    const set: string[] = [];
    for (const p of parts) {
      expect(p.sourceColumns[0]).toBe(0);
      expect(p.columns.length).toBeLessThanOrEqual(o.maxColumns);
      expect(p.rowHeaders).toBe(true);
      expect(p.part?.count).toBe(parts.length);
      expect(p.widths.reduce((a, b) => a + b, 0) + p.widths.length * 11 + 1).toBeLessThanOrEqual(o.width + 0.01);
      // Every cell but the repeated first column's, once.
      set.push(...[p.columns, ...p.rows].flatMap((r) => r.slice(1).map(text)));
    }
    const first = (p: (typeof parts)[number]) => [p.columns[0], ...p.rows.map((r) => r[0])].map(text);
    const all = [...columns, ...rows.flat()].map(text);
    expect([...set, ...first(parts[0])].sort()).toEqual(all.sort());
  });
});

const summary = (vs: Violation[]) => vs.map((v) => `p${v.page ?? '?'} ${v.invariant}: ${v.message}`).join('\n');

async function check(label: string, r: Rendered, model: DocumentModel): Promise<Violation[]> {
  const { violations } = await checkLayout(r.data, pageFrame(PROFILES[r.file.profile]), model, placeholder);
  return violations.map((v) => ({ ...v, message: `${label} ${r.file.file}: ${v.message}` }));
}

describe('layout invariants on every content file', () => {
  for (const file of contentFiles()) {
    it(`${file}: every PDF keeps its text in the page, strands nothing, splits nothing badly and loses no word`, async () => {
      const text = readFileSync(file);
      const loaded = loadContent(file, text, folderImageLoader(file), { loadText: folderTextLoader(file), symbols });
      if (!loaded.ok) throw new Error(`${file} is invalid`);
      const r = await publish(file, text, folderImageLoader(file), { loadText: folderTextLoader(file), formats: ['pdf', 'large-print-pdf'] });
      if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
      expect(r.files.length).toBeGreaterThan(0);
      const violations = (await Promise.all(r.files.map((f) => check(file, f, loaded.model)))).flat();
      expect(summary(violations)).toBe('');
    }, TIMEOUT);
  }
});

// The stress corpus: a fixed seed, so a failure is the same document every run.
const LOCAL_ACCOUNTS = 30;
const EASY_READS = 12;

async function publishGenerated(name: string, content: Record<string, unknown>) {
  const text = Buffer.from(JSON.stringify(content, null, 1));
  const r = await publish(name, text, () => undefined, { formats: ['pdf', 'large-print-pdf'] });
  const loaded = loadContent(name, text, () => undefined, { symbols });
  if (!r.ok || !loaded.ok) throw new Error(`${name} is not valid content: ${(r.ok ? [] : r.problems).map((p) => `${p.path} ${p.message}`).join('; ')}`);
  return { files: r.files, model: loaded.model };
}

describe('layout invariants on generated documents', () => {
  it(`${LOCAL_ACCOUNTS} Local Accounts and strategies (standard, large print and Easy Read profiles) and ${EASY_READS} Easy Read documents, seed ${SEED}`, async () => {
    const all: Violation[] = [];
    let pdfs = 0;
    const docs = corpus(localAccount, LOCAL_ACCOUNTS, SEED);
    for (const [i, content] of docs.entries()) {
      const name = `generated/local-account-${i + 1}.json`;
      const { files, model } = await publishGenerated(name, content);
      for (const f of files) all.push(...(await check(name, f, model)));
      // The Easy Read profile on the same model: wider margins, larger type.
      const bytes = (await writePdf(model, PROFILES['easy-read'], renderContext(assets, model.meta.published))).bytes;
      all.push(...(await check(name, { data: bytes, file: { ...files[0].file, profile: 'easy-read', file: 'easy-read profile' }, ms: 0 }, model)));
      pdfs += files.length + 1;
    }
    for (const [i, content] of corpus(easyRead([...symbols]), EASY_READS, SEED).entries()) {
      const name = `generated/easy-read-${i + 1}.json`;
      const { files, model } = await publishGenerated(name, content);
      for (const f of files) all.push(...(await check(name, f, model)));
      pdfs += files.length;
    }
    console.log(`layout stress corpus: ${LOCAL_ACCOUNTS + EASY_READS} documents, ${pdfs} PDFs, seed ${SEED}, ${all.length} violations`);
    expect(summary(all)).toBe('');
  }, TIMEOUT * 2);
});

// The checks above pass only if they can fail: each is shown a defect of its kind, made by
// mutating a real PDF's read-back (or the model it is checked against), and must name it.
describe('the layout invariants catch the defects they are for', () => {
  const file = contentFiles().find((f) => f.includes('local-account'))!;
  const loadModel = () => {
    const text = readFileSync(file);
    const loaded = loadContent(file, text, folderImageLoader(file), { loadText: folderTextLoader(file), symbols });
    if (!loaded.ok) throw new Error(`${file} is invalid`);
    return loaded.model;
  };
  const model = loadModel();
  const frame = pageFrame(PROFILES.standard);
  const bytes = (async () => (await writePdf(model, PROFILES.standard, renderContext(assets, model.meta.published))).bytes)();
  const read = async () => readLayout(await bytes);
  const rolesOf = (p: LayoutPage, r: { mcid?: string }) => (p.ancestors.get(r.mcid ?? '') ?? []).map((a) => a.role);
  /** Drops from a page every run below the first tagged run that `pick` chooses, and their text from the tag tree. */
  const cutBelow = (p: LayoutPage, pick: (roles: (string | undefined)[]) => boolean) => {
    const at = p.runs.find((r) => r.mcid && pick(rolesOf(p, r)));
    if (!at) return false;
    const gone = new Set(p.runs.filter((r) => r.mcid && r.y < at.y - 1).map((r) => r.mcid!));
    p.runs = p.runs.filter((r) => !r.mcid || !gone.has(r.mcid));
    for (const id of gone) p.byMcid.delete(id);
    walk(p.tree, (n) => {
      if (n.children) n.children = n.children.filter((c) => !(c.type === 'content' && c.id && gone.has(c.id)));
    });
    return gone.size > 0;
  };

  it('area: text set with narrower margins than the profile is reported past the margin', async () => {
    const wide = await writePdf(model, { ...PROFILES.standard, margin: 30 }, renderContext(assets, model.meta.published));
    const vs = checkArea(await readLayout(wide.bytes), frame);
    expect(vs.length).toBeGreaterThan(0);
    expect(summary(vs)).toMatch(/left of the margin|right of the margin/);
  }, TIMEOUT);

  it('strand: a heading left as the last line of a page is reported', async () => {
    const pdf = await read();
    const i = pdf.pages.findIndex((p, k) => k > 2 && k < pdf.pages.length - 1 && cutBelow(p, (r) => r.includes('H2') || r.includes('H3')));
    expect(i).toBeGreaterThan(0);
    expect(summary(checkStranding(pdf))).toMatch(new RegExp(`^p${i + 1} strand: a heading \\(H[23]\\) ends the page`, 'm'));
  }, TIMEOUT);

  it('strand: a table header row left as the last line of a page is reported', async () => {
    const pdf = await read();
    const i = pdf.pages.findIndex((p, k) => k < pdf.pages.length - 1 && cutBelow(p, (r) => r.includes('THead')));
    expect(i).toBeGreaterThan(0);
    expect(summary(checkStranding(pdf))).toMatch(new RegExp(`^p${i + 1} strand: a table (header row|caption) ends the page`, 'm'));
  }, TIMEOUT);

  it('split: a glossary term parted from its definition is reported', async () => {
    const pdf = await read();
    let page = 0;
    for (const [k, p] of pdf.pages.entries()) {
      let body: StructNode | undefined;
      walk(p.tree, (n) => {
        if (!body && n.role === 'LI' && n.children?.some((c) => c.role === 'Lbl' && c.children?.some((x) => x.type === 'content'))) body = n.children.find((c) => c.role === 'LBody');
      });
      if (!body) continue;
      body.children = [];
      page = k + 1;
      break;
    }
    expect(page).toBeGreaterThan(0);
    expect(summary(checkSplits(pdf, frame, labelsOf(model)))).toMatch(new RegExp(`^p${page} split: the label .* is on this page and what it labels on the next`, 'm'));
  }, TIMEOUT);

  it('split: an empty fragment of a box at the foot of a page is reported', async () => {
    const pdf = await read();
    // A page whose last line stands clear of the text area's foot: the fragment goes in the gap.
    const foot = pdf.height - frame.bottom;
    const gap = (p: LayoutPage) => Math.min(...p.runs.filter((r) => r.mcid).map((r) => r.y - r.size * 0.3)) - foot;
    const k = pdf.pages.findIndex((p, i) => i > 0 && p.runs.some((r) => r.mcid) && gap(p) > 12);
    expect(k).toBeGreaterThan(0);
    const high = Math.floor(gap(pdf.pages[k]) - 2);
    pdf.pages[k].drawings.push({ kind: 'fill', x1: frame.left, x2: frame.right, y1: foot, y2: foot + high, artifact: true, lineWidth: 0 });
    const page = k + 1;
    expect(summary(checkSplits(pdf, frame, labelsOf(model)))).toMatch(new RegExp(`^p${page} split: an empty fragment of a box or table \\(fill ${high} pt high, no text in it\\) at the foot of the page`, 'm'));
  }, TIMEOUT);

  it('complete: a word the model has and the PDF lacks is reported, in a paragraph and in a table cell', async () => {
    const pdf = await read();
    const m = loadModel();
    const para = m.blocks.find((b): b is Extract<typeof b, { type: 'paragraph' }> => b.type === 'paragraph')!;
    para.inlines.push({ type: 'text', text: ' Quillwort' });
    const table = allBlocks(m).find((b): b is Extract<typeof b, { type: 'table' }> => b.type === 'table')!;
    table.rows[0][table.rows[0].length - 1] = [{ type: 'text', text: 'Xanthoria' }];
    const s = summary(checkComplete(pdf, m, placeholder));
    expect(s).toMatch(/paragraph [^:]*: 1 of \d+ word\(s\) not found in reading order: "Quillwort"/);
    expect(s).toMatch(/table [^:]*: 1 of \d+ word\(s\) of its cells not found: "Xanthoria"/);
    // And the model as it is has every word.
    expect(summary(checkComplete(pdf, model, placeholder))).toBe('');
  }, TIMEOUT);
});
