// A chart's data as rows of text: every writer gives the data as a table or list (LP-09, PT-06).
import type { Chart } from '../../model/types.ts';

export interface ChartRow {
  label: string;
  value: string;
  share: string;
}

const nf = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

export function formatNumber(n: number): string {
  return nf.format(n);
}

export function chartRows(chart: Chart): ChartRow[] {
  const known = chart.data.reduce((s, d) => s + (d.value ?? 0), 0);
  const base = chart.total ?? known;
  return chart.data.map((d) => ({
    label: d.label,
    value: d.value === null ? `Not known${d.note ? ` (${d.note})` : ''}` : formatNumber(d.value),
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

export function chartTotal(chart: Chart): string | undefined {
  if (chart.total === undefined) return undefined;
  const known = chart.data.reduce((s, d) => s + (d.value ?? 0), 0);
  const gap = chart.total - known;
  return `Total: ${formatNumber(chart.total)}${Math.abs(gap) > 1e-9 ? ` (the known values add up to ${formatNumber(known)})` : ''}`;
}
