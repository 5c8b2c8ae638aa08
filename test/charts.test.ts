// Charts are honest and told apart by more than colour: an unknown value is shown as unknown,
// with no shape that implies a share; every key colour is at least 3:1 against the white page
// and against its neighbour (WCAG's contrast formula), each with a pattern of its own, drawn
// alike in the chart and in its table's key; parts are parted by white separators or gaps.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEY_PATTERNS, PALETTE, chartAlt, chartRows, drawnKind, keyColour, keyPattern } from '../src/model/chart.ts';
import { chartSvg, swatchSvg } from '../src/writers/common/chart-svg.ts';
import { loadContent } from '../src/pipeline/validate.ts';
import { folderImageLoader, folderTextLoader } from '../src/storage/folder.ts';
import { walkBlocks } from '../src/model/walk.ts';
import { labelsFor } from '../src/model/labels.ts';
import type { Chart, DocumentModel, Figure, Table } from '../src/model/types.ts';
import { contentFiles } from './support/content.ts';
import { defaultAssets } from '../src/storage/assets.ts';

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
const WHITE = '#ffffff';

const L = labelsFor('en-GB');
const chart = (kind: Chart['kind'], values: (number | null)[], extra: Partial<Chart> = {}): Chart => ({
  id: 'c',
  kind,
  title: 'Spend',
  unit: '£',
  data: values.map((value, i) => ({ label: `Part ${i + 1}`, value, ...(value === null ? { note: 'lost' } : {}) })),
  ...extra,
});

/** The drawing's shapes: each filled shape with its colour, and the marks and separators after it. */
function shapes(svg: string) {
  const els = [...svg.matchAll(/<(path|rect|line|circle|text)\b([^>]*)\/?>/g)].map((m) => ({
    tag: m[1],
    d: /\sd="([^"]*)"/.exec(m[2])?.[1] ?? '',
    fill: /\sfill="([^"]*)"/.exec(m[2])?.[1],
    stroke: /\sstroke="([^"]*)"/.exec(m[2])?.[1],
  }));
  const parts = els.filter((e) => e.fill && e.fill !== 'none' && e.fill !== WHITE);
  return { els, parts, colours: [...new Set(els.flatMap((e) => [e.fill, e.stroke]).filter((c): c is string => !!c && c !== 'none'))] };
}

const models = new Map<string, DocumentModel>();
for (const file of contentFiles()) {
  const r = loadContent(file, readFileSync(file), folderImageLoader(file), { loadText: folderTextLoader(file), symbols: new Set(defaultAssets().symbols.keys()) });
  if (r.ok) models.set(file, r.model);
}
function chartGroups(model: DocumentModel): { figure: Figure; table: Table }[] {
  const out: { figure: Figure; table: Table }[] = [];
  walkBlocks(model.blocks, (b) => {
    if (b.type === 'group' && b.role === 'chart') out.push({ figure: b.blocks.find((x): x is Figure => x.type === 'figure')!, table: b.blocks.find((x): x is Table => x.type === 'table')! });
  });
  return out;
}
const LOCAL_ACCOUNT = 'content/local-account-2016-17/local-account-2016-17.yaml';

describe('colours and patterns', () => {
  it('every key colour is at least 3:1 against the white page', () => {
    for (const c of PALETTE) expect(contrast(c, WHITE), c).toBeGreaterThanOrEqual(3);
  });

  it('every key colour is at least 3:1 against the next (the last against the first), and has its own pattern', () => {
    PALETTE.forEach((c, i) => expect(contrast(c, PALETTE[(i + 1) % PALETTE.length]), `${c} beside ${PALETTE[(i + 1) % PALETTE.length]}`).toBeGreaterThanOrEqual(3));
    expect(new Set(KEY_PATTERNS).size).toBe(PALETTE.length);
    expect(new Set(PALETTE.map(keyPattern)).size).toBe(PALETTE.length);
  });

  it.each([
    ['pie', [38.5, 32, 25, 4.5, 10, 12, 7, 9, 3, 6]],
    ['bar', [5, 8, -2, 3, 9, 4, 6, 1, 7, 2]],
  ] as const)('every colour a %s chart draws is at least 3:1 against white; its marks are white on their part', (kind, values) => {
    for (const size of [156, 216, 220, 240]) {
      const { colours } = shapes(chartSvg(chart(kind, [...values]), size));
      for (const c of colours.filter((c) => c !== WHITE)) expect(contrast(c, WHITE), `${c} in a ${kind} chart`).toBeGreaterThanOrEqual(3);
    }
  });

  it('every chart in the content draws only colours at least 3:1 against white, and no text', () => {
    let n = 0;
    for (const [file, model] of models) {
      for (const { figure } of chartGroups(model)) {
        if (figure.graphic.type !== 'chart') continue;
        const svg = chartSvg(figure.graphic.chart, 240);
        expect(svg, file).not.toMatch(/<text|<tspan|<foreignObject/);
        for (const c of shapes(svg).colours.filter((c) => c !== WHITE)) expect(contrast(c, WHITE), `${file}: ${c}`).toBeGreaterThanOrEqual(3);
        n++;
      }
    }
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it('tells neighbouring slices apart by more than colour: white separators between them, and a pattern of white marks on all but the first', () => {
    const c = chart('pie', [38.5, 32, 25, 4.5]);
    const { els, parts } = shapes(chartSvg(c, 240));
    expect(parts.map((p) => p.fill)).toEqual([0, 1, 2, 3].map(keyColour));
    // A separator (white, unfilled) around each slice, drawn over the fills and marks.
    const separators = els.filter((e) => e.fill === 'none' && e.stroke === WHITE && parts.some((p) => p.d === e.d));
    expect(separators).toHaveLength(4);
    expect(els.indexOf(separators[0])).toBeGreaterThan(els.indexOf(parts[3]));
    // Marks: white, after their slice, one set per patterned slice.
    const marks = els.filter((e) => (e.fill === WHITE || e.stroke === WHITE) && !separators.includes(e));
    expect(marks).toHaveLength(3);
  });

  it('tells neighbouring bars apart by white gaps and patterns', () => {
    const svg = chartSvg(chart('bar', [5, 8, 3]), 240);
    const rects = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(rects).toHaveLength(3);
    for (let i = 1; i < rects.length; i++) expect(rects[i][0] - (rects[i - 1][0] + rects[i - 1][1])).toBeGreaterThan(5);
    expect(shapes(svg).els.filter((e) => e.fill === WHITE || e.stroke === WHITE)).toHaveLength(2); // the 2nd and 3rd bars' marks
  });

  it('draws the same key in the table\'s swatch as in the chart: the colour and its pattern', () => {
    for (const colour of PALETTE) {
      const sw = swatchSvg(colour, 16);
      expect(sw).toContain(`fill="${colour}"`);
      expect(/fill="#ffffff"|stroke="#ffffff"/.test(sw), colour).toBe(keyPattern(colour) !== 'solid');
    }
    // Different keys, different swatches.
    expect(new Set(PALETTE.map((c) => swatchSvg(c, 16).replace(c, ''))).size).toBe(PALETTE.length);
  });

  it('uses no ids or <defs>, so a page may hold many charts and keys', () => {
    for (const svg of [chartSvg(chart('pie', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 240), chartSvg(chart('bar', [1, 2, 3]), 240), ...PALETTE.map((c) => swatchSvg(c, 16))]) expect(svg).not.toMatch(/\sid=|<defs|<pattern|url\(/);
  });
});

describe('unknown values', () => {
  it('draws a pie with an unknown value as bars of the known values only, with no shape that implies a share', () => {
    const c = chart('pie', [null, null, 19900, null], { total: 379789 });
    expect(drawnKind(c)).toBe('bar');
    const svg = chartSvg(c, 240);
    expect(svg).not.toMatch(/\sA\s|\sa\s|<circle/); // no arc: no slice, no whole circle
    expect(shapes(svg).parts.map((p) => p.fill)).toEqual([keyColour(2)]);
    expect(chartAlt(c)).toBe('Bar chart: Spend (£), 4 parts. 3 values are not known, so the known value is drawn as a bar: Part 3, 19,900. The figures are in the table that follows.');
  });

  it('gives a known value\'s share of a stated total, and no share without a whole', () => {
    expect(chartRows(chart('pie', [null, 19900], { total: 379789 }), L).map((r) => [r.value, r.share])).toEqual([
      ['Not known (lost)', ''],
      ['19,900', '5.2%'],
    ]);
    // No total and a value unknown: there is no whole to take a share of (not "100%").
    expect(chartRows(chart('pie', [null, 19900]), L).map((r) => r.share)).toEqual(['', '']);
  });

  it('draws a pie as a pie only when its parts make the whole', () => {
    expect(drawnKind(chart('pie', [38.5, 32, 25, 4.5], { total: 100 }))).toBe('pie');
    expect(drawnKind(chart('pie', [38.5, 32, 25, 4.5]))).toBe('pie');
    expect(drawnKind(chart('pie', [38.5, 32, 20], { total: 100 }))).toBe('bar');
    expect(drawnKind(chart('pie', [5, -2, 3]))).toBe('bar');
    expect(drawnKind(chart('pie', [null, null]))).toBe('bar');
    expect(chartAlt(chart('pie', [38.5, 32, 20], { total: 100 }))).toContain('3 parts. The values add up to 90.5, not the total of 100, so the 3 values are drawn as bars, not as shares.');
    expect(chartAlt(chart('pie', [null, null]))).toBe('Chart: Spend (£), 2 parts. No value is known, so none is drawn. The figures are in the table that follows.');
  });

  it('draws a pie\'s slices in proportion to their values', () => {
    const svg = chartSvg(chart('pie', [1, 1, 2]), 200);
    // Slices start at 12 o'clock: quarter, quarter, half.
    const ends = [...svg.matchAll(/<path d="M 100.00 100.00 L ([\d.]+) ([\d.]+) A [\d.]+ [\d.]+ 0 (\d) 1 ([\d.]+) ([\d.]+) Z" fill="#/g)].map((m) => m.slice(1).map(Number));
    expect(ends).toEqual([
      [100, 2, 0, 198, 100],
      [198, 100, 0, 100, 198],
      [100, 198, 0, 100, 2],
    ]);
  });

  it('says in a bar chart\'s alt text which values are not known, and draws none for them', () => {
    const c = chart('bar', [4, null, 9]);
    expect(shapes(chartSvg(c, 240)).parts.map((p) => p.fill)).toEqual([keyColour(0), keyColour(2)]);
    expect(chartAlt(c)).toBe('Bar chart: Spend (£), 3 parts. The largest known value is Part 3, 9. 1 value is not known and not drawn. The figures are in the table that follows.');
  });

  it('draws bars in proportion from a zero baseline, a value below zero below it', () => {
    const svg = chartSvg(chart('bar', [10, 5, -5]), 100);
    const bars = [...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const base = Number(/<line x1="0" y1="([\d.]+)"/.exec(svg)![1]);
    expect(bars[0][0] + bars[0][1]).toBeCloseTo(base, 1);
    expect(bars[0][1] / bars[1][1]).toBeCloseTo(2, 2);
    expect(bars[2][0]).toBeCloseTo(base, 1);
    expect(bars[2][1]).toBeCloseTo(bars[1][1], 2);
  });

  it('draws the Local Account\'s spending, 8 of 9 values lost, as the one known bar, and lists the 8 as not known', () => {
    const groups = chartGroups(models.get(LOCAL_ACCOUNT)!);
    const spend = groups.find((g) => g.figure.graphic.type === 'chart' && g.figure.graphic.chart.id === 'spend-2016-17')!;
    const drawn = (spend.figure.graphic as { chart: Chart }).chart;
    expect(drawn.kind).toBe('bar');
    expect(shapes(chartSvg(drawn, 156)).parts).toHaveLength(1);
    expect(spend.figure.alt).toMatch(/^Bar chart: How we spent our money \(£'000\), 9 parts\. 8 values are not known, so the known value is drawn as a bar: Supporting People and Social Fund, 19,900\./);
    const cells = spend.table.rows.map((r) => r.map((c) => c.map((i) => (i.type === 'text' ? i.text : '')).join('')));
    expect(cells.filter((r) => r[1].startsWith('Not known'))).toHaveLength(8);
    expect(cells.find((r) => r[0] === 'Supporting People and Social Fund')).toEqual(['Supporting People and Social Fund', '19,900', '5.2%']);
    // The key: a swatch for the known value only, in the colour (and pattern) it is drawn in.
    expect(spend.table.keyColours?.filter(Boolean)).toEqual([keyColour(5)]);
    // The safeguarding outcomes make their whole (100%): still a pie.
    const outcomes = groups.find((g) => g.figure.graphic.type === 'chart' && g.figure.graphic.chart.id === 'safeguarding-enquiry-outcomes')!;
    expect((outcomes.figure.graphic as { chart: Chart }).chart.kind).toBe('pie');
    expect(outcomes.figure.alt).toMatch(/^Pie chart: Outcomes of Safeguarding Enquiries/);
  });
});
