// The domain blocks a kind's builder produces from validated content: key facts, stories,
// comparisons, contacts, picture rows… src/model/lower.ts turns them, once, into the core
// model (src/model/types.ts) that every writer reads. Builders know nothing of file formats.
import type { Inline, ImageData, Picture, ListStyle, Chart, ChartDatum, DocumentMeta, HeadingLevel, SourceAt } from './types.ts';
export type { Inline, ImageData, Picture, ListStyle, Chart, ChartDatum, DocumentMeta, HeadingLevel };

/** Where a block came from: its field path in the content file. */
export type DataPath = (string | number)[];

/** One figure of a key fact, and what it counts. */
export interface FactFigure {
  value: string;
  label: string;
}

/**
 * A key fact: one figure, or several that make one fact (a count, and the share of it an outcome
 * reached); the period, comparison and source are the whole fact's.
 */
export interface Fact {
  id: string;
  figures: FactFigure[];
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

export interface Contact {
  id: string;
  name: string;
  description?: Block[];
  phone?: string;
  /** A textphone (minicom) number, for people who type rather than speak. */
  textphone?: string;
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

/** `at` is a field path of the content file, or (once located, or from another file) a source position. */
export type Block = DomainBlock & { at?: DataPath | SourceAt };

type DomainBlock =
  /**
   * Level 1 is a kind's top section; lowering puts them under the title (src/model/lower.ts).
   * `continued`: the section's own text goes on after its sub-sections; the heading is said
   * again ("Our priorities (continued)"), out of the outline and the contents.
   */
  | { type: 'heading'; level: HeadingLevel; id: string; text: string; continued?: true }
  | { type: 'paragraph'; inlines: Inline[] }
  /** `labels` are printed labels kept as written (minutes' "a)", "m)"), instead of generated numbers. */
  | { type: 'list'; style: ListStyle; start?: number; labels?: string[]; items: Block[][] }
  | {
      type: 'table';
      /** Absent: the source gives none, and lowering names the table (Labels.tableName). */
      caption?: string;
      /** Empty: the table has no header row. */
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
  /**
   * A story (case study), box or side panel. `label` is what a story is called where the content
   * names it ("Spotlight"), else the organisation's word; `picture` is a bundled symbol beside it.
   * A panel goes with the block before it, the paragraph it interrupts (lowering pairs them).
   */
  | { type: 'box'; kind: 'story' | 'box' | 'panel'; title?: string; label?: string; picture?: Picture; blocks: Block[]; note?: Inline[] }
  | { type: 'figure'; image: ImageData; alt: string; caption?: string }
  | { type: 'chart'; chart: Chart }
  | { type: 'contact'; contact: Contact }
  | { type: 'glossary'; entries: GlossaryEntry[] }
  | { type: 'note'; inlines: Inline[] }
  /** A paper's header line ("From:", "Subject:"); neighbouring fields are set as one grid. */
  | { type: 'field'; label: string; value: Inline[] }
  /** One idea per row, one or two pictures on the left and its text on the right (Easy Read; a symbol beside blocks in any kind). */
  | { type: 'pictureRow'; pictures: Picture[]; blocks: Block[] }
  /** The next block starts a new page (print formats). */
  | { type: 'pageBreak' }
  /** Where the contents list goes; writers compute it from the headings. */
  | { type: 'contents'; title: string };

/** What a kind's builder returns: the publication's facts and its blocks in reading order. */
export interface DomainDocument {
  meta: DocumentMeta;
  blocks: Block[];
  /** Whether the cover (title, publisher, date) has a page to itself: not for committee papers, whose header block starts page 1. */
  coverPage?: boolean;
}

/** The blocks inside a domain block, for walks over the whole document. */
export function domainChildren(b: Block): Block[] {
  switch (b.type) {
    case 'list':
      return b.items.flat();
    case 'quote':
    case 'box':
    case 'pictureRow':
      return b.blocks;
    case 'contact':
      return b.contact.description ?? [];
    case 'glossary':
      return b.entries.flatMap((e) => e.definition);
    default:
      return [];
  }
}
