// Maps content blocks and sections to document-model blocks, resolving every reference
// (facts, contacts, glossary terms, charts, images, sections) and reporting the ones that dangle.
// It runs on content the kind's schema accepted, so it works on the schema's types.
import type { z } from 'zod';
import type { Block, Chart, Contact, Fact, GlossaryEntry, ImageData, Inline, Picture } from '../../src/model/domain.ts';
import type { SymbolInput, BlockInput, Chart as ChartSchema, Contact as ContactSchema, Fact as FactSchema, GlossaryEntry as GlossarySchema, Image as ImageSchema, SectionInput } from './schema.ts';
import { parseInline, parseMarkdown, plainText, type MarkdownContext } from '../../src/parse/markdown.ts';
import type { PathKey } from '../../src/parse/problems.ts';
import { suggestion } from '../../src/pipeline/field-names.ts';

export interface Located {
  path: PathKey[];
  message: string;
  /** For Markdown problems: character offset inside the text field. */
  offset?: number;
  rule?: string;
  severity?: 'warning';
}

/**
 * A picture by file name: its checked data, why it cannot be used, or undefined if it is not there.
 * A loader that can list the picture files there are says so with `files`, and a name that is not
 * there is answered with the nearest one.
 */
export type ImageLoader = ((file: string) => ImageData | { problem: string } | undefined) & { files?: () => readonly string[] };

/** How many known ids a message lists when none is near the one written. */
const LISTED = 5;

/** "did you mean" the known id nearest to one that is not there, if one is near. */
export function didYouMean(id: string, known: Iterable<string>): string | undefined {
  const near = suggestion(id, [...known]);
  return near === undefined ? undefined : `did you mean "${near}"?`;
}

/** A few of the known ids, quoted: "a", "b", "c" and 4 more; undefined when there are none. */
export function someOf(known: Iterable<string>): string | undefined {
  const ids = [...known];
  if (!ids.length) return undefined;
  const listed = ids.slice(0, LISTED).map((k) => `"${k}"`).join(', ');
  return ids.length > LISTED ? `${listed} and ${ids.length - LISTED} more` : listed;
}

/**
 * What to say after "there is no … "x"": the nearest known id ("did you mean"), else `fix` and a
 * few that there are, so a writer who mistyped an id sees the one they meant and one who guessed
 * sees what ids look like.
 */
export function unknownIdHint(id: string, known: Iterable<string>, fix: string): string {
  const ids = [...known];
  const some = someOf(ids);
  return didYouMean(id, ids) ?? (some ? `${fix}; the ones there are: ${some}` : fix);
}

/** Loads a picture the content names, recording a located problem if it is missing or unusable. */
export function loadPicture(loadImage: ImageLoader, file: string, path: PathKey[], problems: Located[]): ImageData | undefined {
  const r = loadImage(file);
  if (r && 'problem' in r) problems.push({ path, message: r.problem });
  else if (!r) {
    const missing = `the picture file "${file}" is not beside the content file`;
    const fix = 'upload it to the same folder';
    problems.push({ path, message: `${missing}; ${loadImage.files ? unknownIdHint(file, loadImage.files(), fix) : fix}` });
  } else return r;
  return undefined;
}

// The Markdown parser words a link to a glossary term or a section that is not there
// (src/parse/markdown.ts); the Mapper holds the ids there are, so it adds the nearest to those words.
const MISSING_TERM = /^the glossary has no term "([^"]*)"/;
const MISSING_SECTION = /^there is no section with id "([^"]*)"/;

/** A Markdown problem with the nearest glossary term or section id added when it names one that is not there. */
function withNearest(message: string, md: MarkdownContext): string {
  const term = MISSING_TERM.exec(message);
  const section = MISSING_SECTION.exec(message);
  const [id, known, what] = term ? [term[1], md.glossary.keys(), 'the glossary terms are'] : section ? [section[1], md.sections.keys(), 'the section ids are'] : [];
  if (id === undefined || !known) return message;
  const ids = [...known];
  const some = someOf(ids);
  const hint = didYouMean(id, ids) ?? (some ? `${what} ${some}` : undefined);
  return hint ? `${message}; ${hint}` : message;
}

export interface Registries {
  facts: Map<string, Fact>;
  contacts: Map<string, Contact>;
  glossary: Map<string, GlossaryEntry>;
  charts: Map<string, Chart>;
  images: Map<string, { image?: ImageData; alt: string }>;
  md: MarkdownContext;
  /** The bundled symbols there are (assets/symbols), for pictures beside blocks; unchecked when absent. */
  symbols?: ReadonlySet<string>;
}

export class Mapper {
  readonly problems: Located[] = [];
  constructor(readonly reg: Registries) {}

  markdown(md: string, path: PathKey[]): Block[] {
    const r = parseMarkdown(md, this.reg.md);
    for (const p of r.problems) this.problems.push({ path, message: withNearest(p.message, this.reg.md), offset: p.offset, rule: p.rule });
    return r.blocks.map((b) => ({ ...b, at: path }));
  }

  inline(md: string, path: PathKey[]): Inline[] {
    const r = parseInline(md, this.reg.md);
    for (const p of r.problems) this.problems.push({ path, message: withNearest(p.message, this.reg.md), offset: p.offset, rule: p.rule });
    return r.inlines;
  }

  private ref<T>(map: Map<string, T>, id: string, path: PathKey[], what: string, where: string): T | undefined {
    const v = map.get(id);
    if (!v) {
      this.problems.push({ path, message: `there is no ${what} with id "${id}"; ${unknownIdHint(id, map.keys(), `add it to ${where} or correct the id`)}` });
    }
    return v;
  }

  /**
   * Sections become a heading followed by their blocks; depth 1 is Heading 1. A section's text
   * after its sub-sections (`after:`) comes under its heading said again, so no reader takes it
   * for the last sub-section's.
   */
  sections(list: SectionInput[], path: PathKey[], depth = 1): Block[] {
    const out: Block[] = [];
    list.forEach((sec, i) => {
      const p = [...path, i];
      if (depth > 3) this.problems.push({ path: p, message: 'sections go at most three levels deep; move this one up a level' });
      const level = Math.min(depth, 3) as 1 | 2 | 3;
      out.push({ type: 'heading', level, id: sec.id, text: sec.title, at: [...p, 'title'] });
      out.push(...this.blocks(sec.blocks ?? [], [...p, 'blocks']));
      out.push(...this.sections(sec.sections ?? [], [...p, 'sections'], depth + 1));
      if (sec.after?.length) {
        out.push({ type: 'heading', level, id: `${sec.id}-continued`, text: sec.title, continued: true, at: [...p, 'after'] });
        out.push(...this.blocks(sec.after, [...p, 'after']));
      }
    });
    return out;
  }

  /**
   * A bundled symbol with its alt text; an unknown symbol's name is reported. A kind whose builder
   * does not pass the symbols there are (BuildContext.symbols) to buildRegistries cannot check the
   * name, so a picture there is reported rather than left for a writer to fail on.
   */
  symbol(pic: SymbolInput, path: PathKey[]): Picture {
    if (!this.reg.symbols) this.problems.push({ path: [...path, 'symbol'], message: 'picture symbols cannot be used in this kind of publication yet; take the picture out' });
    else if (!this.reg.symbols.has(pic.symbol)) {
      const near = suggestion(pic.symbol, [...this.reg.symbols]);
      this.problems.push({ path: [...path, 'symbol'], message: `there is no symbol "${pic.symbol}"; ${near ? `did you mean "${near}"? Or choose` : 'choose'} one listed in docs/content-format.md (the files in assets/symbols)` });
    }
    return { alt: pic.alt, symbol: pic.symbol };
  }

  blocks(list: BlockInput[], path: PathKey[]): Block[] {
    return list.flatMap((b, i) => this.block(b, [...path, i]).map((x) => (x.at ? x : { ...x, at: [...path, i] })));
  }

  block(b: BlockInput, path: PathKey[]): Block[] {
    // The schema lets a block have exactly one field, which its type cannot say: this is that field.
    const [kind, v] = Object.entries(b)[0] as BlockEntry;
    const p = [...path, kind];
    switch (kind) {
      case 'text':
        return this.markdown(v, p);
      case 'note':
        return [{ type: 'note', inlines: this.inline(v, p) }];
      case 'keyFacts': {
        const facts = v.facts
          .map((id, i) => this.ref(this.reg.facts, id, [...p, 'facts', i], 'fact', 'facts:'))
          .filter((f): f is Fact => !!f);
        return [{ type: 'keyFacts', title: v.title, facts }];
      }
      case 'comparisons':
        return [{ type: 'comparisons', title: v.title, items: v.items }];
      case 'quote':
        return [{ type: 'quote', blocks: this.markdown(v.text, [...p, 'text']), by: v.by }];
      case 'story':
      case 'box':
      case 'panel': {
        const story = kind === 'story' ? v : undefined;
        return [
          {
            type: 'box',
            kind,
            title: v.title,
            ...(story?.label ? { label: story.label } : {}),
            ...(v.picture ? { picture: this.symbol(v.picture, [...p, 'picture']) } : {}),
            blocks: this.blocks(v.blocks, [...p, 'blocks']),
            note: story?.note === undefined ? undefined : this.inline(story.note, [...p, 'note']),
          },
        ];
      }
      case 'pictureRow':
        return [{ type: 'pictureRow', pictures: [this.symbol(v.picture, [...p, 'picture'])], blocks: this.blocks(v.blocks, [...p, 'blocks']) }];
      case 'table':
        return [
          {
            type: 'table',
            ...(v.caption ? { caption: v.caption } : {}),
            columns: (v.columns ?? []).map((c, i) => this.inline(c, [...p, 'columns', i])),
            rows: v.rows.map((r, i) => r.map((c, j) => this.inline(c, [...p, 'rows', i, j]))),
            rowHeaders: v.rowHeaders === true,
            source: v.source,
            note: v.note === undefined ? undefined : this.inline(v.note, [...p, 'note']),
          },
        ];
      case 'chart': {
        const c = this.ref(this.reg.charts, v, p, 'chart', 'charts:');
        return c ? [{ type: 'chart', chart: c }] : [];
      }
      case 'figure': {
        const img = this.ref(this.reg.images, v.image, [...p, 'image'], 'image', 'images:');
        return img?.image ? [{ type: 'figure', image: img.image, alt: img.alt, caption: v.caption }] : [];
      }
      case 'contact': {
        const c = this.ref(this.reg.contacts, v, p, 'contact', 'contacts:');
        return c ? [{ type: 'contact', contact: c }] : [];
      }
      case 'glossary': {
        const entries = [...this.reg.glossary.values()].sort((a, b) => a.term.localeCompare(b.term, 'en-GB'));
        return [{ type: 'glossary', entries }];
      }
    }
  }
}

/** A content block's one field and its value. */
type BlockEntry = { [K in keyof BlockInput]-?: [K, NonNullable<BlockInput[K]>] }[keyof BlockInput];

/** The registries a publication may have (committee papers have none; a Local Account has them all). */
export interface Registered {
  facts?: z.infer<typeof FactSchema>[];
  contacts?: z.infer<typeof ContactSchema>[];
  glossary?: z.infer<typeof GlossarySchema>[];
  charts?: z.infer<typeof ChartSchema>[];
  images?: z.infer<typeof ImageSchema>[];
}

/** A fact's words are plain text, but may carry the Markdown escapes authors type out of habit ("them\*"). */
function plainFact(f: z.infer<typeof FactSchema>): Fact {
  // The schema's refine gives a fact either figures or a value and label.
  const figures = f.figures ?? [{ value: f.value ?? '', label: f.label ?? '' }];
  const out: Fact = { id: f.id, figures: figures.map((g) => ({ value: plainText(g.value), label: plainText(g.label) })) };
  for (const k of ['period', 'comparison', 'source'] as const) {
    const v = f[k];
    if (v !== undefined) out[k] = plainText(v);
  }
  return out;
}

/** Builds the registries from publication data, reporting duplicate ids and missing image files. */
export function buildRegistries(data: Registered, loadImage: ImageLoader, problems: Located[], sectionIds: Map<string, string>, symbols?: ReadonlySet<string>): Registries {
  /** Each entry by id, with its place in the list: the last one with that id, as a Map keeps it. */
  const seen = <T extends { id: string }>(key: keyof Registered, list: T[] | undefined, what: string): Map<string, [T, number]> => {
    const m = new Map<string, [T, number]>();
    (list ?? []).forEach((x, i) => {
      if (m.has(x.id)) problems.push({ path: [key, i, 'id'], message: `the ${what} id "${x.id}" is used twice; each ${what} is stored once` });
      m.set(x.id, [x, i]);
    });
    return m;
  };
  const glossary = seen('glossary', data.glossary, 'glossary term');
  const md: MarkdownContext = {
    glossary: new Map([...glossary].map(([id, [g]]) => [id, g.term])),
    sections: sectionIds,
  };
  const mapper = new Mapper({ facts: new Map(), contacts: new Map(), glossary: new Map(), charts: new Map(), images: new Map(), md });
  const reg: Registries = {
    facts: new Map([...seen('facts', data.facts, 'fact')].map(([id, [f]]) => [id, plainFact(f)])),
    contacts: new Map(),
    glossary: new Map(),
    charts: new Map(),
    images: new Map(),
    md,
    ...(symbols ? { symbols } : {}),
  };
  for (const [id, [c, i]] of seen('contacts', data.contacts, 'contact')) {
    reg.contacts.set(id, {
      ...c,
      description: c.description === undefined ? undefined : mapper.markdown(c.description, ['contacts', i, 'description']),
    });
  }
  for (const [id, [g, i]] of glossary) {
    reg.glossary.set(id, { id, term: g.term, definition: mapper.markdown(g.definition, ['glossary', i, 'definition']) });
  }
  for (const [id, [c, i]] of seen('charts', data.charts, 'chart')) {
    reg.charts.set(id, {
      id,
      kind: c.type,
      title: c.title,
      unit: c.unit,
      data: c.data,
      total: c.total,
      source: c.source,
      note: c.note === undefined ? undefined : mapper.inline(c.note, ['charts', i, 'note']),
    });
  }
  seen('images', data.images, 'picture'); // reports a picture id used twice
  // A picture's first entry is the one used (the others are reported above).
  (data.images ?? []).forEach((im, i) => {
    if (reg.images.has(im.id)) return;
    reg.images.set(im.id, { image: loadPicture(loadImage, im.file, ['images', i, 'file'], problems), alt: im.alt });
  });
  problems.push(...mapper.problems);
  return reg;
}

/** Section ids and titles, for cross-references; duplicate ids are reported. */
export function collectSections(list: SectionInput[], path: PathKey[], problems: Located[], out = new Map<string, string>()): Map<string, string> {
  list.forEach((sec, i) => {
    if (out.has(sec.id)) problems.push({ path: [...path, i, 'id'], message: `the section id "${sec.id}" is used twice; section ids must be unique` });
    out.set(sec.id, sec.title);
    collectSections(sec.sections ?? [], [...path, i, 'sections'], problems, out);
  });
  return out;
}
