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

/** A document's id: its file names and web address. */
export const DocumentId = Id.meta({
  description: 'A short name for the document, used in its file names and web address: lower-case letters and digits joined by "-"',
  examples: ['local-account-2016-17'],
});

/** The council's name, as the content names it (checked against the organisation profile). */
export const OrganisationName = Text.meta({ description: 'The council’s name, as printed; it should match the organisation profile', examples: ['Kent County Council'] });

/** What the document is about, for search results and the download page. */
export const DocumentSummary = Text.describe('One or two sentences saying what the document is about, for the download page and search results');

/**
 * A publication's date: as the source prints it, or `{ unknown: why }` when the source has none.
 * Never invent one: a date that is not given is not printed (docs/content-format.md).
 */
export const Published = z.union(
  [isoDate('must be a date written YYYY-MM-DD (in quotes if your editor changes it), or { unknown: why the date is not known }'), z.strictObject({ unknown: Text.describe('Why the date is not known, e.g. "The leaflet is undated; it was in use in 2017."') })],
  { error: 'must be a date written YYYY-MM-DD, or { unknown: why the date is not known }; or leave it out' },
);

/** Published, described for editors. */
export const PublishedDate = Published.meta({
  description: 'The date the document was published, as YYYY-MM-DD, e.g. 2017-08-24; or { unknown: why } when the source has no date; or leave it out',
  examples: ['2017-08-24', { unknown: 'The leaflet is undated; it was in use in 2017.' }],
});

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
export const SymbolPicture = z
  .strictObject({
    symbol: Text.meta({ description: 'The name of a symbol from assets/symbols (the list is in docs/content-format.md)', examples: ['home'] }),
    alt: Alt,
  })
  .describe('A picture symbol from the bundled set, with its alt text');

const FactFigure = z.strictObject({
  value: Text.meta({ description: 'The figure as printed, in quotes', examples: ['34,641', '57.5%'] }),
  label: Text.meta({ description: 'What the figure counts, in words', examples: ['people supported in their own homes'] }),
});

/** A key fact: `value` and `label`, or several `figures` that make one fact (a count and a share of it). */
export const Fact = z
  .strictObject({
    id: Id.meta({ description: 'A short name for this fact, used to show it in keyFacts: lower-case words joined by "-"', examples: ['people-supported'] }),
    value: FactFigure.shape.value.optional(),
    label: FactFigure.shape.label.optional(),
    figures: z
      .array(FactFigure)
      .min(2, { error: 'a fact of one figure gives value and label instead' })
      .optional()
      .describe('Two or more figures that make one fact (a count and a share of it), each with value and label; instead of value and label'),
    period: Text.optional().meta({ description: 'The time the figure covers', examples: ['2016-17'] }),
    comparison: Text.optional().meta({ description: 'How it compares with before, in words', examples: ['up from 33,900 in 2015-16'] }),
    source: Text.optional().meta({ description: 'Where the figure comes from', examples: ['Adult Social Care annual return'] }),
  })
  .refine((f) => (f.figures ? f.value === undefined && f.label === undefined : f.value !== undefined && f.label !== undefined), {
    error: 'a fact has either value and label, or figures: [{ value, label }, …], not both',
  });

export const Contact = z.strictObject({
  id: Id.meta({ description: 'A short name for this contact, used to show it in a contact block: lower-case words joined by "-"', examples: ['adult-social-care'] }),
  name: Text.meta({ description: 'Who to contact, as printed', examples: ['Adult Social Care and Health'] }),
  description: Markdown.optional().describe('What they can help with (Markdown text)'),
  phone: Text.optional().meta({ description: 'A phone number as printed, in quotes', examples: ['03000 41 61 61'] }),
  textRelay: Text.optional().meta({ description: 'A number for people who use text relay', examples: ['18001 03000 41 61 61'] }),
  email: z.email({ error: 'must be an email address' }).optional().meta({ description: 'An email address', examples: ['social.services@kent.gov.uk'] }),
  web: z
    .url({ protocol: /^https?$/, error: 'must be a web address starting https://' })
    .optional()
    .meta({ description: 'A web address starting https://', examples: ['https://www.kent.gov.uk/social-care'] }),
  hours: Text.optional().meta({ description: 'When they can be reached', examples: ['Monday to Friday, 9am to 5pm'] }),
  address: Text.optional().meta({ description: 'A postal address on one line', examples: ['Sessions House, County Hall, Maidstone, ME14 1XQ'] }),
});

export const GlossaryEntry = z.strictObject({
  id: Id.meta({ description: 'A short name for the term, used to link to it from text as [words](glossary:id)', examples: ['advocacy'] }),
  term: Text.meta({ description: 'The word or phrase explained, as printed', examples: ['Advocacy'] }),
  definition: Markdown.describe('What it means, in plain words (Markdown text)'),
});

export const ChartDatum = z
  .strictObject({
    label: Text.meta({ description: 'What this value is, as the chart labels it', examples: ['Older people'] }),
    value: z
      .number({ error: 'must be a number, or null when it is not known' })
      .nullable()
      .meta({ description: 'The number, without commas or units; null when it is not known (then give a note)', examples: [4250] }),
    note: Text.optional().describe('A note on this value; needed to say why when the value is null'),
  })
  .refine((d) => d.value !== null || d.note, { error: 'an unknown value (null) needs a note saying why it is unknown', path: ['note'] });

export const Chart = z.strictObject({
  id: Id.meta({ description: 'A short name for this chart, used to show it with a chart block: lower-case words joined by "-"', examples: ['spending-by-service'] }),
  type: z.enum(['pie', 'bar'], { error: 'must be "pie" or "bar"' }).describe('"pie" or "bar"'),
  title: Text.meta({ description: 'What the chart shows, as its heading', examples: ['Where the money went in 2016-17'] }),
  unit: Text.meta({ description: 'What the values are counted in', examples: ['£ million', 'people'] }),
  // A chart is read as its data too (a table, the text): more points than this no reader can follow.
  data: z
    .array(ChartDatum)
    .min(1, { error: 'a chart needs data' })
    .max(LIMITS.chartPoints, { error: `a chart may have at most ${LIMITS.chartPoints} values; show more as a table` })
    .describe(`The chart's values, each a label and a value; at most ${LIMITS.chartPoints}`),
  total: z.number().optional().describe('The total the values add up to, when it is printed; a number'),
  source: Text.optional().meta({ description: 'Where the figures come from', examples: ['KCC budget book 2016-17'] }),
  note: Markdown.optional().describe('A note printed under the chart (Markdown text)'),
});

export const Image = z.strictObject({
  id: Id.meta({ description: 'A short name for this picture, used to show it with a figure block: lower-case words joined by "-"', examples: ['day-centre'] }),
  file: Text.regex(/^[^/\\]+\.(png|jpe?g)$/i, { error: 'must be a .png or .jpg file name beside the content file' }).meta({
    description: 'The picture file’s name, a .png or .jpg uploaded to the same folder as this file',
    examples: ['day-centre.jpg'],
  }),
  alt: Alt,
});

const Value = z.strictObject({
  value: Text.meta({ description: 'The figure as printed, in quotes', examples: ['£1.2 million'] }),
  period: Text.meta({ description: 'The time the figure is for', examples: ['2015-16'] }),
});

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
      text: Markdown.optional().describe('Paragraphs of text, in Markdown: lists, **bold**, links, [words](glossary:id) and [words](#section-id)'),
      keyFacts: z
        .strictObject({
          title: Text.optional().meta({ description: 'A heading over the facts', examples: ['The year in numbers'] }),
          facts: z.array(Id).min(1).meta({ description: 'The ids of facts from the facts: list, in the order they are shown', examples: [['people-supported', 'carers-assessed']] }),
        })
        .optional()
        .describe('Key figures shown large, from the facts: list'),
      comparisons: z
        .strictObject({
          title: Text.optional().describe('A heading over the comparisons'),
          items: z
            .array(
              z.strictObject({
                label: Text.meta({ description: 'What is compared', examples: ['People waiting for an assessment'] }),
                before: Value.describe('The earlier figure and its period'),
                after: Value.describe('The later figure and its period'),
                note: Text.optional().describe('A note on the change'),
              }),
            )
            .min(1)
            .describe('Each figure then and now'),
        })
        .optional()
        .describe('Figures then and now, side by side'),
      quote: z
        .strictObject({
          text: Markdown.describe('The words quoted (Markdown text), without quotation marks'),
          by: Text.optional().meta({ description: 'Who said it', examples: ['A carer from Ashford'] }),
        })
        .optional()
        .describe('A quotation, set apart from the text'),
      story: z
        .strictObject({
          title: Text.meta({ description: 'The story’s heading', examples: ['Jean’s story'] }),
          label: Text.optional().describe('What this story is called where it is printed ("Spotlight"); else the organisation\'s word ("Case study")'),
          picture: SymbolPicture.optional(),
          blocks: z.array(Block).min(1).describe('What the story says: a list of blocks'),
          note: Markdown.optional().describe('A note after the story, e.g. that names have been changed (Markdown text)'),
        })
        .optional()
        .describe('A case study: someone’s story in a box'),
      box: z
        .strictObject({
          title: Text.optional().describe('The box’s heading'),
          picture: SymbolPicture.optional(),
          blocks: z.array(Block).min(1).describe('What the box holds: a list of blocks'),
        })
        .optional()
        .describe('Blocks set apart in a shaded box'),
      panel: z
        .strictObject({
          title: Text.optional().describe('The panel’s heading'),
          picture: SymbolPicture.optional(),
          blocks: z.array(Block).min(1).describe('What the panel holds: a list of blocks'),
        })
        .describe('A side panel: put it straight after the paragraph it interrupts')
        .optional(),
      pictureRow: z
        .strictObject({ picture: SymbolPicture, blocks: z.array(Block).min(1).describe('The blocks beside the picture') })
        .describe('A bundled symbol beside blocks')
        .optional(),
      table: z
        .strictObject({
          caption: Text.optional().describe('Says what the table shows; read out before the table. Without one, the table is named by its number and section'),
          columns: z.array(Text).min(1).optional().describe('The header row; leave it out when the table has none'),
          rows: z
            .array(z.array(z.string({ error: 'a table cell must be text (put numbers in quotes)' })).min(1))
            .min(1)
            .meta({ description: 'The rows, each a list of cells written as text (numbers in quotes)', examples: [[['Older people', '4,250']]] }),
          rowHeaders: z.boolean().optional().describe('true when the first cell of each row is that row’s heading'),
          source: Text.optional().describe('Where the figures come from'),
          note: Markdown.optional().describe('A note printed under the table (Markdown text)'),
        })
        .refine((t) => t.rows.every((r) => r.length === (t.columns ?? t.rows[0]).length), {
          error: 'every row must have as many cells as there are columns (or, with no columns, as the first row)',
          path: ['rows'],
        })
        .optional()
        .describe('A table of rows and columns'),
      chart: Id.optional().meta({ description: 'The id of a chart from the charts: list, shown here', examples: ['spending-by-service'] }),
      figure: z
        .strictObject({
          image: Id.meta({ description: 'The id of a picture from the images: list', examples: ['day-centre'] }),
          caption: Text.optional().describe('A caption printed under the picture'),
        })
        .optional()
        .describe('A picture from the images: list, with its caption'),
      contact: Id.optional().meta({ description: 'The id of a contact from the contacts: list, shown here', examples: ['adult-social-care'] }),
      note: Markdown.optional().describe('A short note set apart from the text (Markdown text)'),
      glossary: z.literal('all', { error: 'write "glossary: all"' }).optional().describe('Write "all" to print the whole glossary here'),
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
      id: Id.meta({ description: 'A short name for the section, used in its web address and to refer to it as [words](#id): lower-case words joined by "-"', examples: ['what-we-spent'] }),
      title: Text.meta({ description: 'The section’s heading', examples: ['What we spent'] }),
      blocks: z.array(Block).optional().describe('What the section says, in order: a list of blocks (text, keyFacts, table …)'),
      sections: z.array(Section).optional().describe('Sub-sections, at most three levels deep'),
      after: z.array(Block).min(1).optional().describe("The section's own text that follows its sub-sections"),
    })
    .refine((s) => !s.after || s.sections?.length, { error: 'after: is text that follows sub-sections; with no sections: put it in blocks:', path: ['after'] }),
);

export const Signatory = z.strictObject({
  name: Text.meta({ description: 'The person’s name, as printed', examples: ['Graham Gibbens'] }),
  role: Text.meta({ description: 'Their role, as printed', examples: ['Cabinet Member for Adult Social Care and Public Health'] }),
});

/** A language tag, e.g. "en-GB": the language the document is written in. */
export const Language = z
  .string()
  .regex(/^[a-z]{2}(-[A-Z]{2})?$/, { error: 'must be a language tag like "en-GB"' })
  .default('en-GB')
  .meta({ description: 'The language the document is written in, as a language tag; en-GB if left out', examples: ['en-GB', 'cy'] });

/** Fields every publication has, whatever its kind. */
export const PublicationBase = {
  id: DocumentId,
  title: Text.meta({ description: 'The title, as printed on the cover', examples: ['Local Account 2016-17'] }),
  subtitle: Text.optional().meta({ description: 'A line under the title', examples: ['How we supported adults in Kent'] }),
  organisation: OrganisationName,
  department: Text.optional().meta({ description: 'The part of the council it comes from', examples: ['Adult Social Care and Health'] }),
  language: Language,
  published: PublishedDate.optional(),
  reference: Text.optional().meta({ description: 'The council’s own reference for the document, as printed', examples: ['ASC/2017/01'] }),
  summary: DocumentSummary,
  facts: z.array(Fact).default([]).describe('Key figures, each stored once with an id and shown with keyFacts blocks'),
  contacts: z.array(Contact).default([]).describe('People and teams to contact, each stored once with an id and shown with contact blocks'),
  glossary: z.array(GlossaryEntry).default([]).describe('Words explained, each with an id; link to one from text as [words](glossary:id)'),
  charts: z.array(Chart).default([]).describe('Charts, each stored once with an id and shown with chart blocks'),
  images: z.array(Image).default([]).describe('Pictures uploaded beside this file, each with an id and alt text, shown with figure blocks'),
};
