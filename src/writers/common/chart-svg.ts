// Draws a chart's known values as SVG shapes only: no text in the picture, because the
// labels and values are given as a table beside it (LP-09) and must stay real, tagged text.
import type { Chart } from '../../model/types.ts';
import { keyColour } from '../../model/chart.ts';

export function chartSvg(chart: Chart, size: number): string {
  const known = chart.data.map((d, i) => ({ ...d, colour: keyColour(i) })).filter((d) => d.value !== null && d.value > 0);
  if (chart.kind === 'pie') {
    const total = known.reduce((s, d) => s + (d.value ?? 0), 0);
    const r = size / 2 - 2;
    const c = size / 2;
    let angle = -Math.PI / 2;
    const paths = known.map((d) => {
      const sweep = ((d.value ?? 0) / total) * Math.PI * 2;
      const a2 = angle + sweep;
      const large = sweep > Math.PI ? 1 : 0;
      const p = (a: number) => `${(c + r * Math.cos(a)).toFixed(2)} ${(c + r * Math.sin(a)).toFixed(2)}`;
      const d0 = known.length === 1 ? `M ${c - r} ${c} a ${r} ${r} 0 1 0 ${2 * r} 0 a ${r} ${r} 0 1 0 ${-2 * r} 0` : `M ${c} ${c} L ${p(angle)} A ${r} ${r} 0 ${large} 1 ${p(a2)} Z`;
      angle = a2;
      return `<path d="${d0}" fill="${d.colour}" stroke="#ffffff" stroke-width="1.5"/>`;
    });
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${paths.join('')}</svg>`;
  }
  const max = Math.max(...known.map((d) => d.value ?? 0), 1);
  const w = size * 1.6;
  const bw = w / Math.max(known.length, 1);
  const bars = known.map((d, i) => {
    const h = ((d.value ?? 0) / max) * (size - 4);
    return `<rect x="${(i * bw + bw * 0.15).toFixed(2)}" y="${(size - h).toFixed(2)}" width="${(bw * 0.7).toFixed(2)}" height="${h.toFixed(2)}" fill="${d.colour}"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${size}" viewBox="0 0 ${w} ${size}"><line x1="0" y1="${size}" x2="${w}" y2="${size}" stroke="#000"/>${bars.join('')}</svg>`;
}

export function swatchSvg(colour: string, size: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 10 10"><rect width="10" height="10" fill="${colour}"/></svg>`;
}

export const TICK_SVG = (size: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 16 16"><path d="M2 8.5 L6.2 12.5 L14 3.5" fill="none" stroke="#00603a" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
