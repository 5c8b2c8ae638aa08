// A Word table of data as a table block: Word's header row as its columns, a bold first column
// as row headers, merged cells spread out and ragged rows padded, so every row has as many cells
// as the header (the schema's rule); what could not be kept as it was is in the to-do list.
import type { Element } from 'hast';
import type { DraftBlock } from './draft.ts';
import { allBold, inlineMarkdown, isElement, plainText, squash, type InlineContext } from './markdown.ts';
import type { TodoList } from './todo.ts';

/** A Word table as a table block: header row from Word's header rows, rows padded to one width. */
export function tableOf(table: Element, ctx: InlineContext, todo: TodoList, where: () => string): Extract<DraftBlock, { type: 'table' }> | undefined {
  const rows: { header: boolean; cells: { md: string; bold: boolean; span: number }[] }[] = [];
  let merged = false;
  const walkRows = (e: Element, header: boolean) => {
    for (const c of e.children) {
      if (!isElement(c)) continue;
      if (c.tagName === 'thead') walkRows(c, true);
      else if (c.tagName === 'tbody' || c.tagName === 'tfoot') walkRows(c, false);
      else if (c.tagName === 'tr') {
        const cells = c.children.filter((x): x is Element => isElement(x, 'td', 'th'));
        if (cells.some((x) => x.children.some((y) => isElement(y, 'table')))) {
          todo.add(`A table ${where()} has a table inside a cell; its inner table was flattened into text. Split it into separate tables.`);
        }
        rows.push({
          header: header || cells.every((x) => x.tagName === 'th'),
          cells: cells.map((x) => {
            const span = Number(x.properties.colSpan ?? 1) || 1;
            if (span > 1 || Number(x.properties.rowSpan ?? 1) > 1) merged = true;
            const parts = x.children.filter((y): y is Element => isElement(y)).map((p) => (isElement(p, 'p') ? inlineMarkdown(p.children, ctx) : squash(plainText(p))));
            const md = squash(parts.map((p) => p.replace(/\\\n/g, ' ')).join(' '));
            return { md, bold: x.children.filter((y): y is Element => isElement(y)).every((p) => !squash(plainText(p)) || allBold(p)), span };
          }),
        });
      }
    }
  };
  walkRows(table, false);
  if (!rows.length) return undefined;
  if (merged) todo.add(`A table ${where()} has merged cells; each merged cell's text is in its first cell and the others are empty. Check that the table reads right, row by row.`);
  const expand = (r: (typeof rows)[number]) => r.cells.flatMap((c) => [c, ...Array.from({ length: c.span - 1 }, () => ({ md: '', bold: c.bold, span: 1 }))]);
  const width = Math.max(...rows.map((r) => expand(r).length));
  const pad = (cells: { md: string; bold: boolean }[]) => [...cells, ...Array.from({ length: width - cells.length }, () => ({ md: '', bold: false }))];
  // A header row's cells, or a row header's, are bold in Word: the table says they are headers.
  const unbold = (md: string) => md.replace(/^\*\*([\s\S]*)\*\*$/, '$1');
  const headerRows = rows.filter((r) => r.header);
  const body = rows.filter((r) => !r.header).map((r) => pad(expand(r)));
  let columns: string[] | undefined;
  if (headerRows.length) {
    columns = pad(expand(headerRows[0])).map((c) => unbold(c.md));
    if (headerRows.length > 1) {
      todo.add(`A table ${where()} has ${headerRows.length} header rows; the first is its header row and the others are rows of data. Check it.`);
      body.unshift(...headerRows.slice(1).map((r) => pad(expand(r))));
    }
    if (columns.some((c) => !c)) {
      todo.add(`A table ${where()} has an empty header cell; it reads “(blank)” for now. Name the column, as a screen reader says it before each cell.`);
      columns = columns.map((c) => c || '(blank)');
    }
  }
  if (!body.length) {
    todo.add(`A table ${where()} has a header row but no rows; it was left out.`);
    return undefined;
  }
  const rowHeaders = body.length > 0 && body.every((r) => r[0].md && r[0].bold) && body.some((r) => r.slice(1).some((c) => c.md && !c.bold));
  const cells = body.map((r) => r.map((c, i) => (rowHeaders && i === 0 ? unbold(c.md) : c.md)));
  return { type: 'table', ...(columns ? { columns } : {}), rows: cells, ...(rowHeaders ? { rowHeaders: true } : {}) };
}
