// The core document model, version 1: the contract between the kinds and the writers.
// Every writer is a table of handlers over these node types (see src/writers/*/), so a new
// node type fails to compile until every writer handles it. Every block carries a stable id,
// derived from the content, and where it came from in the content file. The model is made
// by src/model/lower.ts from a kind's domain blocks; nothing else builds it.

export const MODEL_VERSION = 1 as const;

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
  mime: 'image/png' | 'image/jpeg';
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
  caption: string;
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

/** A boxed aside: its heading (if any) is its first block. */
export interface Box extends Node {
  type: 'box';
  style: 'box' | 'story' | 'facts' | 'quote';
  blocks: Block[];
}

export type Graphic = { type: 'image'; image: ImageData } | { type: 'chart'; chart: Chart };

export interface Figure extends Node {
  type: 'figure';
  graphic: Graphic;
  alt: string;
  caption?: string;
}

/** Blocks that belong together on a page and in a reader's ear: a contact, a chart with its data. */
export interface Group extends Node {
  type: 'group';
  role: 'contact' | 'chart' | 'table';
  blocks: Block[];
}

/** Easy Read: one idea per row, a picture on the left and its text on the right. */
export interface PictureRow extends Node {
  type: 'pictureRow';
  picture: Picture;
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
  /** ISO date; also the files' creation date, so outputs are deterministic. */
  published: string;
  keywords: string[];
  /** Printed on the cover, e.g. the print code or version. */
  reference?: string;
  /** Who to ask for another format (named on the download page). */
  alternativeFormats?: { name: string; phone?: string; email?: string };
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
  reference: string;
  page: string;
  pageOf: (current: number, total: number) => string;
  seeGlossary: string;
  seeSection: string;
  table: string;
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
  textRelay: string;
  email: string;
  website: string;
  hours: string;
  address: string;
  box: string;
  endOf: (what: string) => string;
  skipToContent: string;
  download: string;
}
