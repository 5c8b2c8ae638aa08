// Table shape per profile: a table wider than the profile allows is set transposed (years as
// rows) rather than with smaller type, so large print stays at its size (LP-04).
import type { Inline } from '../../model/types.ts';

export interface TableShape {
  columns: Inline[][];
  rows: Inline[][][];
  rowHeaders: boolean;
}

export function fitTable(columns: Inline[][], rows: Inline[][][], rowHeaders: boolean, maxColumns: number): TableShape {
  if (columns.length <= maxColumns) return { columns, rows, rowHeaders };
  return {
    columns: [columns[0], ...rows.map((r) => r[0])],
    rows: columns.slice(1).map((c, j) => [c, ...rows.map((r) => r[j + 1])]),
    rowHeaders: true,
  };
}
