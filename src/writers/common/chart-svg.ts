// Draws a chart's known values as SVG shapes only: no text in the picture, because the
// labels and values are given as a table beside it (LP-09) and must stay real, tagged text.
//
// Honest and told apart by more than colour (WCAG 1.4.1, 1.4.11): a pie is drawn only when its
// parts make a known whole (chart.ts drawnKind), else the known values are drawn as bars; every
// part is keyed by a colour at least 3:1 against the white page and its neighbours, with a
// pattern of white marks of its own (the same key is drawn in the table's swatch), and parts are
// parted by white separators (slices) or white gaps (bars). Patterns are drawn as plain paths,
// clipped here: no <defs>, <pattern> or ids, which would repeat on an HTML page with several
// charts, and which not every renderer (pdfkit's SVG, resvg, Word) draws alike.
import type { Chart } from '../../model/types.ts';
import { drawnKind, keyColour, keyPattern, type KeyPattern } from '../../model/chart.ts';

const WHITE = '#ffffff';
const f = (n: number) => n.toFixed(2);

/** A region to fill with marks: inside every half-plane n·p ≤ c, and inside the circle if any. */
interface Region {
  planes: { nx: number; ny: number; c: number }[];
  circle?: { cx: number; cy: number; r: number };
}

const inside = (g: Region, x: number, y: number) =>
  g.planes.every((h) => h.nx * x + h.ny * y <= h.c + 1e-9) && (!g.circle || (x - g.circle.cx) ** 2 + (y - g.circle.cy) ** 2 <= g.circle.r ** 2);

/** The part of the line p + t·d (|d| = 1) inside a convex region, as [t0, t1], if any. */
function clipLine(g: Region, px: number, py: number, dx: number, dy: number): [number, number] | undefined {
  let [t0, t1] = [-Infinity, Infinity];
  for (const h of g.planes) {
    const a = h.nx * dx + h.ny * dy;
    const b = h.c - (h.nx * px + h.ny * py);
    if (Math.abs(a) < 1e-12) {
      if (b < 0) return undefined;
    } else if (a > 0) t1 = Math.min(t1, b / a);
    else t0 = Math.max(t0, b / a);
  }
  if (g.circle) {
    const [ox, oy] = [px - g.circle.cx, py - g.circle.cy];
    const half = ox * dx + oy * dy;
    const disc = half * half - (ox * ox + oy * oy - g.circle.r ** 2);
    if (disc <= 0) return undefined;
    t0 = Math.max(t0, -half - Math.sqrt(disc));
    t1 = Math.min(t1, -half + Math.sqrt(disc));
  }
  return t1 - t0 > 0.5 ? [t0, t1] : undefined;
}

const LINES: Partial<Record<KeyPattern, number[]>> = {
  diagonal: [-Math.PI / 4],
  'back-diagonal': [Math.PI / 4],
  horizontal: [0],
  vertical: [Math.PI / 2],
  crosshatch: [-Math.PI / 4, Math.PI / 4],
};

/**
 * The white marks of a pattern over convex regions (a slice wider than a half circle is given as
 * two), spaced `s` apart on a grid fixed to the picture, as one path. Marks lie wholly inside.
 */
function marks(pattern: KeyPattern, regions: Region[], box: [number, number, number, number], s: number): string {
  const [x0, y0, x1, y1] = box;
  const lines = LINES[pattern];
  if (pattern === 'solid') return '';
  if (lines) {
    const d: string[] = [];
    const reach = Math.hypot(x1, y1) + s;
    for (const a of lines) {
      const [dx, dy] = [Math.cos(a), Math.sin(a)];
      const [nx, ny] = [-dy, dx];
      for (let k = Math.floor(-reach / s); k * s <= reach; k++) {
        const [px, py] = [nx * (k + 0.5) * s, ny * (k + 0.5) * s];
        for (const g of regions) {
          const t = clipLine(g, px, py, dx, dy);
          if (t) d.push(`M${f(px + dx * t[0])} ${f(py + dy * t[0])}L${f(px + dx * t[1])} ${f(py + dy * t[1])}`);
        }
      }
    }
    return d.length ? `<path d="${d.join('')}" fill="none" stroke="${WHITE}" stroke-width="${f(s * 0.2)}"/>` : '';
  }
  const m = s * 0.3; // how far a mark reaches from its centre
  const shape = (x: number, y: number): string => {
    switch (pattern) {
      case 'dots': // filled
      case 'rings': // stroked
        return `M${f(x - m * 0.8)} ${f(y)}a${f(m * 0.8)} ${f(m * 0.8)} 0 1 0 ${f(m * 1.6)} 0a${f(m * 0.8)} ${f(m * 0.8)} 0 1 0 ${f(-m * 1.6)} 0Z`;
      case 'plus':
        return `M${f(x - m)} ${f(y)}h${f(2 * m)}M${f(x)} ${f(y - m)}v${f(2 * m)}`;
      default: // squares
        return `M${f(x - m * 0.65)} ${f(y - m * 0.65)}h${f(m * 1.3)}v${f(m * 1.3)}h${f(-m * 1.3)}Z`;
    }
  };
  const d: string[] = [];
  for (let y = (Math.floor(y0 / s) + 0.5) * s; y <= y1; y += s) {
    for (let x = (Math.floor(x0 / s) + 0.5) * s; x <= x1; x += s) {
      const whole = [[0, 0], [m, 0], [-m, 0], [0, m], [0, -m], [m, m], [-m, -m], [m, -m], [-m, m]].every(([ex, ey]) => regions.some((g) => inside(g, x + ex, y + ey)));
      if (whole) d.push(shape(x, y));
    }
  }
  if (!d.length) return '';
  const stroked = pattern === 'rings' || pattern === 'plus';
  return `<path d="${d.join('')}" ${stroked ? `fill="none" stroke="${WHITE}" stroke-width="${f(s * 0.16)}"` : `fill="${WHITE}"`}/>`;
}

/** A slice from angle a0 to a1 (clockwise from 3 o'clock, in the SVG's y-down frame) as convex regions. */
function sliceRegions(cx: number, cy: number, r: number, a0: number, a1: number): Region[] {
  if (a1 - a0 > Math.PI) {
    const mid = (a0 + a1) / 2;
    return [...sliceRegions(cx, cy, r, a0, mid), ...sliceRegions(cx, cy, r, mid, a1)];
  }
  // Inside the wedge: on the clockwise side of the start ray, and the counter-clockwise side of the end ray.
  const plane = (a: number, sign: number) => {
    const [nx, ny] = [sign * Math.sin(a), -sign * Math.cos(a)];
    return { nx, ny, c: nx * cx + ny * cy };
  };
  return [{ planes: [plane(a0, 1), plane(a1, -1)], circle: { cx, cy, r } }];
}

const rectRegion = (x: number, y: number, w: number, h: number): Region => ({
  planes: [
    { nx: -1, ny: 0, c: -x },
    { nx: 1, ny: 0, c: x + w },
    { nx: 0, ny: -1, c: -y },
    { nx: 0, ny: 1, c: y + h },
  ],
});

export function chartSvg(chart: Chart, size: number): string {
  const parts = chart.data.map((d, i) => ({ value: d.value, colour: keyColour(i) })).filter((d): d is { value: number; colour: string } => d.value !== null);
  const s = Math.max(4, size / 22); // the patterns' spacing
  if (drawnKind(chart) === 'pie') {
    const slices = parts.filter((d) => d.value > 0);
    const total = slices.reduce((t, d) => t + d.value, 0);
    const r = size / 2 - 2;
    const c = size / 2;
    const fills: string[] = [];
    const separators: string[] = [];
    let angle = -Math.PI / 2;
    for (const d of slices) {
      const sweep = (d.value / total) * Math.PI * 2;
      const a2 = angle + sweep;
      const p = (a: number) => `${f(c + r * Math.cos(a))} ${f(c + r * Math.sin(a))}`;
      const outline = slices.length === 1 ? `M ${f(c - r)} ${f(c)} a ${f(r)} ${f(r)} 0 1 0 ${f(2 * r)} 0 a ${f(r)} ${f(r)} 0 1 0 ${f(-2 * r)} 0 Z` : `M ${f(c)} ${f(c)} L ${p(angle)} A ${f(r)} ${f(r)} 0 ${sweep > Math.PI ? 1 : 0} 1 ${p(a2)} Z`;
      fills.push(`<path d="${outline}" fill="${d.colour}"/>`);
      fills.push(marks(keyPattern(d.colour), sliceRegions(c, c, r, angle, a2), [0, 0, size, size], s));
      separators.push(`<path d="${outline}" fill="none" stroke="${WHITE}" stroke-width="1.5" stroke-linejoin="round"/>`);
      angle = a2;
    }
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${fills.join('')}${separators.join('')}</svg>`;
  }
  // Bars: the known values, in the data's order, from a baseline at zero (below it for a value below zero).
  const w = size * 1.6;
  const top = 2;
  const bottom = size - 1;
  const hi = Math.max(0, ...parts.map((d) => d.value));
  const lo = Math.min(0, ...parts.map((d) => d.value));
  const span = hi - lo || 1;
  const base = top + ((bottom - top) * hi) / span;
  // A slot for each bar, no wider than a sixth of the picture: a lone bar stands as a bar, centred.
  const bw = w / Math.max(parts.length, 6);
  const left = (w - bw * parts.length) / 2;
  const bars = parts.flatMap((d, i) => {
    const h = (Math.abs(d.value) / span) * (bottom - top);
    if (h < 0.01) return [];
    const [x, y, width] = [left + i * bw + bw * 0.15, d.value >= 0 ? base - h : base, bw * 0.7];
    return [`<rect x="${f(x)}" y="${f(y)}" width="${f(width)}" height="${f(h)}" fill="${d.colour}"/>`, marks(keyPattern(d.colour), [rectRegion(x, y, width, h)], [x, y, x + width, y + h], s)];
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${f(w)}" height="${size}" viewBox="0 0 ${f(w)} ${size}">${bars.join('')}<line x1="0" y1="${f(base)}" x2="${f(w)}" y2="${f(base)}" stroke="#000000" stroke-width="1.5"/></svg>`;
}

/** A key's swatch for the table beside a chart: its colour and its pattern, as in the chart. */
export function swatchSvg(colour: string, size: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 10 10"><rect width="10" height="10" fill="${colour}"/>${marks(keyPattern(colour), [rectRegion(0, 0, 10, 10)], [0, 0, 10, 10], 3.6)}</svg>`;
}

export const TICK_SVG = (size: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 16 16"><path d="M2 8.5 L6.2 12.5 L14 3.5" fill="none" stroke="#00603a" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
