// What the linear formats (plain text and Braille) say for a table and a box, worded once: a
// table is its caption and a line per row ("Header: value; …", the row's header first when it
// has one), a box says what it is before and after its content. Each writer lays the lines out
// its own way (text with "- " items, Braille in its cells).
import type { Box, Labels, Table } from '../../model/types.ts';

/** A table's caption line and one line per row, given how a cell reads as text. */
export function tableLines(b: Table, L: Labels, cellText: (c: Table['columns'][number]) => string): { caption: string; rows: string[] } {
  // A name the product gave (no caption in the content) says "Table" already.
  const caption = b.hiddenCaption ? `${b.caption}:` : `${L.table}: ${b.caption}`;
  const headers = b.columns.map(cellText);
  const rows = b.rows.map((row) => {
    const cells = row.map(cellText);
    // With no header row, a row is its cells.
    const fields = headers.length ? headers.map((h, i) => `${h}: ${cells[i]}`) : cells;
    return b.rowHeaders ? `${cells[0]}. ${fields.slice(1).join('; ')}` : fields.join('; ');
  });
  return { caption, rows };
}

/**
 * What a box is called, and the label before its title: a story's heading already says what it
 * is ("Case study"); a box, a panel and key facts say what they are.
 */
export function boxWords(b: Box, L: Labels): { own: string; label: string | undefined } {
  const own = b.style === 'story' ? (b.label ?? L.caseStudy) : b.style === 'panel' ? (b.label ?? L.panel) : b.style === 'quote' ? L.quote : L.box;
  return { own, label: b.style === 'facts' ? L.keyFacts : b.style === 'story' ? undefined : own };
}
