// What the linear formats (plain text and Braille) say for a table and a box, worded once: a
// table is its caption and a line per row ("Header: value; …", the row's header first when it
// has one), a box says what it is before and after its content. Each writer lays the lines out
// its own way (text with "- " items, Braille in its cells).
import type { Block, Box, Figure, Labels, Table } from '../../model/types.ts';

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
 * A box as linear text: the line that opens it, its blocks, and the line that ends it. A story's
 * heading already says what it is ("Case study"); a box, a panel and key facts say what they are.
 */
export function boxLines(b: Box, L: Labels): { opening?: string; blocks: Block[]; closing?: string } {
  const own = b.style === 'story' ? (b.label ?? L.caseStudy) : b.style === 'panel' ? (b.label ?? L.panel) : b.style === 'quote' ? L.quote : L.box;
  const label = b.style === 'facts' ? L.keyFacts : b.style === 'story' ? undefined : own;
  const [first, ...rest] = b.blocks;
  const closing = b.style !== 'facts' ? L.endOf(own) : undefined;
  if (first?.type === 'heading') return { opening: label ? `${label}: ${first.text}` : first.text, blocks: rest, closing };
  return { opening: b.style !== 'facts' ? own : undefined, blocks: b.blocks, closing };
}

/** What a figure is, in words: a chart by its title and unit (its data follows as a table), a picture by its alt text. */
export function figureLine(b: Figure, L: Labels): string {
  if (b.graphic.type === 'chart') return `${L.chart}: ${b.graphic.chart.title} (${b.graphic.chart.unit})`;
  return `${L.image}: ${b.alt}${b.caption ? ` ${b.caption}` : ''}`;
}
