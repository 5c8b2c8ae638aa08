// A chart's data in words: its rows, its alt text and its total, worded once for every format
// (every writer gives the data as a table, LP-09, PT-06), and the colours that key its parts.
import type { Chart, Labels } from './types.ts';

export interface ChartRow {
  label: string;
  value: string;
  share: string;
}

/** High-contrast palette (≥3:1 against white, distinguishable in greyscale order). */
export const PALETTE = ['#1d4e89', '#d1495b', '#00798c', '#edae49', '#3c1642', '#6a994e', '#8d5a97', '#bc4b51', '#30638e', '#5b5b5b'];

export const keyColour = (i: number) => PALETTE[i % PALETTE.length];

const nf = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

export function formatNumber(n: number): string {
  return nf.format(n);
}

export function chartRows(chart: Chart, L: Pick<Labels, 'notKnown'>): ChartRow[] {
  const known = chart.data.reduce((s, d) => s + (d.value ?? 0), 0);
  const base = chart.total ?? known;
  return chart.data.map((d) => ({
    label: d.label,
    value: d.value === null ? `${L.notKnown}${d.note ? ` (${d.note})` : ''}` : formatNumber(d.value),
    share: d.value === null || chart.kind !== 'pie' || !base ? '' : `${((d.value / base) * 100).toFixed(1)}%`,
  }));
}

/** A sentence that says what the chart shows: its alt text. */
export function chartAlt(chart: Chart): string {
  const known = chart.data.filter((d) => d.value !== null);
  const unknown = chart.data.length - known.length;
  const top = [...known].sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0];
  const parts = [
    `${chart.kind === 'pie' ? 'Pie' : 'Bar'} chart: ${chart.title} (${chart.unit}), ${chart.data.length} parts.`,
    top ? `The largest is ${top.label}, ${formatNumber(top.value ?? 0)}.` : '',
    unknown ? `${unknown} value${unknown > 1 ? 's are' : ' is'} not known.` : '',
    'The figures are in the table that follows.',
  ];
  return parts.filter(Boolean).join(' ');
}

export function chartTotal(chart: Chart, L: Pick<Labels, 'total'>): string | undefined {
  if (chart.total === undefined) return undefined;
  const known = chart.data.reduce((s, d) => s + (d.value ?? 0), 0);
  const gap = chart.total - known;
  return `${L.total}: ${formatNumber(chart.total)}${Math.abs(gap) > 1e-9 ? ` (the known values add up to ${formatNumber(known)})` : ''}`;
}
