// A chart's data in words: its rows, its alt text and its total, worded once for every format
// (every writer gives the data as a table, LP-09, PT-06); how it is drawn honestly; and the keys
// (a colour and a pattern) that tell its parts apart.
import type { Chart, Labels } from './types.ts';

export interface ChartRow {
  label: string;
  value: string;
  share: string;
}

/**
 * The keys' colours, in order: each at least 3:1 against the white page, and each at least
 * 3:1 against the next (the last against the first too), so that neighbouring parts differ in
 * lightness, greyscale included: a mid tone and a dark one by turns. Each colour also has its own
 * pattern of white marks (KEY_PATTERNS), so no two parts are told apart by colour alone
 * (WCAG 1.4.1, 1.4.11). test/charts.test.ts computes the contrasts with WCAG's formula.
 */
export const PALETTE = ['#2f7fc8', '#5c0f1a', '#d4700a', '#14254d', '#2a8f6a', '#3d1656', '#d6457f', '#0a3320', '#7f8f00', '#3d2208'];

/** The white marks drawn over each palette colour, in the chart and in the table's key alike. */
export const KEY_PATTERNS = ['solid', 'diagonal', 'dots', 'horizontal', 'back-diagonal', 'plus', 'vertical', 'rings', 'crosshatch', 'squares'] as const;
export type KeyPattern = (typeof KEY_PATTERNS)[number];

export const keyColour = (i: number) => PALETTE[i % PALETTE.length];

/** The pattern that goes with a key's colour (a colour not in the palette is drawn solid). */
export const keyPattern = (colour: string): KeyPattern => KEY_PATTERNS[PALETTE.indexOf(colour.toLowerCase())] ?? 'solid';

const nf = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

export function formatNumber(n: number): string {
  return nf.format(n);
}

const known = (chart: Chart) => chart.data.filter((d): d is typeof d & { value: number } => d.value !== null);
const sum = (xs: { value: number }[]) => xs.reduce((s, d) => s + d.value, 0);

/**
 * Why a chart's parts cannot be drawn as shares of a whole, if they cannot: a pie shows each part
 * as a share, which is honest only when the whole is known: every value known, none below zero,
 * adding up to the stated total (if there is one).
 */
function noWhole(chart: Chart): string | undefined {
  const values = known(chart);
  const unknown = chart.data.length - values.length;
  if (unknown === chart.data.length) return 'no value is known';
  if (unknown) return `${unknown > 1 ? `${unknown} values are` : '1 value is'} not known`;
  if (values.some((d) => d.value < 0)) return 'a value is below zero';
  const all = sum(values);
  if (all <= 0) return 'the values add up to nothing';
  if (chart.total !== undefined && Math.abs(chart.total - all) > Math.abs(chart.total) * 0.005) return `the values add up to ${formatNumber(all)}, not the total of ${formatNumber(chart.total)}`;
  return undefined;
}

/**
 * How a chart is drawn: a pie only when its parts make a known whole (see noWhole); otherwise
 * its known values are drawn as bars, with no shape that implies a share, and the unknown ones
 * are said to be unknown in its table and its alt text.
 */
export function drawnKind(chart: Chart): Chart['kind'] {
  return chart.kind === 'pie' && !noWhole(chart) ? 'pie' : 'bar';
}

export function chartRows(chart: Chart, L: Pick<Labels, 'notKnown'>): ChartRow[] {
  const values = known(chart);
  // A share is of a whole: the stated total, or else the sum of the values if every one is known.
  const base = chart.total ?? (values.length === chart.data.length ? sum(values) : 0);
  return chart.data.map((d) => ({
    label: d.label,
    value: d.value === null ? `${L.notKnown}${d.note ? ` (${d.note})` : ''}` : formatNumber(d.value),
    share: d.value === null || chart.kind !== 'pie' || !base ? '' : `${((d.value / base) * 100).toFixed(1)}%`,
  }));
}

/** A sentence that says what the chart shows as drawn: its alt text. */
export function chartAlt(chart: Chart): string {
  const values = known(chart);
  const unknown = chart.data.length - values.length;
  const drawn = drawnKind(chart);
  const top = [...values].sort((a, b) => b.value - a.value)[0];
  const why = chart.kind === 'pie' && drawn === 'bar' ? noWhole(chart) : undefined;
  const head = values.length ? `${drawn === 'pie' ? 'Pie' : 'Bar'} chart` : 'Chart';
  const parts = [`${head}: ${chart.title} (${chart.unit}), ${chart.data.length} parts.`];
  if (!values.length) parts.push('No value is known, so none is drawn.');
  else if (why) {
    // A pie's parts drawn as bars: say why, and what is drawn.
    const which = unknown ? 'known ' : '';
    const what = values.length === 1 ? `the ${which}value is drawn as a bar: ${values[0].label}, ${formatNumber(values[0].value)}.` : `the ${values.length} ${which}values are drawn as bars, not as shares. The largest is ${top.label}, ${formatNumber(top.value)}.`;
    parts.push(`${why[0].toUpperCase()}${why.slice(1)}, so ${what}`);
  } else {
    parts.push(`The largest${unknown ? ' known value' : ''} is ${top.label}, ${formatNumber(top.value)}.`);
    if (unknown) parts.push(`${unknown} value${unknown > 1 ? 's are' : ' is'} not known and not drawn.`);
  }
  parts.push('The figures are in the table that follows.');
  return parts.join(' ');
}

export function chartTotal(chart: Chart, L: Pick<Labels, 'total'>): string | undefined {
  if (chart.total === undefined) return undefined;
  const all = sum(known(chart));
  const gap = chart.total - all;
  return `${L.total}: ${formatNumber(chart.total)}${Math.abs(gap) > 1e-9 ? ` (the known values add up to ${formatNumber(all)})` : ''}`;
}
