// Table shape per profile: a table wider than the profile allows is set transposed (years as
// rows) rather than with smaller type, so large print stays at its size (LP-04).
//
// For print, planPrintTable decides by measuring: the table as written if its columns fit the
// width, in narrower type down to the profile's smallest; else transposed, or in column groups
// that each repeat the row headers, whichever needs fewer parts. Every cell is kept; nothing is
// clipped, and a word too long for any column is broken by the layout, not cut off.
import type { Inline } from '../../model/types.ts';
import LineBreaker from 'linebreak';
import { inlineText } from '../../model/walk.ts';

export interface TableShape {
  columns: Inline[][];
  rows: Inline[][][];
  rowHeaders: boolean;
}

export function fitTable(columns: Inline[][], rows: Inline[][][], rowHeaders: boolean, maxColumns: number): TableShape {
  if (columns.length <= maxColumns) return { columns, rows, rowHeaders };
  return transpose(columns, rows);
}

function transpose(columns: Inline[][], rows: Inline[][][]): TableShape {
  return {
    columns: [columns[0], ...rows.map((r) => r[0])],
    rows: columns.slice(1).map((c, j) => [c, ...rows.map((r) => r[j + 1])]),
    rowHeaders: true,
  };
}

// Advance widths of Atkinson Hyperlegible (the bundled face), in ems, the wider of its regular and
// bold for each printable ASCII character from the space on, rounded up; measured with fontkit
// (test/layout.test.ts checks that estimates never fall short of the font's own widths).
const ADVANCES =
  '0.32 0.29 0.41 0.79 0.62 0.98 0.71 0.23 0.37 0.37 0.44 0.62 0.25 0.38 0.25 0.45 ' +
  '0.66 0.45 0.59 0.61 0.63 0.62 0.64 0.55 0.63 0.60 0.25 0.25 0.58 0.62 0.58 0.62 ' +
  '0.78 0.69 0.64 0.68 0.69 0.58 0.55 0.72 0.69 0.46 0.57 0.66 0.54 0.85 0.70 0.77 ' +
  '0.63 0.79 0.66 0.62 0.62 0.69 0.66 0.89 0.70 0.69 0.63 0.34 0.45 0.34 0.59 0.43 ' +
  '0.32 0.56 0.60 0.52 0.60 0.57 0.37 0.60 0.58 0.32 0.26 0.57 0.32 0.89 0.58 0.58 ' +
  '0.60 0.61 0.38 0.54 0.38 0.57 0.53 0.73 0.54 0.52 0.52 0.37 0.24 0.37 0.56';
const ASCII = ADVANCES.split(' ').map(Number);
/** Any other character: wider than the face's widest in common use (½ is 0.86), and CJK and the like a full em. */
const OTHER = 0.9;

/** A conservative width of text set in the bundled face: never less than the font's own. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    em += code >= 32 && code < 127 ? ASCII[code - 32] : code >= 0x2e80 ? 1 : OTHER;
  }
  return em * size;
}

export interface PrintTablePart extends TableShape {
  /** Each column's content width in points (the cell's padding and rules not included). */
  widths: number[];
  fontSize: number;
  /** Where each column came from in the table as written (or as transposed), for its colour keys. */
  sourceColumns: number[];
  transposed: boolean;
  /** Which part of how many, when the table is set in column groups. */
  part?: { index: number; count: number };
}

export interface PrintTableOptions {
  /** The width the table may take, rules and padding included. */
  width: number;
  /** Type sizes to try, largest first: the profile's table size down to its smallest. */
  sizes: number[];
  /** The most columns the profile sets in one table (LP-04). */
  maxColumns: number;
  /** Each cell's left and right padding together, and the rule between cells. */
  padding: number;
  rule: number;
  /** Extra width the first column needs (a chart key's swatch), when the table is set as written. */
  firstColumnExtra?: number;
  /** Whether the table may be set transposed (not one with no header row: its first row would become one). */
  transpose?: boolean;
}

interface Measured {
  min: number[];
  pref: number[];
}

/** The narrowest each column can be (its longest word, within reason) and the width it would like (its longest cell). */
function measure(shape: TableShape, size: number, width: number, extraFirst: number): Measured {
  const cols = shape.columns.length;
  const min = new Array<number>(cols).fill(0);
  const pref = new Array<number>(cols).fill(0);
  // A word longer than half the table is broken anyway: it does not make its column wider.
  const longest = width / 2;
  [shape.columns, ...shape.rows].forEach((row) =>
    row.forEach((cell, j) => {
      const text = inlineText(cell ?? []).trim() || '–';
      // Bold (header cells) is the wider face; the advances above are already the wider of the two.
      for (const line of text.split('\n')) {
        pref[j] = Math.max(pref[j], textWidth(line, size));
        for (const word of line.split(/\s+/)) min[j] = Math.max(min[j], Math.min(longest, textWidth(word, size)));
      }
    }),
  );
  if (extraFirst) {
    min[0] += extraFirst;
    pref[0] += extraFirst;
  }
  return { min: min.map((m) => m + 0.5), pref: pref.map((p) => p + 0.5) };
}

/** The content width left for n columns. */
const room = (o: PrintTableOptions, n: number) => o.width - n * (o.padding + o.rule) - o.rule;

/** Column groups: the first column in each, then as many more as fit (at least one). */
function groups(m: Measured, o: PrintTableOptions): number[][] {
  const n = m.min.length;
  if (n <= o.maxColumns && m.min.reduce((a, b) => a + b, 0) <= room(o, n)) return [Array.from({ length: n }, (_, j) => j)];
  const out: number[][] = [];
  let current: number[] = [0];
  for (let j = 1; j < n; j++) {
    const next = [...current, j];
    const fits = next.length <= o.maxColumns && next.reduce((a, k) => a + m.min[k], 0) <= room(o, next.length);
    if (fits || current.length === 1) current = next;
    else {
      out.push(current);
      current = [0, j];
    }
  }
  out.push(current);
  return out;
}

/** Widths for the columns of one part: what they would like if that fits, else their minimum and a share of the rest. */
function allocate(cols: number[], m: Measured, o: PrintTableOptions): number[] {
  const W = room(o, cols.length);
  const min = cols.map((j) => m.min[j]);
  const pref = cols.map((j) => Math.max(m.pref[j], m.min[j]));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (sum(pref) <= W) {
    // Full width: the slack is shared by what each column would like.
    const slack = W - sum(pref);
    return pref.map((p) => p + (slack * p) / sum(pref));
  }
  if (sum(min) <= W) {
    const give = pref.map((p, k) => p - min[k]);
    const total = sum(give) || 1;
    return min.map((x, k) => x + ((W - sum(min)) * give[k]) / total);
  }
  // Not even the words fit: each column shrinks in proportion and its longest words are broken.
  return min.map((x) => (x * W) / sum(min));
}

function part(shape: TableShape, cols: number[], m: Measured, o: PrintTableOptions, size: number, transposed: boolean): PrintTablePart {
  return {
    columns: cols.map((j) => shape.columns[j]),
    rows: shape.rows.map((r) => cols.map((j) => r[j])),
    rowHeaders: shape.rowHeaders,
    widths: allocate(cols, m, o),
    fontSize: size,
    sourceColumns: cols,
    transposed,
  };
}

/**
 * How to set a table in print: the parts to set, in reading order (one unless the table is set in
 * column groups), each with its columns' widths and its type size.
 */
export function planPrintTable(table: TableShape, o: PrintTableOptions): PrintTablePart[] {
  const sizes = o.sizes.length ? o.sizes : [12];
  // As written, in narrower type if need be.
  const asWritten = fitWhole(table, o, sizes, o.firstColumnExtra ?? 0, false);
  if ('whole' in asWritten) return [asWritten.whole];
  const size = sizes[0];
  const byColumn = asWritten.groups;
  // Transposed (the rows become the columns), when the table has rows to make columns of.
  if (o.transpose !== false && table.rows.length > 0 && table.columns.length > 1) {
    const t = transpose(table.columns, table.rows);
    const fit = fitWhole(t, o, sizes, 0, true);
    if ('whole' in fit) return [fit.whole];
    if (fit.groups.length < byColumn.length) return fit.groups.map((cols, i) => ({ ...part(t, cols, fit.m, o, size, true), part: { index: i + 1, count: fit.groups.length } }));
  }
  // Column groups, each repeating the first column, so every row keeps its name.
  return byColumn.map((cols, i) => ({ ...part(table, cols, asWritten.m, o, size, false), rowHeaders: true, part: { index: i + 1, count: byColumn.length } }));
}

/** A table set whole at the largest size at which it fits; else its measure and column groups at the largest size. */
function fitWhole(shape: TableShape, o: PrintTableOptions, sizes: number[], extraFirst: number, transposed: boolean): { whole: PrintTablePart } | { m: Measured; groups: number[][] } {
  let largest: { m: Measured; groups: number[][] } | undefined;
  for (const size of sizes) {
    const m = measure(shape, size, o.width, extraFirst);
    const g = groups(m, o);
    if (g.length === 1) return { whole: part(shape, g[0], m, o, size, transposed) };
    largest ??= { m, groups: g };
  }
  return largest!;
}

/**
 * How many lines text takes in a width (an estimate that errs long): broken where pdfmake breaks
 * it, at the Unicode line-break opportunities (UAX #14: spaces, and after a hyphen or a slash in a
 * web address), a piece too long for any line broken wherever it fills one.
 */
export function lineCount(text: string, width: number, size: number): number {
  let lines = 0;
  for (const para of text.split('\n')) {
    lines++;
    let used = 0;
    const breaker = new LineBreaker(para);
    let last = 0;
    for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
      const piece = para.slice(last, bk.position);
      last = bk.position;
      // A line's trailing space takes no room: the piece is measured without it.
      const ink = textWidth(piece.trimEnd(), size);
      const full = textWidth(piece, size);
      if (ink > width) {
        if (used > 0) lines++;
        lines += Math.ceil(ink / width) - 1;
        used = full - (Math.ceil(ink / width) - 1) * width;
      } else if (used > 0 && used + ink > width) {
        lines++;
        used = full;
      } else used += full;
    }
  }
  return lines;
}

/** Each row's height, estimated (erring tall): its tallest cell's lines, with the cell's padding. */
export function rowHeights(part: PrintTablePart, line: number, padY: number): number[] {
  return [part.columns, ...part.rows].map((row) => Math.max(...row.map((cell, j) => lineCount(inlineText(cell ?? []).trim() || '–', part.widths[j], part.fontSize))) * line + 2 * padY + 1);
}
