// Maps content blocks and sections to document-model blocks, resolving every reference
// (facts, contacts, glossary terms, charts, images, sections) and reporting the ones that dangle.
// It runs on raw parsed data too, so that reference problems are reported together with
// schema problems: every access is guarded.
import type { Block, Chart, Contact, Fact, GlossaryEntry, ImageData, Inline } from '../../src/model/domain.ts';
import { parseInline, parseMarkdown, type MarkdownContext } from '../../src/parse/markdown.ts';
import type { PathKey } from '../../src/parse/problems.ts';

export interface Located {
  path: PathKey[];
  message: string;
  /** For Markdown problems: character offset inside the text field. */
  offset?: number;
  rule?: string;
  severity?: 'warning';
}

/** A picture by file name: its checked data, why it cannot be used, or undefined if it is not there. */
export type ImageLoader = (file: string) => ImageData | { problem: string } | undefined;

/** Loads a picture the content names, recording a located problem if it is missing or unusable. */
export function loadPicture(loadImage: ImageLoader, file: string, path: PathKey[], problems: Located[]): ImageData | undefined {
  const r = loadImage(file);
  if (r && 'problem' in r) problems.push({ path, message: r.problem });
  else if (!r) problems.push({ path, message: `the picture file "${file}" is not beside the content file; upload it to the same folder` });
  else return r;
  return undefined;
}

export interface Registries {
  facts: Map<string, Fact>;
  contacts: Map<string, Contact>;
  glossary: Map<string, GlossaryEntry>;
  charts: Map<string, Chart>;
  images: Map<string, { image?: ImageData; alt: string }>;
  md: MarkdownContext;
}

export const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
export const rec = (x: unknown): Record<string, unknown> => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {});
export const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

export class Mapper {
  readonly problems: Located[] = [];
  constructor(readonly reg: Registries) {}

  markdown(md: unknown, path: PathKey[]): Block[] {
    if (typeof md !== 'string') return [];
    const r = parseMarkdown(md, this.reg.md);
    for (const p of r.problems) this.problems.push({ path, message: p.message, offset: p.offset, rule: p.rule });
    return r.blocks.map((b) => ({ ...b, at: path }));
  }

  inline(md: unknown, path: PathKey[]): Inline[] {
    if (typeof md !== 'string') return [];
    const r = parseInline(md, this.reg.md);
    for (const p of r.problems) this.problems.push({ path, message: p.message, offset: p.offset, rule: p.rule });
    return r.inlines;
  }

  private ref<T>(map: Map<string, T>, id: unknown, path: PathKey[], what: string, where: string): T | undefined {
    if (typeof id !== 'string') return undefined;
    const v = map.get(id);
    if (!v) this.problems.push({ path, message: `there is no ${what} with id "${id}"; add it to ${where} or correct the id` });
    return v;
  }

  /** Sections become a heading followed by their blocks; depth 1 is Heading 1. */
  sections(list: unknown, path: PathKey[], depth = 1): Block[] {
    const out: Block[] = [];
    arr(list).forEach((s, i) => {
      const sec = rec(s);
      const p = [...path, i];
      if (depth > 3) this.problems.push({ path: p, message: 'sections go at most three levels deep; move this one up a level' });
      out.push({ type: 'heading', level: Math.min(depth, 3) as 1 | 2 | 3, id: str(sec.id) ?? '', text: str(sec.title) ?? '', at: [...p, 'title'] });
      out.push(...this.blocks(sec.blocks, [...p, 'blocks']));
      out.push(...this.sections(sec.sections, [...p, 'sections'], depth + 1));
    });
    return out;
  }

  blocks(list: unknown, path: PathKey[]): Block[] {
    return arr(list).flatMap((b, i) => this.block(rec(b), [...path, i]).map((x) => (x.at ? x : { ...x, at: [...path, i] })));
  }

  block(b: Record<string, unknown>, path: PathKey[]): Block[] {
    const [kind] = Object.keys(b);
    const v = b[kind];
    const p = [...path, kind];
    switch (kind) {
      case 'text':
        return this.markdown(v, p);
      case 'note':
        return [{ type: 'note', inlines: this.inline(v, p) }];
      case 'keyFacts': {
        const k = rec(v);
        const facts = arr(k.facts)
          .map((id, i) => this.ref(this.reg.facts, id, [...p, 'facts', i], 'fact', 'facts:'))
          .filter((f): f is Fact => !!f);
        return [{ type: 'keyFacts', title: str(k.title), facts }];
      }
      case 'comparisons': {
        const c = rec(v);
        return [{ type: 'comparisons', title: str(c.title), items: arr(c.items).map((x) => x as never) }];
      }
      case 'quote': {
        const q = rec(v);
        return [{ type: 'quote', blocks: this.markdown(q.text, [...p, 'text']), by: str(q.by) }];
      }
      case 'story':
      case 'box': {
        const s = rec(v);
        return [
          {
            type: 'box',
            kind,
            title: str(s.title),
            blocks: this.blocks(s.blocks, [...p, 'blocks']),
            note: s.note === undefined ? undefined : this.inline(s.note, [...p, 'note']),
          },
        ];
      }
      case 'table': {
        const t = rec(v);
        return [
          {
            type: 'table',
            caption: str(t.caption) ?? '',
            columns: arr(t.columns).map((c, i) => this.inline(c, [...p, 'columns', i])),
            rows: arr(t.rows).map((r, i) => arr(r).map((c, j) => this.inline(c, [...p, 'rows', i, j]))),
            rowHeaders: t.rowHeaders === true,
            source: str(t.source),
            note: t.note === undefined ? undefined : this.inline(t.note, [...p, 'note']),
          },
        ];
      }
      case 'chart': {
        const c = this.ref(this.reg.charts, v, p, 'chart', 'charts:');
        return c ? [{ type: 'chart', chart: c }] : [];
      }
      case 'figure': {
        const f = rec(v);
        const img = this.ref(this.reg.images, f.image, [...p, 'image'], 'image', 'images:');
        return img?.image ? [{ type: 'figure', image: img.image, alt: img.alt, caption: str(f.caption) }] : [];
      }
      case 'contact': {
        const c = this.ref(this.reg.contacts, v, p, 'contact', 'contacts:');
        return c ? [{ type: 'contact', contact: c }] : [];
      }
      case 'glossary': {
        const entries = [...this.reg.glossary.values()].sort((a, b) => a.term.localeCompare(b.term, 'en-GB'));
        return [{ type: 'glossary', entries }];
      }
      default:
        return [];
    }
  }
}

/** Builds the registries from raw publication data, reporting duplicate ids and missing image files. */
export function buildRegistries(
  data: Record<string, unknown>,
  loadImage: ImageLoader,
  problems: Located[],
  sectionIds: Map<string, string>,
): Registries {
  const seen = <T extends { id?: unknown }>(key: string, what: string): Map<string, T> => {
    const m = new Map<string, T>();
    arr(data[key]).forEach((x, i) => {
      const id = str(rec(x).id);
      if (!id) return;
      if (m.has(id)) problems.push({ path: [key, i, 'id'], message: `the ${what} id "${id}" is used twice; each ${what} is stored once` });
      m.set(id, x as T);
    });
    return m;
  };
  const glossaryRaw = seen<{ id: string; term: string; definition: string }>('glossary', 'glossary term');
  const md: MarkdownContext = {
    glossary: new Map([...glossaryRaw].map(([id, g]) => [id, String(g.term)])),
    sections: sectionIds,
  };
  const mapper = new Mapper({ facts: new Map(), contacts: new Map(), glossary: new Map(), charts: new Map(), images: new Map(), md });
  const reg: Registries = {
    facts: seen<Fact>('facts', 'fact'),
    contacts: new Map(),
    glossary: new Map(),
    charts: new Map(),
    images: new Map(),
    md,
  };
  const contactIdx = new Map<string, number>();
  arr(data.contacts).forEach((c, i) => contactIdx.set(str(rec(c).id) ?? '', i));
  for (const [id, c] of seen<Record<string, unknown>>('contacts', 'contact')) {
    const i = contactIdx.get(id) ?? 0;
    reg.contacts.set(id, {
      ...(c as unknown as Contact),
      description: c.description === undefined ? undefined : mapper.markdown(c.description, ['contacts', i, 'description']),
    });
  }
  const glossIdx = new Map<string, number>();
  arr(data.glossary).forEach((g, i) => glossIdx.set(str(rec(g).id) ?? '', i));
  for (const [id, g] of glossaryRaw) {
    reg.glossary.set(id, { id, term: String(g.term), definition: mapper.markdown(g.definition, ['glossary', glossIdx.get(id) ?? 0, 'definition']) });
  }
  const chartIdx = new Map<string, number>();
  arr(data.charts).forEach((c, i) => chartIdx.set(str(rec(c).id) ?? '', i));
  for (const [id, c] of seen<Record<string, unknown>>('charts', 'chart')) {
    reg.charts.set(id, {
      id,
      kind: c.type === 'bar' ? 'bar' : 'pie',
      title: str(c.title) ?? '',
      unit: str(c.unit) ?? '',
      data: arr(c.data).map((d) => rec(d) as never),
      total: typeof c.total === 'number' ? c.total : undefined,
      source: str(c.source),
      note: c.note === undefined ? undefined : mapper.inline(c.note, ['charts', chartIdx.get(id) ?? 0, 'note']),
    });
  }
  seen<Record<string, unknown>>('images', 'picture'); // reports a picture id used twice
  arr(data.images).forEach((x, i) => {
    const im = rec(x);
    const id = str(im.id);
    const file = str(im.file);
    if (!id || !file || reg.images.has(id)) return;
    reg.images.set(id, { image: loadPicture(loadImage, file, ['images', i, 'file'], problems), alt: str(im.alt) ?? '' });
  });
  problems.push(...mapper.problems);
  return reg;
}

/** Section ids and titles, for cross-references; duplicate ids are reported. */
export function collectSections(list: unknown, path: PathKey[], problems: Located[], out = new Map<string, string>()): Map<string, string> {
  arr(list).forEach((s, i) => {
    const sec = rec(s);
    const id = str(sec.id);
    if (id) {
      if (out.has(id)) problems.push({ path: [...path, i, 'id'], message: `the section id "${id}" is used twice; section ids must be unique` });
      out.set(id, str(sec.title) ?? '');
    }
    collectSections(sec.sections, [...path, i, 'sections'], problems, out);
  });
  return out;
}
