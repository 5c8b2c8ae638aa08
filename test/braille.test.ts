// Braille (BRF, issue 19): every publication that has a plain text has a Braille Ready File, and it is
// read back by an independent liblouis: Debian's (liblouis-bin's lou_translate, a later release than
// the writer's WebAssembly build, with its own copy of the tables) back-translates the BRF, and the
// words that come back must be the plain text's words, 98% of them at least. The file itself holds
// to BRF's shape: 40 cells a line, 25 lines a page, pages ended by form feeds, numbered in sequence
// at the top right, nothing but BRF's ASCII, the same bytes every time. Without lou_translate these
// tests fail (scripts/ensure-test-tools.sh installs it); they never skip.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { publish, type Rendered } from '../src/pipeline/publish.ts';
import { folderImageLoader, folderTextLoader } from '../src/storage/folder.ts';
import { CELLS, LINES, pageNumber, wrap, writeBraille } from '../src/writers/braille/index.ts';
import { MODEL_VERSION, type Block, type DocumentModel } from '../src/model/types.ts';
import { labelsFor } from '../src/model/labels.ts';
import { louis } from '../src/writers/braille/liblouis.ts';
import { TABLES } from '../src/writers/braille/tables.ts';
import { sha256 } from '../src/writers/braille/make-tables.ts';
import { contentFiles } from './support/content.ts';

const KEPT = 0.98;
/** What the committed liblouis build was made from (scripts/build-liblouis.sh writes it). */
const BUILD = JSON.parse(readFileSync('vendor/liblouis/BUILD.json', 'utf8')) as { liblouis: string; sha256: string; tables: Record<string, string> };
const RENDER_MS = 180_000;

/** Debian's lou_translate, or a failure that says how to install it. */
function louTranslate(args: string[], input: string): string {
  try {
    return execFileSync('lou_translate', args, { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new Error('lou_translate is not installed: run scripts/ensure-test-tools.sh (Debian package liblouis-bin)');
    throw e;
  }
}

/**
 * BRF back to print with Debian's liblouis: its BRF display table (en-us-brf.dis) reads the cells and
 * its UEB grade 2 table back-translates them. lou_translate reads backslash escapes in its input, so
 * BRF's backslash (dots 1256, "ou") is doubled.
 */
const backTranslate = (brf: string) => louTranslate(['--backward', 'en-us-brf.dis,en-ueb-g2.ctb'], brf.replace(/\f/g, '\n').replace(/\r/g, '').replace(/\\/g, '\\\\'));

/** Lower-cased words and how often each comes. */
function words(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

/** The share of the plain text's words (counted with their repeats) that the other text has too. */
function keptShare(plain: string, back: string): { share: number; missing: [string, number][] } {
  const want = words(plain);
  const got = words(back);
  let total = 0;
  let kept = 0;
  const missing: [string, number][] = [];
  for (const [w, n] of want) {
    total += n;
    kept += Math.min(n, got.get(w) ?? 0);
    if ((got.get(w) ?? 0) < n) missing.push([w, n - (got.get(w) ?? 0)]);
  }
  return { share: total ? kept / total : 1, missing: missing.sort((a, b) => b[1] - a[1]) };
}

const pagesOf = (brf: string) => brf.split('\f').map((p) => p.replace(/\r\n$/, '').split('\r\n'));

async function render(file: string, formats = ['txt', 'brf']): Promise<Map<string, Rendered>> {
  const r = await publish(file, readFileSync(file), folderImageLoader(file), { formats, loadText: folderTextLoader(file) });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.path} ${p.message}`).join('\n'));
  return new Map(r.files.map((f) => [f.file.format, f]));
}

describe('the BRF of every publication that has a plain text', () => {
  for (const file of contentFiles()) {
    it(`${file}: a BRF when there is a plain text, whose words come back through Debian's liblouis`, { timeout: RENDER_MS }, async () => {
      const out = await render(file);
      const txt = out.get('txt');
      const brf = out.get('brf');
      // A kind without a plain text (an agenda pack) has no Braille either.
      expect(!!brf, `${file}: a BRF exactly when there is a plain text`).toBe(!!txt);
      if (!txt || !brf) return;
      const plain = Buffer.from(txt.data).toString('utf8');
      const braille = Buffer.from(brf.data).toString('latin1');

      const { share, missing } = keptShare(plain, backTranslate(braille));
      console.log(`${file}: ${(share * 100).toFixed(2)}% of the plain text's words back from the BRF (${brf.file.pages} braille pages, ${brf.ms.toFixed(0)} ms)`);
      expect(share, `${file}: words not back: ${JSON.stringify(missing.slice(0, 20))}`).toBeGreaterThanOrEqual(KEPT);

      // BRF's characters: ASCII 0x20-0x5F, and CR, LF and FF.
      const stray = [...braille].filter((c) => !/[\x20-\x5f\r\n\f]/.test(c));
      expect(stray, `${file}: characters BRF does not have`).toEqual([]);
      expect(braille.replace(/\r\n/g, ''), `${file}: every line ends CR LF`).not.toMatch(/[\r\n]/);

      const pages = pagesOf(braille);
      expect(brf.file.pages).toBe(pages.length);
      pages.forEach((lines, n) => {
        expect(lines.length, `${file}: page ${n + 1} has ${lines.length} lines`).toBeLessThanOrEqual(LINES);
        for (const l of lines) expect(l.length, `${file}: page ${n + 1}: "${l}" is ${l.length} cells`).toBeLessThanOrEqual(CELLS);
        // The braille page number at the top right, alone on the page's first line, in sequence.
        expect(lines[0], `${file}: page ${n + 1}'s number`).toBe(pageNumber(n + 1).padStart(CELLS));
      });
    });
  }
});

describe('BRF is deterministic', () => {
  it('the same content file gives the same bytes twice', { timeout: RENDER_MS }, async () => {
    const file = 'content/strategy/your-life-your-wellbeing-strategy.yaml';
    const [a, b] = [await render(file, ['brf']), await render(file, ['brf'])];
    expect(a.get('brf')!.file.sha256).toBe(b.get('brf')!.file.sha256);
  });
});

describe('BRF layout', () => {
  it('braille page numbers are the numeric indicator and the letters a-j', () => {
    expect([1, 9, 10, 25, 134].map(pageNumber)).toEqual(['#A', '#I', '#AJ', '#BE', '#ACD']);
  });

  it('lines break between words and never pass 40 cells; a paragraph starts in cell 3 and runs over to cell 1', () => {
    const brf = Array.from({ length: 30 }, (_, i) => 'W'.repeat(1 + (i % 9))).join(' ');
    const lines = wrap(brf, 2, 0);
    expect(lines.every((l) => l.length <= CELLS)).toBe(true);
    expect(lines[0].startsWith('  W')).toBe(true);
    expect(lines[1].startsWith('W')).toBe(true);
    expect(lines.join(' ').split(/ +/).filter(Boolean).join(' ')).toBe(brf);
  });

  it('a word longer than a line is divided where the line ends', () => {
    expect(wrap('X'.repeat(90), 0, 0)).toEqual(['X'.repeat(40), 'X'.repeat(40), 'X'.repeat(10)]);
  });

  it('a centred heading keeps three blank cells each side', () => {
    const lines = wrap(Array.from({ length: 12 }, () => 'ABCDE').join(' '), 0, 0, true);
    for (const l of lines) {
      const left = l.length - l.trimStart().length;
      expect(left).toBeGreaterThanOrEqual(3);
      expect(CELLS - l.length).toBeGreaterThanOrEqual(3);
      expect(Math.abs(left - (CELLS - l.length))).toBeLessThanOrEqual(1);
    }
  });
});

describe('liblouis in the writer', () => {
  it('is the liblouis release the committed build records, with UEB grade 2: contractions, capitals and numbers as UEB writes them', async () => {
    const lou = await louis();
    expect(lou.version()).toBe(BUILD.liblouis);
    // "The" is a capital and the contraction for "the"; "and" has its own sign; 2017 is # and the letters.
    expect(lou.toBrf('The council and you in 2017.')).toBe(',! C\\NCIL & Y 9 #BJAG4');
  });

  it('the committed WebAssembly build and its tables are the ones scripts/build-liblouis.sh recorded, unchanged', () => {
    expect(sha256(readFileSync('vendor/liblouis/liblouis.cjs'))).toBe(BUILD.sha256);
    expect(Object.fromEntries(Object.entries(TABLES).map(([name, text]) => [name, sha256(text)]))).toEqual(BUILD.tables);
  });

  it('Debian\'s liblouis is another release than the writer\'s, so the back-translation is a second opinion', () => {
    const debian = louTranslate(['--version'], '').split('\n')[0];
    expect(debian).toMatch(/liblouis/i);
    expect(debian).not.toContain(BUILD.liblouis);
  });
});

describe('BRF layout of a publication, as UK transcription sets it', () => {
  const heading = (level: 1 | 2 | 3, text: string): Block => ({ type: 'heading', id: text, level, text, outline: true });
  const paragraph = (text: string): Block => ({ type: 'paragraph', id: text, inlines: [{ type: 'text', text }] });
  const doc = (blocks: Block[]): DocumentModel => ({
    version: MODEL_VERSION,
    meta: { id: 'test', kind: 'strategy', title: 'Our plan', author: 'Kent County Council', subject: 'A plan', language: 'en', keywords: [] },
    cover: { ownPage: true, title: { type: 'heading', id: 'title', level: 1, text: 'Our plan', outline: true }, lines: [{ type: 'paragraph', id: 'c1', inlines: [{ type: 'text', text: 'Published 2017' }] }] },
    blocks,
    labels: labelsFor('en'),
  });
  const brfOf = async (blocks: Block[]) => pagesOf(Buffer.from((await writeBraille(doc(blocks), undefined as never, undefined as never)).bytes).toString('latin1'));

  it('the title page holds the cover, its title centred; the body starts on page 2', async () => {
    const pages = await brfOf([paragraph('Hello.')]);
    expect(pages[0][1]).toBe(`${' '.repeat(16)},\\R PLAN`);
    expect(pages[1][1]).toBe('  ,HELLO4');
  });

  it('a level-2 heading starts in cell 5 and a level-3 in cell 7, each after a blank line; paragraphs start in cell 3', async () => {
    const pages = await brfOf([paragraph('One.'), heading(2, 'Money'), paragraph('Two.'), heading(3, 'Grants'), paragraph('Three.')]);
    expect(pages[1].slice(1)).toEqual(['  ,"O4', '', '    ,M"OY', '  ,TWO4', '', '      ,GRANTS', '  ,?REE4']);
  });

  it('list items start in cell 1 and run over to cell 3; bullets are not brailled', async () => {
    const long = 'people who need care and support at home and in the community';
    const pages = await brfOf([{ type: 'list', id: 'l', style: 'bullet', items: [[paragraph('Carers')], [paragraph(long)]] }]);
    const [first, second, runover] = pages[1].slice(1);
    expect(first).toBe(',C>]S');
    expect(second.startsWith('P')).toBe(true);
    expect(runover.startsWith('  ') && !runover.startsWith('   ')).toBe(true);
  });

  it('a heading is never the last line of a page: it goes to the next page with what follows it', async () => {
    const filler = Array.from({ length: 22 }, (_, i) => paragraph(`Line ${i + 1}.`));
    const pages = await brfOf([...filler, heading(2, 'Money'), paragraph('Two.')]);
    expect(pages[1].at(-1)).not.toBe('    ,M"OY');
    expect(pages[2].slice(1, 3)).toEqual(['    ,M"OY', '  ,TWO4']);
  });
});
