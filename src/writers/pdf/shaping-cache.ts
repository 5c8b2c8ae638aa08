// One text-shaping cache per font for the whole process, instead of pdfkit's one per document.
// pdfkit shapes each word with fontkit (GSUB/GPOS) and caches the run on the document's font
// object, so every PDF re-shaped the same words: the large-print PDF after the standard one, each
// layout pass of an agenda pack, every upload to a warm Lambda. A run depends only on the font and
// the word (positions are in font units scaled to 1000/em), so sharing it changes no byte.
// A word not yet cached is shaped by pair-shaping.ts where that is exact, else by fontkit.
import * as PDFDocumentModule from 'pdfmake/js/PDFDocument.js';
import { cjsClass } from './tagging.ts';
import { shapeByPairs, type FontkitFont, type Glyph, type Position } from './pair-shaping.ts';

interface GlyphRun {
  glyphs: Glyph[];
  positions: Position[];
  advanceWidth: number;
}
interface EmbeddedFont {
  font: FontkitFont;
  scale: number;
  layoutRun(text: string, features?: unknown): GlyphRun;
  layoutCached(text: string): GlyphRun;
  sharedRuns?: Map<string, GlyphRun>;
}

// Words are few (a long report has some thousands); the cap only guards a pathological input.
const MAX_WORDS_PER_FONT = 100_000;
const runs = new Map<string, Map<string, GlyphRun>>();

function runsFor(fontKey: string): Map<string, GlyphRun> {
  let cache = runs.get(fontKey);
  if (!cache) runs.set(fontKey, (cache = new Map()));
  return cache;
}

/** What pdfkit's layoutRun makes of fontkit's run: positions scaled to 1000/em, with advanceWidth. */
function scaled(run: { glyphs: Glyph[]; positions: Position[] }, scale: number): GlyphRun {
  let advanceWidth = 0;
  const positions = run.positions.map((p, i) => {
    const q = { xAdvance: p.xAdvance * scale, yAdvance: p.yAdvance * scale, xOffset: p.xOffset * scale, yOffset: p.yOffset * scale, advanceWidth: run.glyphs[i].advanceWidth * scale };
    advanceWidth += q.xAdvance;
    return q;
  });
  return { glyphs: run.glyphs, positions, advanceWidth };
}

/**
 * pdfkit's layout of a run of words, without its concat per word: pdfkit builds the glyph and
 * position arrays by concatenating each word's to a new copy, so a line merged into one run
 * (tagging.ts's mergeInlines) cost the square of its words. The same words, split where pdfkit
 * splits them (after each space or tab), give the same arrays in the same order.
 */
function layoutWords(this: EmbeddedFont & { layoutRun(t: string, f: unknown): GlyphRun }, text: string, features?: unknown, onlyWidth?: boolean): { glyphs: Glyph[] | null; positions: Position[] | null; advanceWidth: number } {
  if (features) return this.layoutRun(text, features);
  const glyphs: Glyph[] | null = onlyWidth ? null : [];
  const positions: Position[] | null = onlyWidth ? null : [];
  let advanceWidth = 0;
  let last = 0;
  for (let index = 0; index <= text.length; ) {
    const c = text.charAt(index);
    if ((index === text.length && last < index) || c === ' ' || c === '\t') {
      const run = this.layoutCached(text.slice(last, ++index));
      if (glyphs && positions) {
        for (const g of run.glyphs) glyphs.push(g);
        for (const q of run.positions) positions.push(q);
      }
      advanceWidth += run.advanceWidth;
      last = index;
    } else index++;
  }
  return { glyphs, positions, advanceWidth };
}

function shareRuns(proto: EmbeddedFont): void {
  (proto as unknown as { layout: typeof layoutWords }).layout = layoutWords;
  proto.layoutCached = function (this: EmbeddedFont, text: string) {
    const cache = (this.sharedRuns ??= runsFor(`${this.font.postscriptName}@${this.scale}`)); // fontkit reads the name table on every get
    let run = cache.get(text);
    if (!run) {
      if (cache.size >= MAX_WORDS_PER_FONT) cache.clear();
      const byPairs = shapeByPairs(this.font, text);
      run = byPairs ? scaled(byPairs, this.scale) : this.layoutRun(text);
      cache.set(text, run);
    }
    return run;
  };
}

let installed = false;

/** Patches the font class the first time pdfmake hands out a font (pdfkit does not export it). */
export function installShapingCache(): void {
  if (installed) return;
  installed = true;
  const PDFDocument = cjsClass(PDFDocumentModule) as { prototype: { provideFont(...a: unknown[]): EmbeddedFont } };
  const provideFont = PDFDocument.prototype.provideFont;
  let patched = false;
  PDFDocument.prototype.provideFont = function (...args: unknown[]) {
    const font = provideFont.apply(this, args);
    if (!patched) {
      patched = true;
      shareRuns(Object.getPrototypeOf(font));
    }
    return font;
  };
}
