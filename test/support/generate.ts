// Content generators (fast-check) for the layout stress corpus of test/layout.test.ts: valid
// content files, as an author would write them, that the kinds' zod schemas accept, made to hit
// the hard cases of print layout: tables up to 20 columns with long cells, long unbroken words,
// long boxes, stories and quotes, many key facts, headings at every position (before a table, a
// box, key facts, another heading, at the very end), long glossaries and Easy Read word lists;
// and the blocks of issue 14: tables with no caption or no header row, key facts of several
// figures, side panels after paragraphs (or first under a heading), symbols beside blocks and
// beside stories and boxes, stories with their own labels, section text after sub-sections,
// publications with no date (or an unknown one) and no period.
// There is no zod-to-fast-check bridge for zod 4, so the shapes are written out here after
// templates/common/schema.ts, templates/local-account/schema.ts and templates/easy-read/schema.ts.
import fc from 'fast-check';

const VOCABULARY = (
  'care support people council service services carers home health adults older learning disability ' +
  'independence community local account budget spend year plan team review assessment enablement ' +
  'housing transport family friends hospital doctor nurse equipment telecare safeguarding partners ' +
  'we you they our their is are was were have has will can may help live stay safe well better ' +
  'more fewer new good in on at by for with from to of and or the a an this that each every'
).split(' ');

/** A long unbroken word: a compound, a reference number or a web address with no spaces. */
const longWord = fc.oneof(
  fc.integer({ min: 18, max: 70 }).map((n) => 'Supercalifragilisticexpialidociousness'.repeat(3).slice(0, n)),
  fc.integer({ min: 3, max: 9 }).map((n) => `www.kent.gov.uk/${Array.from({ length: n }, (_, i) => `section-${i}-information`).join('/')}`),
  fc.integer({ min: 10, max: 30 }).map((n) => '9'.repeat(n).replace(/(\d{3})(?=\d)/g, '$1,')),
);

const word = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...VOCABULARY) }, { weight: 1, arbitrary: longWord });
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const words = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((ws) => ws.join(' '));
const sentence = (min = 4, max = 18) => words(min, max).map((s) => `${capital(s)}.`);
const paragraph = (max = 6) => fc.array(sentence(), { minLength: 1, maxLength: max }).map((ss) => ss.join(' '));
// Titles (headings, captions) are of ordinary words: a heading of a web address is not a thing
// authors write, and one eight lines long could not be kept with anything on a large-print page.
const plainWords = (min: number, max: number) => fc.array(fc.constantFrom(...VOCABULARY), { minLength: min, maxLength: max }).map((ws) => ws.join(' '));
const title = (max = 8) => plainWords(1, max).map(capital);

const number = fc.oneof(
  fc.integer({ min: 0, max: 99_999_999 }).map((n) => n.toLocaleString('en-GB')),
  fc.integer({ min: 0, max: 1000 }).map((n) => `${(n / 10).toFixed(1)}%`),
  fc.integer({ min: 0, max: 9_999_999 }).map((n) => `£${n.toLocaleString('en-GB')}`),
);

/** Markdown: paragraphs and bullet lists. */
const markdown = fc
  .array(fc.oneof({ weight: 4, arbitrary: paragraph() }, { weight: 1, arbitrary: fc.array(sentence(2, 14), { minLength: 1, maxLength: 8 }).map((items) => items.map((i) => `- ${i}`).join('\n')) }), { minLength: 1, maxLength: 4 })
  .map((ps) => ps.join('\n\n'));

const cell = fc.oneof({ weight: 4, arbitrary: number }, { weight: 3, arbitrary: words(1, 4) }, { weight: 1, arbitrary: words(6, 24) }, { weight: 1, arbitrary: longWord }, { weight: 1, arbitrary: fc.constant('') });

/** A table: 1 to 20 columns, 1 to 10 rows, with or without row headers; now and then with no caption or no header row. */
const table = fc.integer({ min: 1, max: 20 }).chain((n) =>
  fc
    .record(
      {
        caption: plainWords(3, 14).map((s) => `${capital(s)}.`),
        columns: fc.array(fc.oneof(title(3), fc.integer({ min: 2000, max: 2040 }).map(String), longWord), { minLength: n, maxLength: n }),
        rows: fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 10 }),
        rowHeaders: fc.boolean(),
        source: sentence(3, 10),
        captionless: fc.integer({ min: 0, max: 4 }),
        headerless: fc.integer({ min: 0, max: 4 }),
      },
      { requiredKeys: ['caption', 'columns', 'rows', 'captionless', 'headerless'] },
    )
    .map(({ captionless, headerless, caption, columns, ...t }) => ({ ...t, ...(captionless ? { caption } : {}), ...(headerless ? { columns } : {}) })),
);

/** Bundled symbols (assets/symbols) beside a report's blocks, with alt text. */
const ICONS = ['home', 'friends', 'book', 'calendar', 'heart', 'bus', 'clock', 'door', 'users', 'phone', 'help-circle'];
const symbolPicture = fc.constantFrom(...ICONS).map((symbol) => ({ symbol, alt: `A picture of ${symbol.replace(/-/g, ' ')}` }));

export interface Registries {
  facts: string[];
}

type BlockIn = Record<string, unknown>;

/** One content block (a side panel comes with its paragraph: two); boxes and stories hold blocks of their own (at most two deep). */
function block(reg: Registries, depth: number): fc.Arbitrary<BlockIn[]> {
  const leaf: fc.Arbitrary<BlockIn>[] = [
    markdown.map((text) => ({ text })),
    fc.record({ blocks: fc.array(markdown.map((text) => ({ text })), { minLength: 1, maxLength: 2 }) }).map((panel) => ({ panel })),
    table.map((t) => ({ table: t })),
    fc.subarray(reg.facts, { minLength: 1 }).chain((facts) => fc.record({ title: title(5), facts: fc.constant(facts) }, { requiredKeys: ['facts'] })).map((keyFacts) => ({ keyFacts })),
    fc.record({ text: fc.array(paragraph(8), { minLength: 1, maxLength: 6 }).map((ps) => ps.join('\n\n')), by: title(3) }, { requiredKeys: ['text'] }).map((quote) => ({ quote })),
    sentence().map((note) => ({ note })),
    fc
      .array(fc.record({ label: title(6), before: fc.record({ value: number, period: title(2) }), after: fc.record({ value: number, period: title(2) }) }), { minLength: 1, maxLength: 8 })
      .chain((items) => fc.record({ title: title(5), items: fc.constant(items) }, { requiredKeys: ['items'] }))
      .map((comparisons) => ({ comparisons })),
  ];
  if (depth >= 2) return fc.oneof(...leaf).map((b) => [b]);
  const inner = blocks(reg, depth + 1, 1, 5);
  return fc.oneof(
    ...leaf.map((l) => l.map((b) => [b])),
    fc.record({ title: title(8), label: title(3), picture: symbolPicture, blocks: inner, note: sentence() }, { requiredKeys: ['title', 'blocks'] }).map((story) => [{ story }]),
    fc.record({ title: title(8), picture: symbolPicture, blocks: inner }, { requiredKeys: ['blocks'] }).map((box) => [{ box }]),
    // A side panel straight after the paragraph it interrupts (a panel first under a heading comes from the leaf below).
    fc
      .tuple(paragraph(8), fc.record({ title: title(6), blocks: blocks(reg, 2, 1, 3) }, { requiredKeys: ['blocks'] }))
      .map(([text, panel]) => [{ text }, { panel }]),
    fc.record({ picture: symbolPicture, blocks: inner }).map((pictureRow) => [{ pictureRow }]),
  ).map((bs) => bs);
}

/** A list of blocks, a side panel's paragraph and panel counted as one. */
function blocks(reg: Registries, depth: number, min: number, max: number): fc.Arbitrary<BlockIn[]> {
  return fc.array(block(reg, depth), { minLength: min, maxLength: max }).map((bs) => bs.flat());
}

interface SectionIn {
  id: string;
  title: string;
  blocks?: BlockIn[];
  sections?: SectionIn[];
  after?: BlockIn[];
}
interface Draft {
  title: string;
  blocks?: BlockIn[];
  sections?: Draft[];
  after?: BlockIn[];
}

/** Sections three deep; some have no blocks, so a heading meets another heading or ends the document. */
function sections(reg: Registries, depth = 1): fc.Arbitrary<Draft[]> {
  const one: fc.Arbitrary<Draft> = fc.record(
    {
      title: title(depth === 1 ? 10 : 14),
      blocks: blocks(reg, 0, 0, depth === 1 ? 4 : 3),
      ...(depth < 3 ? { sections: sections(reg, depth + 1) } : {}),
      // The section's own text after its sub-sections (kept only where it has some).
      after: blocks(reg, 0, 1, 2),
    },
    { requiredKeys: ['title'] },
  );
  return fc.array(one.map(({ after, ...d }) => (after && d.sections?.length ? { ...d, after } : d)), { minLength: depth === 1 ? 1 : 0, maxLength: depth === 1 ? 3 : 2 });
}

function numberSections(list: Draft[], prefix: string): SectionIn[] {
  return list.map(({ sections: subs, ...s }, i) => ({ ...s, id: `${prefix}-${i + 1}`, ...(subs ? { sections: numberSections(subs, `${prefix}-${i + 1}`) } : {}) }));
}

/** A Local Account (or a strategy, laid out the same way): valid content for its schema. */
export const localAccount: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    kind: fc.constantFrom('local-account', 'strategy'),
    title: title(12),
    subtitle: fc.option(sentence(3, 12), { nil: undefined }),
    factCount: fc.integer({ min: 1, max: 30 }),
    glossaryCount: fc.integer({ min: 0, max: 45 }),
    glossaryAt: fc.constantFrom('end', 'first', 'none'),
    // Most are dated; some say the date is not known, some say nothing of it; some give no period.
    dated: fc.constantFrom('date', 'date', 'unknown', 'none'),
    period: fc.boolean(),
  })
  .chain((head) => {
    const reg: Registries = { facts: Array.from({ length: head.factCount }, (_, i) => `fact-${i + 1}`) };
    return fc.record({
      head: fc.constant(head),
      facts: fc.array(
        fc.oneof(
          { weight: 3, arbitrary: fc.record({ value: number, label: sentence(3, 16), period: title(3) }, { requiredKeys: ['value', 'label'] }) },
          // A count and the shares of it outcomes reached: one fact of several figures.
          { weight: 1, arbitrary: fc.record({ figures: fc.array(fc.record({ value: number, label: sentence(3, 12) }), { minLength: 2, maxLength: 3 }), source: sentence(2, 6) }, { requiredKeys: ['figures'] }) },
        ),
        { minLength: head.factCount, maxLength: head.factCount },
      ),
      glossary: fc.array(fc.record({ term: fc.oneof({ weight: 5, arbitrary: title(4) }, { weight: 1, arbitrary: longWord }), definition: fc.oneof({ weight: 3, arbitrary: paragraph(3) }, { weight: 1, arbitrary: markdown }) }), { minLength: head.glossaryCount, maxLength: head.glossaryCount }),
      sections: sections(reg),
    });
  })
  .map(({ head, facts, glossary, sections: secs }) => {
    const body = numberSections(secs, 'section');
    const glossarySection: SectionIn = { id: 'glossary', title: 'Glossary', blocks: [{ glossary: 'all' }] };
    const withGlossary = glossary.length === 0 || head.glossaryAt === 'none' ? body : head.glossaryAt === 'first' ? [glossarySection, ...body] : [...body, glossarySection];
    return {
      kind: head.kind,
      id: 'generated',
      title: head.title,
      ...(head.subtitle ? { subtitle: head.subtitle } : {}),
      organisation: 'Kent County Council',
      ...(head.dated === 'date' ? { published: '2017-09-01' } : head.dated === 'unknown' ? { published: { unknown: 'The source is undated.' } } : {}),
      summary: 'A generated publication for the layout tests.',
      ...(head.period ? { period: 'April 2016 to March 2017' } : {}),
      alternativeFormats: 'formats',
      contacts: [{ id: 'formats', name: 'Alternative formats', phone: '03000 421553', email: 'alternativeformats@kent.gov.uk' }],
      facts: facts.map((f, i) => ({ id: `fact-${i + 1}`, ...f })),
      glossary: glossary.map((g, i) => ({ id: `term-${i + 1}`, ...g })),
      sections: withGlossary,
    };
  });

const SYMBOLS = ['home', 'friends', 'book', 'calendar', 'heart', 'bus', 'clock', 'door', 'money', 'users', 'phone', 'help-circle'];

/** Easy Read: short sentences (at most 8 words), rows of up to 3 sentences, a long word list. */
export const easyRead = (symbols: readonly string[]): fc.Arbitrary<Record<string, unknown>> => {
  const known = SYMBOLS.filter((s) => symbols.includes(s));
  const pic = fc.constantFrom(...(known.length ? known : symbols.slice(0, 5))).map((symbol) => ({ symbol, alt: `A picture of ${symbol.replace(/-/g, ' ')}` }));
  // Easy Read counts a number's groups as words: the long words here are letters only.
  const plain = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...VOCABULARY) }, { weight: 1, arbitrary: fc.integer({ min: 18, max: 60 }).map((n) => 'Supercalifragilisticexpialidociousness'.repeat(2).slice(0, n)) });
  const said = fc.array(plain, { minLength: 3, maxLength: 8 }).map((ws) => `${capital(ws.join(' '))}.`);
  const short = (max: number) => fc.array(said, { minLength: 1, maxLength: max }).map((ss) => ss.join(' '));
  const steps = (mark: (n: number) => string) => fc.array(said, { minLength: 2, maxLength: 3 }).map((items) => items.map((i, n) => `${mark(n)} ${i}`).join('\n'));
  // A link's address follows its words in print: a long address must fit the text column too.
  const linked = fc.tuple(said, fc.constantFrom('https://www.kent.gov.uk/social-care-and-health/care-and-support/help-at-home-and-in-the-community', 'mailto:social.services@kent.gov.uk')).map(([s, href]) => `${s} Find out more on [our website](${href}).`);
  const rowText = fc.oneof({ weight: 4, arbitrary: short(3) }, { weight: 1, arbitrary: steps(() => '-') }, { weight: 1, arbitrary: steps((n) => `${n + 1}.`) }, { weight: 1, arbitrary: linked });
  // One picture, or two one above the other (a person and a place).
  const pictures = fc.oneof({ weight: 3, arbitrary: pic }, { weight: 1, arbitrary: fc.array(pic, { minLength: 2, maxLength: 2 }) });
  return fc
    .record({
      title: title(6),
      sections: fc.array(fc.record({ title: fc.array(plain, { minLength: 1, maxLength: 6 }).map((ws) => capital(ws.join(' '))), rows: fc.array(fc.record({ picture: pictures, text: rowText }), { minLength: 1, maxLength: 5 }) }), { minLength: 1, maxLength: 4 }),
      contactPicture: fc.option(pic, { nil: undefined }),
      words: fc.array(fc.record({ word: fc.oneof({ weight: 6, arbitrary: fc.array(plain, { minLength: 1, maxLength: 3 }).map((ws) => capital(ws.join(' '))) }, { weight: 1, arbitrary: plain }), meaning: short(2) }), { minLength: 0, maxLength: 30 }),
    })
    .map((d) => ({
      kind: 'easy-read',
      id: 'generated-easy-read',
      title: d.title,
      organisation: 'Kent County Council',
      published: '2017-09-01',
      summary: 'A generated Easy Read document for the layout tests.',
      helpNote: 'You might need some help with this document.',
      sections: d.sections,
      words: d.words,
      contact: {
        name: 'Adult Social Care',
        phone: '03000 41 61 61',
        textphone: '18001 03000 41 61 61',
        email: 'social.services@kent.gov.uk',
        hours: 'Monday to Friday, 8am to 8pm',
        ...(d.contactPicture ? { picture: d.contactPicture } : {}),
      },
    }));
};

/** Samples a fixed number of documents from a fixed seed, so a failure names the document that shows it. */
export function corpus<T>(arb: fc.Arbitrary<T>, count: number, seed: number): T[] {
  return fc.sample(arb, { numRuns: count, seed });
}
