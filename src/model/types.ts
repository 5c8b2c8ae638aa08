// The format-neutral document model: what templates produce and writers consume.
// Writers know nothing of document kinds; templates know nothing of file formats.

export type Inline =
  | { type: 'text'; text: string; bold?: boolean; lang?: string }
  | { type: 'link'; href: string; children: Inline[] }
  /** A glossary term used in running text; `id` names the entry in the glossary block. */
  | { type: 'term'; id: string; children: Inline[] }
  /** A computed cross-reference to a heading; print writers add its page. */
  | { type: 'xref'; target: string; title: string }
  | { type: 'break' };

export interface Fact {
  id: string;
  value: string;
  label: string;
  period?: string;
  comparison?: string;
  source?: string;
}

export interface Comparison {
  label: string;
  before: { value: string; period: string };
  after: { value: string; period: string };
  note?: string;
}

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

export interface Contact {
  id: string;
  name: string;
  description?: Block[];
  phone?: string;
  textRelay?: string;
  email?: string;
  web?: string;
  hours?: string;
  address?: string;
}

export interface GlossaryEntry {
  id: string;
  term: string;
  definition: Block[];
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

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; id: string; text: string }
  | { type: 'paragraph'; inlines: Inline[] }
  /** `labels` are printed labels kept as written (minutes' "a)", "m)"), instead of generated numbers. */
  | { type: 'list'; style: ListStyle; start?: number; labels?: string[]; items: Block[][] }
  | {
      type: 'table';
      caption: string;
      columns: Inline[][];
      rows: Inline[][][];
      /** The first cell of each row names the row. */
      rowHeaders: boolean;
      source?: string;
      note?: Inline[];
    }
  | { type: 'keyFacts'; title?: string; facts: Fact[] }
  | { type: 'comparisons'; title?: string; items: Comparison[] }
  | { type: 'quote'; blocks: Block[]; by?: string }
  | { type: 'box'; kind: 'story' | 'box'; title?: string; blocks: Block[]; note?: Inline[] }
  | { type: 'figure'; image: ImageData; alt: string; caption?: string }
  | { type: 'chart'; chart: Chart }
  | { type: 'contact'; contact: Contact }
  | { type: 'glossary'; entries: GlossaryEntry[] }
  | { type: 'note'; inlines: Inline[] }
  /** Easy Read: one idea per row, a picture on the left and its text on the right. */
  | { type: 'pictureRow'; picture: Picture; blocks: Block[] }
  /** The next block starts a new page (print formats). */
  | { type: 'pageBreak' }
  /** Where the contents list goes; writers compute it from the headings. */
  | { type: 'contents'; title: string };

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

export interface DocumentModel {
  meta: DocumentMeta;
  blocks: Block[];
}
