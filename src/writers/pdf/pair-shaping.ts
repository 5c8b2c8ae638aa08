// Shapes a plain Latin word as its glyphs plus the kerning of each adjacent pair, read straight
// from the font's GPOS pair-adjustment tables. For the embedded Atkinson Hyperlegible faces this
// is exactly what fontkit's full OpenType shaping gives: their only default lookups that touch
// text without combining marks are pair kerning (GPOS type 2, first glyph's advance only); ccmp,
// mark and mkmk need a combining mark. test/pdf-shaping.test.ts checks every word of content/ and
// every pair of the characters allowed here against fontkit. fontkit's per-call cost was a
// quarter of a cold PDF's time.

export interface Glyph {
  id: number;
  advanceWidth: number;
}
export interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}
interface Coverage {
  version: number;
  glyphs?: number[];
  rangeRecords?: { start: number; end: number; startCoverageIndex: number }[];
}
interface ClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: number[];
  classRangeRecord?: { start: number; end: number; class: number }[];
}
interface Indexed<T> {
  get(i: number): T;
}
interface PairSubtable {
  version: number;
  coverage: Coverage;
  pairSets?: Indexed<Iterable<{ secondGlyph: number; value1: { xAdvance?: number } }>>;
  classDef1?: ClassDef;
  classDef2?: ClassDef;
  classRecords?: Indexed<Indexed<{ value1: { xAdvance?: number } }>>;
}
export interface FontkitFont {
  postscriptName: string;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): Glyph;
  layout(text: string): { glyphs: Glyph[]; positions: Position[] };
  GPOS?: { featureList: { tag: string; feature: { lookupListIndexes: number[] } }[]; lookupList: Indexed<{ lookupType: number; subTables: PairSubtable[] }> };
}

/** Faces whose lookups the test has checked (see above); any other font is shaped by fontkit. */
export const PAIR_SHAPED_FONTS = new Set(['AtkinsonHyperlegible-Regular', 'AtkinsonHyperlegible-Bold']);

/**
 * Characters shaped here: Latin letters and symbols before the spacing modifiers (U+02B0), general
 * punctuation and currency; not the default-ignorable ones (soft hyphen, zero-width and
 * bidirectional controls), which fontkit hides.
 */
export const pairShapeable = (cp: number) =>
  (cp < 0x2b0 && cp !== 0xad) || (cp >= 0x2000 && cp < 0x20d0 && !(cp >= 0x200b && cp <= 0x200f) && !(cp >= 0x202a && cp <= 0x202e) && !(cp >= 0x2060 && cp <= 0x206f));

// fontkit's own coverage and class lookups (OTProcessor.coverageIndex, getClassID).
function coverageIndex(c: Coverage, glyph: number): number {
  if (c.version === 1) return c.glyphs!.indexOf(glyph);
  for (const r of c.rangeRecords ?? []) if (r.start <= glyph && glyph <= r.end) return r.startCoverageIndex + glyph - r.start;
  return -1;
}
function classOf(c: ClassDef, glyph: number): number {
  if (c.version === 1) {
    const i = glyph - c.startGlyph!;
    if (i >= 0 && i < c.classValueArray!.length) return c.classValueArray![i];
  } else for (const r of c.classRangeRecord ?? []) if (r.start <= glyph && glyph <= r.end) return r.class;
  return 0;
}

interface Face {
  subtables: PairSubtable[];
  kern: Map<number, number>; // first * 65536 + second → adjustment in font units
}
const faces = new Map<string, Face>();
const faceOf = new WeakMap<FontkitFont, Face | null>();

function face(font: FontkitFont): Face | null {
  let f = faceOf.get(font);
  if (f === undefined) {
    const name = font.postscriptName; // fontkit reads the name table on every get
    f = null;
    if (PAIR_SHAPED_FONTS.has(name)) {
      f = faces.get(name) ?? null;
      if (!f && font.GPOS) {
        const gpos = font.GPOS;
        const lookups = gpos.featureList.filter((x) => x.tag === 'kern').flatMap((x) => x.feature.lookupListIndexes);
        const tables = [...new Set(lookups)].sort((a, b) => a - b).map((i) => gpos.lookupList.get(i));
        if (tables.every((t) => t.lookupType === 2)) faces.set(name, (f = { subtables: tables.flatMap((t) => t.subTables), kern: new Map() }));
      }
    }
    faceOf.set(font, f);
  }
  return f;
}

// The first subtable that covers the pair applies (as in fontkit's GPOSProcessor).
function pairKern(f: Face, first: number, second: number): number {
  const key = first * 65536 + second;
  let k = f.kern.get(key);
  if (k !== undefined) return k;
  k = 0;
  for (const t of f.subtables) {
    const index = coverageIndex(t.coverage, first);
    if (index === -1) continue;
    if (t.version === 1) {
      let found = false;
      for (const pair of t.pairSets!.get(index)) {
        if (pair.secondGlyph === second) {
          k = pair.value1.xAdvance ?? 0;
          found = true;
          break;
        }
      }
      if (found) break;
    } else {
      k = t.classRecords!.get(classOf(t.classDef1!, first)).get(classOf(t.classDef2!, second)).value1.xAdvance ?? 0;
      break;
    }
  }
  f.kern.set(key, k);
  return k;
}

/** The word's glyphs and positions in font units, as fontkit's layout gives them; undefined if fontkit must shape it. */
export function shapeByPairs(font: FontkitFont, text: string): { glyphs: Glyph[]; positions: Position[] } | undefined {
  const f = face(font);
  if (!f) return undefined;
  const glyphs: Glyph[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!pairShapeable(cp) || !font.hasGlyphForCodePoint(cp)) return undefined;
    glyphs.push(font.glyphForCodePoint(cp));
  }
  const positions = glyphs.map((g, i) => ({ xAdvance: g.advanceWidth + (i + 1 < glyphs.length ? pairKern(f, g.id, glyphs[i + 1].id) : 0), yAdvance: 0, xOffset: 0, yOffset: 0 }));
  return { glyphs, positions };
}
