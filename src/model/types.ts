// The core document model, version 3: the contract between the kinds and the writers.
// Every writer is a table of handlers over these node types (see src/writers/*/), so a new
// node type fails to compile until every writer handles it. Every block carries a stable id,
// derived from the content, and where it came from in the content file. The model is made
// by src/model/lower.ts from a kind's domain blocks; nothing else builds it.

// Version 2 (issue 14): a publication's date may be unknown; a table may have no caption it prints
// (its name is the product's, hidden) and no header row; side panels (Box 'panel' in a Group
// 'panel' with the paragraph it interrupts); a box says what it is called ("Case study").
// Version 3 (issue 15): a picture row has one or two pictures; a picture may be an author's SVG
// drawing (ImageData 'image/svg+xml', cleaned); a contact may have a textphone and a picture.
import type { Identity } from '../organisation/types.ts';

export const MODEL_VERSION = 3 as const;

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/** Where a node came from: the content file, its field path, and that field's line and column. */
export interface SourceAt {
  file?: string;
  path: (string | number)[];
  line?: number;
  col?: number;
}

export type Inline =
  | { type: 'text'; text: string; bold?: boolean; lang?: string }
  | { type: 'link'; href: string; children: Inline[] }
  /** A glossary term used in running text; `id` names the entry in the glossary. */
  | { type: 'term'; id: string; children: Inline[] }
  /** A cross-reference to a heading: `number` is its section number; print writers add its page. */
  | { type: 'xref'; target: string; title: string; number?: string }
  | { type: 'break' };

export interface ChartDatum {
  label: string;
  value: number | null;
  note?: string;
}

export interface Chart {
  id: string;
  kind: 'pie' | 'bar';
  title: string;
  unit: string;
  data: ChartDatum[];
  total?: number;
  source?: string;
  note?: Inline[];
}

export interface ImageData {
  data: Uint8Array;
  /** An SVG is an author's drawing, already cleaned (src/pictures/svg.ts): its data is the SVG's UTF-8 text. */
  mime: 'image/png' | 'image/jpeg' | 'image/svg+xml';
  width: number;
  height: number;
}

/** A picture: a bundled symbol (assets/symbols/<name>.svg) or the author's image; always with alt text. */
export interface Picture {
  alt: string;
  symbol?: string;
  image?: ImageData;
}

export type ListStyle = 'bullet' | 'check' | 'ordered';

interface Node {
  /** Unique in the document and stable: a heading's anchor, else its section's anchor and its place. */
  id: string;
  at?: SourceAt;
}

export interface Heading extends Node {
  type: 'heading';
  /** 1 is the title's level: the document's one level-1 heading is on its cover. */
  level: HeadingLevel;
  text: string;
  /** Section number ("2.3") for writers that print them; absent for headings inside boxes. */
  number?: string;
  /** Whether the heading is in the outline and the contents (box titles are not). */
  outline: boolean;
}

export interface Paragraph extends Node {
  type: 'paragraph';
  inlines: Inline[];
  /** `note`: a note (tagged as one); `small`: a source line, set at the smallest size. */
  role?: 'note' | 'small';
}

export interface List extends Node {
  type: 'list';
  style: ListStyle;
  start?: number;
  /** Printed labels kept as written ("a)", "m)"), instead of generated numbers. */
  labels?: string[];
  items: Block[][];
}

/** Terms and what they mean: the glossary, key facts (a figure and what it counts), or a paper's header fields (a label and its value). */
export interface Definitions extends Node {
  type: 'definitions';
  style: 'glossary' | 'facts' | 'fields';
  items: { id: string; term: string; body: Block[] }[];
}

export interface Table extends Node {
  type: 'table';
  /** The table's name: the author's caption, printed before it; or, with `hiddenCaption`, the product's. */
  caption: string;
  /**
   * The author gave no caption: `caption` is the product's name for the table ("Table 3, in
   * “Spending”"), which names it for assistive technology (HTML's caption, visually hidden; the
   * PDF Table's /T; DOCX's table title; the plain text's table line) and is not printed on paper.
   */
  hiddenCaption?: true;
  /** The header row; empty when the table has none (every row is data). */
  columns: Inline[][];
  rows: Inline[][][];
  /** The first cell of each row names the row. */
  rowHeaders: boolean;
  /** A chart's data table: each row's colour in the chart (null: not drawn). */
  keyColours?: (string | null)[];
}

export interface Quote extends Node {
  type: 'quote';
  blocks: Block[];
  by?: string;
}

/**
 * A boxed aside: its heading (if any) is its first block. A `panel` is a side panel: it sits in a
 * Group 'panel' after the paragraph it interrupts, and print may set it beside that paragraph.
 */
export interface Box extends Node {
  type: 'box';
  style: 'box' | 'story' | 'facts' | 'quote' | 'panel';
  /** What the box is called, as printed ("Case study", the organisation's or the story's own word, "Panel"). */
  label?: string;
  blocks: Block[];
}

export type Graphic = { type: 'image'; image: ImageData } | { type: 'chart'; chart: Chart };

export interface Figure extends Node {
  type: 'figure';
  graphic: Graphic;
  alt: string;
  caption?: string;
}

/**
 * Blocks that belong together on a page and in a reader's ear: a contact, a chart with its data,
 * a side panel with the paragraph it interrupts (its blocks: that paragraph, then the panel's Box).
 */
export interface Group extends Node {
  type: 'group';
  role: 'contact' | 'chart' | 'table' | 'panel';
  blocks: Block[];
}

/**
 * Easy Read: one idea per row, its picture on the left (or two, one above the other: a person and
 * a place) and its text on the right. Beside a report's blocks, one symbol as an icon.
 */
export interface PictureRow extends Node {
  type: 'pictureRow';
  pictures: Picture[];
  blocks: Block[];
}

/** The next block starts a new page (print formats). */
export interface PageBreak extends Node {
  type: 'pageBreak';
}

/** The contents list: the outline's top sections, computed once from the headings. */
export interface Contents extends Node {
  type: 'contents';
  entries: { target: string; text: string; number?: string }[];
}

export type Block = Heading | Paragraph | List | Definitions | Table | Quote | Box | Figure | Group | PictureRow | PageBreak | Contents;

export interface DocumentMeta {
  id: string;
  kind: string;
  title: string;
  subtitle?: string;
  author: string;
  subject: string;
  language: string;
  /**
   * ISO date the source gives, printed on the cover; absent when it is not known (never
   * invented). The files' own dates are the render context's epoch (src/model/dates.ts fileDate).
   */
  published?: string;
  /** Why the date is not known, printed on the cover instead of a date (content's `published: { unknown: … }`). */
  publishedUnknown?: string;
  /** The time the publication covers ("April 2016 to March 2017"), printed on the cover when given. */
  period?: string;
  keywords: string[];
  /** Printed on the cover, e.g. the print code or version. */
  reference?: string;
  /** Who to ask for another format, and the formats offered (named on the download page): the organisation profile's, or the publication's own. */
  alternativeFormats?: { name: string; phone?: string; textRelay?: string; email?: string; web?: string; offered?: string[] };
  /** The organisation's colours (src/organisation/types.ts), set by lowering from its profile; every writer draws in them. */
  identity?: Identity;
  /** The organisation's line in every print footer, before the page number (its profile's `footer`). */
  footer?: string;
  /** The organisation's logo, on the cover of every format that shows pictures, with its alt text. */
  logo?: { image: ImageData; alt: string };
}

/** The cover, worded once for every format: the title is the document's level-1 heading. */
export interface Cover {
  /** Whether the cover has a page to itself (print formats). */
  ownPage: boolean;
  title: Heading;
  subtitle?: string;
  lines: Paragraph[];
}

export interface DocumentModel {
  version: typeof MODEL_VERSION;
  meta: DocumentMeta;
  cover: Cover;
  blocks: Block[];
  /** Printed labels in the document's language (src/model/labels.ts). */
  labels: Labels;
}

export interface Labels {
  contents: string;
  caseStudy: string;
  keyFacts: string;
  note: string;
  source: string;
  published: string;
  /** Said on the cover in place of a date when the content says the date is not known. */
  publishedUnknown: string;
  /** Before the time a publication covers, on its cover ("Period covered"). */
  period: string;
  /** After a section's title, where its own text goes on after its sub-sections. */
  continued: string;
  /** A side panel's name, where it has no title of its own. */
  panel: string;
  reference: string;
  page: string;
  pageOf: (current: number, total: number) => string;
  seeGlossary: string;
  seeSection: string;
  table: string;
  /** A table with no caption is named by its number and the section it is in. */
  tableName: (n: number, section?: string) => string;
  endOfTable: string;
  chart: string;
  theFigures: string;
  part: string;
  share: string;
  measure: string;
  before: string;
  after: string;
  notKnown: string;
  total: string;
  picture: string;
  image: string;
  quote: string;
  achieved: string;
  telephone: string;
  textphone: string;
  textRelay: string;
  email: string;
  website: string;
  hours: string;
  address: string;
  box: string;
  endOf: (what: string) => string;
  skipToContent: string;
  download: string;
  /** The name of the HTML publication's footer, which says how to ask for another format. */
  askForAnotherFormat: string;
}
