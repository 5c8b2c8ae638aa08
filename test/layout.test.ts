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
import { checkLayout, type Violation } from './support/layout-invariants.ts';
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
