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

export const IsoDate = z
  .string({ error: 'must be a date written YYYY-MM-DD, in quotes if your editor changes it' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, { error: 'is not a real date' });

export const Fact = z.strictObject({
  id: Id,
  value: Text.describe('The figure as printed, e.g. "34,641" or "57.5%"'),
  label: Text,
  period: Text.optional(),
  comparison: Text.optional(),
  source: Text.optional(),
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
  alt: Text.describe('What the picture shows, for people who cannot see it'),
});

const Value = z.strictObject({ value: Text, period: Text });

export interface BlockInput {
  text?: string;
  keyFacts?: { title?: string; facts: string[] };
  comparisons?: { title?: string; items: { label: string; before: { value: string; period: string }; after: { value: string; period: string }; note?: string }[] };
  quote?: { text: string; by?: string };
  story?: { title: string; blocks: BlockInput[]; note?: string };
  box?: { title?: string; blocks: BlockInput[] };
  table?: { caption: string; columns: string[]; rows: string[][]; rowHeaders?: boolean; source?: string; note?: string };
  chart?: string;
  figure?: { image: string; caption?: string };
  contact?: string;
  note?: string;
  glossary?: 'all';
}

export const BLOCK_KINDS = ['text', 'keyFacts', 'comparisons', 'quote', 'story', 'box', 'table', 'chart', 'figure', 'contact', 'note', 'glossary'] as const;

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
      story: z.strictObject({ title: Text, blocks: z.array(Block).min(1), note: Markdown.optional() }).optional(),
      box: z.strictObject({ title: Text.optional(), blocks: z.array(Block).min(1) }).optional(),
      table: z
        .strictObject({
          caption: Text.describe('Says what the table shows; read out before the table'),
          columns: z.array(Text).min(1),
          rows: z.array(z.array(z.string({ error: 'a table cell must be text (put numbers in quotes)' }))).min(1),
          rowHeaders: z.boolean().optional(),
          source: Text.optional(),
          note: Markdown.optional(),
        })
        .refine((t) => t.rows.every((r) => r.length === t.columns.length), {
          error: 'every row must have as many cells as there are columns',
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
}

export const Section: z.ZodType<SectionInput> = z.lazy(() =>
  z.strictObject({
    id: Id,
    title: Text,
    blocks: z.array(Block).optional(),
    sections: z.array(Section).optional(),
  }),
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
  published: IsoDate,
  reference: Text.optional(),
  summary: Text,
  facts: z.array(Fact).default([]),
  contacts: z.array(Contact).default([]),
  glossary: z.array(GlossaryEntry).default([]),
  charts: z.array(Chart).default([]),
  images: z.array(Image).default([]),
};
