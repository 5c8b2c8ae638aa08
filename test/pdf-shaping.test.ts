// The PDF writer shapes plain Latin words itself (glyphs plus GPOS pair kerning, see
// src/writers/pdf/pair-shaping.ts). Here fontkit, which pdfkit would otherwise use, is the
// reference: every word in content/ and every pair of the characters shaped that way must come
// out with the same glyphs and positions, in both embedded faces.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { pairShapeable, shapeByPairs, PAIR_SHAPED_FONTS, type FontkitFont } from '../src/writers/pdf/pair-shaping.ts';
import { FONT_FILES } from '../src/storage/assets.ts';

const faces = Object.values(FONT_FILES).map((f) => fontkit.create(readFileSync(join('assets/fonts', f))) as FontkitFont);
const files = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : [join(d, f)]));
const words = [...new Set(files('content').filter((f) => /\.(ya?ml|json)$/.test(f)).flatMap((f) => readFileSync(f, 'utf8').split(/[ \n]+/)))].flatMap((w) => [w, `${w} `]);

function same(font: FontkitFont, text: string): boolean {
  const ours = shapeByPairs(font, text);
  if (!ours) return true; // fontkit shapes it
  const ref = font.layout(text);
  const glyphs = (r: typeof ref) => r.glyphs.map((g) => g.id).join(',');
  const positions = (r: typeof ref) => r.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset].join(' ')).join(',');
  return glyphs(ours) === glyphs(ref) && positions(ours) === positions(ref);
}

describe('shaping by glyph pairs', () => {
  it.each(faces.map((f) => [f.postscriptName, f] as const))('%s: gives what fontkit gives for every word in content/ and every pair', (_, font) => {
    expect(PAIR_SHAPED_FONTS.has(font.postscriptName)).toBe(true);
    const shaped = words.filter((w) => shapeByPairs(font, w));
    expect(shaped.length).toBeGreaterThan(10_000); // the fast path is really taken
    expect(words.filter((w) => !same(font, w))).toEqual([]);
    const chars: string[] = [];
    for (let cp = 0x20; cp < 0x20d0; cp++) if (pairShapeable(cp) && font.hasGlyphForCodePoint(cp)) chars.push(String.fromCodePoint(cp));
    expect(chars.length).toBeGreaterThan(150);
    const wrong: string[] = [];
    for (const a of chars) for (const b of chars) if (!same(font, a + b)) wrong.push(a + b);
    expect(wrong).toEqual([]);
  });

  it('leaves other text to fontkit: combining marks, and characters the face lacks', () => {
    const font = faces[0];
    expect(shapeByPairs(font, 'cafe\u0301')).toBeUndefined();
    expect(shapeByPairs(font, 'Καλημέρα')).toBeUndefined();
    expect(shapeByPairs(font, 'Care Act')).toBeDefined();
  });
});
