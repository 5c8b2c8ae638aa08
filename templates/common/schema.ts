// zod schemas shared by every document kind: ids, Markdown fields, content blocks
// and the registries (facts, contacts, glossary, charts, images) that are stored once.
import { z } from 'zod';
import { LIMITS } from '../../src/limits.ts';

export const Id = z
  .string({ error: 'must be an id written as text' })
  // An id becomes a file name and part of a web address: keep it well inside their limits.
  .max(LIMITS.idLength, { error: `must be at most ${LIMITS.idLength} characters; use a shorter id` })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be lower-case letters and digits joined by "-", like "people-supported"' });

export const Text = z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' });
/** Markdown; see docs/content-format.md for what it may hold. */
export const Markdown = Text.describe('Markdown text');

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const isRealDate = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso);
};

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A month's number from its name or a short form of it ("Aug", "Sept"); undefined if it is not one. */
function monthNumber(name: string): number | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  const i = MONTHS.findIndex((m) => n.length >= 3 && m.startsWith(n));
  return i < 0 ? undefined : i + 1;
}

/**
 * A date written another way than YYYY-MM-DD, as YYYY-MM-DD: "24/08/2017", "24-08-2017",
 * "24.08.2017" (day first, as the UK writes it, unless only month first can be a date),
 * "24 August 2017", "Thursday 24th Aug 2017", "August 24, 2017", "2017/08/24", "2017-8-24".
 * Undefined when it is not a date in any of these forms; `real` is false for one like "31/02/2017".
 */
export function dateWrittenOtherwise(text: string): { iso: string; real: boolean } | undefined {
  const t = text.trim();
  let y: number, m: number | undefined, d: number;
  let r: RegExpExecArray | null;
  if ((r = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t))) {
    [d, m, y] = [+r[1], +r[2], +r[3]];
    if (m > 12 && d <= 12) [d, m] = [m, d];
  } else if ((r = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(t))) [y, m, d] = [+r[1], +r[2], +r[3]];
  else if ((r = /^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+\.?),?\s+(\d{4})$/i.exec(t))) [d, m, y] = [+r[1], monthNumber(r[2]), +r[3]];
  else if ((r = /^(?:[a-z]+,?\s+)?([a-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i.exec(t))) [m, d, y] = [monthNumber(r[1]), +r[2], +r[3]];
  else return undefined;
  if (m === undefined) return undefined;
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return { iso, real: m <= 12 && isRealDate(iso) };
}

/** The one message for a date not written YYYY-MM-DD: its right form when it is a date written otherwise. */
function notIsoMessage(input: unknown): string {
  const other = typeof input === 'string' ? dateWrittenOtherwise(input) : undefined;
  if (!other) return 'must be a date written YYYY-MM-DD';
  return other.real ? `"${input}": write the date as ${other.iso}` : `"${input}" is not a real date; write a date as YYYY-MM-DD`;
}

/**
 * A date as text, YYYY-MM-DD. Each cause gets one message: a date written another way is told its
 * right form (and is not also called "not a real date"); a well-written one that does not exist is
 * not a real date.
 */
const isoDate = (typeError: string) =>
  z
    .string({ error: typeError })
    .regex(ISO_DATE, { error: (issue) => notIsoMessage(issue.input) })
    .refine((s) => !ISO_DATE.test(s) || isRealDate(s), { error: 'is not a real date' });

export const IsoDate = isoDate('must be a date written YYYY-MM-DD, in quotes if your editor changes it');

/**
 * A publication's date: as the source prints it, or `{ unknown: why }` when the source has none.
 * Never invent one: a date that is not given is not printed (docs/content-format.md).
 */
export const Published = z.union(
  [isoDate('must be a date written YYYY-MM-DD (in quotes if your editor changes it), or { unknown: why the date is not known }'), z.strictObject({ unknown: Text.describe('Why the date is not known, e.g. "The leaflet is undated; it was in use in 2017."') })],
  { error: 'must be a date written YYYY-MM-DD, or { unknown: why the date is not known }; or leave it out' },
);

/** The metadata of a content `published` field: the date, or why it is not known, or nothing. */
export function publishedMeta(p: z.infer<typeof Published> | undefined): { published?: string; publishedUnknown?: string } {
  if (p === undefined) return {};
  return typeof p === 'string' ? { published: p } : { publishedUnknown: p.unknown };
}

// Alt text that only says what kind of thing it is says nothing a reader needs.
const EMPTY_ALT = /^(an?\s+)?(image|picture|icon|symbol|graphic|photo|photograph|pic|img)s?\.?$/i;

/** What a picture shows, for people who cannot see it; "image" or "picture" is refused. */
export const Alt = Text.describe('What the picture shows, for people who cannot see it').refine((s) => !EMPTY_ALT.test(s), {
  error: 'say what the picture shows ("A house with a heart on it"), not that it is a picture',
});

/** A bundled picture symbol (assets/symbols) with its alt text. */
export const SymbolPicture = z.strictObject({
  symbol: Text.describe('A symbol from assets/symbols, e.g. "home"'),
  alt: Alt,
});

const FactFigure = z.strictObject({
  value: Text.describe('The figure as printed, e.g. "34,641" or "57.5%"'),
  label: Text.describe('What the figure counts'),
});

/** A key fact: `value` and `label`, or several `figures` that make one fact (a count and a share of it). */
export const Fact = z
  .strictObject({
    id: Id,
    value: FactFigure.shape.value.optional(),
    label: Text.optional(),
    figures: z.array(FactFigure).min(2, { error: 'a fact of one figure gives value and label instead' }).optional(),
    period: Text.optional(),
    comparison: Text.optional(),
    source: Text.optional(),
  })
  .refine((f) => (f.figures ? f.value === undefined && f.label === undefined : f.value !== undefined && f.label !== undefined), {
    error: 'a fact has either value and label, or figures: [{ value, label }, …], not both',
  });

export const Contact = z.strictObject({
  id: Id,
  name: Text,
  description: Markdown.optional(),
  phone: Text.optional(),
  textRelay: Text.optional(),
  email: z.email({ error: 'must be an email address' }).optional(),
  web: z.url({ protocol: /^https?$/, error: 'must be a web address starting https://' }).optional(),
  hours: Text.optional(),
  address: Text.optional(),
});

export const GlossaryEntry = z.strictObject({ id: Id, term: Text, definition: Markdown });

export const ChartDatum = z
  .strictObject({
    label: Text,
    value: z.number({ error: 'must be a number, or null when it is not known' }).nullable(),
    note: Text.optional(),
  })
  .refine((d) => d.value !== null || d.note, { error: 'an unknown value (null) needs a note saying why it is unknown', path: ['note'] });

export const Chart = z.strictObject({
  id: Id,
  type: z.enum(['pie', 'bar'], { error: 'must be "pie" or "bar"' }),
  title: Text,
  unit: Text,
  // A chart is read as its data too (a table, the text): more points than this no reader can follow.
  data: z.array(ChartDatum).min(1, { error: 'a chart needs data' }).max(LIMITS.chartPoints, { error: `a chart may have at most ${LIMITS.chartPoints} values; show more as a table` }),
  total: z.number().optional(),
  source: Text.optional(),
  note: Markdown.optional(),
});

export const Image = z.strictObject({
  id: Id,
  file: Text.regex(/^[^/\\]+\.(png|jpe?g)$/i, { error: 'must be a .png or .jpg file name beside the content file' }),
  alt: Alt,
});

const Value = z.strictObject({ value: Text, period: Text });

/** A bundled symbol with its alt text. */
export interface SymbolInput {
  symbol: string;
  alt: string;
}

export interface BlockInput {
  text?: string;
  keyFacts?: { title?: string; facts: string[] };
  comparisons?: { title?: string; items: { label: string; before: { value: string; period: string }; after: { value: string; period: string }; note?: string }[] };
  quote?: { text: string; by?: string };
  story?: { title: string; label?: string; picture?: SymbolInput; blocks: BlockInput[]; note?: string };
  box?: { title?: string; picture?: SymbolInput; blocks: BlockInput[] };
  panel?: { title?: string; picture?: SymbolInput; blocks: BlockInput[] };
  pictureRow?: { picture: SymbolInput; blocks: BlockInput[] };
  table?: { caption?: string; columns?: string[]; rows: string[][]; rowHeaders?: boolean; source?: string; note?: string };
  chart?: string;
  figure?: { image: string; caption?: string };
  contact?: string;
  note?: string;
  glossary?: 'all';
}

export const BLOCK_KINDS = ['text', 'keyFacts', 'comparisons', 'quote', 'story', 'box', 'panel', 'pictureRow', 'table', 'chart', 'figure', 'contact', 'note', 'glossary'] as const;

export const Block: z.ZodType<BlockInput> = z.lazy(() =>
  z
    .strictObject({
      text: Markdown.optional(),
      keyFacts: z.strictObject({ title: Text.optional(), facts: z.array(Id).min(1) }).optional(),
      comparisons: z
        .strictObject({
          title: Text.optional(),
          items: z.array(z.strictObject({ label: Text, before: Value, after: Value, note: Text.optional() })).min(1),
        })
        .optional(),
      quote: z.strictObject({ text: Markdown, by: Text.optional() }).optional(),
      story: z
        .strictObject({
          title: Text,
          label: Text.optional().describe('What this story is called where it is printed ("Spotlight"); else the organisation\'s word ("Case study")'),
          picture: SymbolPicture.optional(),
          blocks: z.array(Block).min(1),
          note: Markdown.optional(),
        })
        .optional(),
      box: z.strictObject({ title: Text.optional(), picture: SymbolPicture.optional(), blocks: z.array(Block).min(1) }).optional(),
      panel: z
        .strictObject({ title: Text.optional(), picture: SymbolPicture.optional(), blocks: z.array(Block).min(1) })
        .describe('A side panel: put it straight after the paragraph it interrupts')
        .optional(),
      pictureRow: z.strictObject({ picture: SymbolPicture, blocks: z.array(Block).min(1) }).describe('A bundled symbol beside blocks').optional(),
      table: z
        .strictObject({
          caption: Text.optional().describe('Says what the table shows; read out before the table. Without one, the table is named by its number and section'),
          columns: z.array(Text).min(1).optional().describe('The header row; leave it out when the table has none'),
          rows: z.array(z.array(z.string({ error: 'a table cell must be text (put numbers in quotes)' })).min(1)).min(1),
          rowHeaders: z.boolean().optional(),
          source: Text.optional(),
          note: Markdown.optional(),
        })
        .refine((t) => t.rows.every((r) => r.length === (t.columns ?? t.rows[0]).length), {
          error: 'every row must have as many cells as there are columns (or, with no columns, as the first row)',
          path: ['rows'],
        })
        .optional(),
      chart: Id.optional(),
      figure: z.strictObject({ image: Id, caption: Text.optional() }).optional(),
      contact: Id.optional(),
      note: Markdown.optional(),
      glossary: z.literal('all', { error: 'write "glossary: all"' }).optional(),
    })
    .refine((b) => Object.keys(b).length === 1, {
      error: `a block must have exactly one of: ${BLOCK_KINDS.join(', ')}`,
    }),
);

export interface SectionInput {
  id: string;
  title: string;
  blocks?: BlockInput[];
  sections?: SectionInput[];
  /** The section's own text that follows its sub-sections. */
  after?: BlockInput[];
}

export const Section: z.ZodType<SectionInput> = z.lazy(() =>
  z
    .strictObject({
      id: Id,
      title: Text,
      blocks: z.array(Block).optional(),
      sections: z.array(Section).optional(),
      after: z.array(Block).min(1).optional().describe("The section's own text that follows its sub-sections"),
    })
    .refine((s) => !s.after || s.sections?.length, { error: 'after: is text that follows sub-sections; with no sections: put it in blocks:', path: ['after'] }),
);

export const Signatory = z.strictObject({ name: Text, role: Text });

/** Fields every publication has, whatever its kind. */
export const PublicationBase = {
  id: Id,
  title: Text,
  subtitle: Text.optional(),
  organisation: Text,
  department: Text.optional(),
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, { error: 'must be a language tag like "en-GB"' }).default('en-GB'),
  published: Published.optional(),
  reference: Text.optional(),
  summary: Text,
  facts: z.array(Fact).default([]),
  contacts: z.array(Contact).default([]),
  glossary: z.array(GlossaryEntry).default([]),
  charts: z.array(Chart).default([]),
  images: z.array(Image).default([]),
};
