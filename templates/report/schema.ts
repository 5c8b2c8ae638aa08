// A report to committee: cover block, summary, recommendations, numbered sections and
// paragraphs (numbers kept as printed), background documents, contacts (numbered as the council
// numbers them), appendices, and the proposed record of decision with the council's labels,
// its own extra questions, blocks in its answers and questions left blank.
import { z } from 'zod';
import { Block, Markdown, Text } from '../common/schema.ts';
import { PaperBase, DECISION_TYPES, Decision, DecisionNumber, Exempt, Person } from '../common/committee.ts';

export interface ParagraphInput {
  number?: string;
  title?: string;
  text?: string;
  table?: z.infer<typeof TableShape>;
  paragraphs?: ParagraphInput[];
}

const TableShape = z.strictObject({
  caption: Text.describe('Says what the table shows; read out before the table'),
  columns: z.array(Text).min(1).describe('The header row: each column’s heading'),
  rows: z.array(z.array(z.string())).min(1).meta({ description: 'The rows, each a list of cells written as text (numbers in quotes)', examples: [[['2015-16', '£1.2m']]] }),
  rowHeaders: z.boolean().optional().describe('true when the first cell of each row is that row’s heading'),
  source: Text.optional().describe('Where the figures come from'),
  note: Markdown.optional().describe('A note printed under the table (Markdown text)'),
}).describe('A table of rows and columns');

export const Paragraph: z.ZodType<ParagraphInput> = z.lazy(() =>
  z
    .strictObject({
      number: Text.optional().meta({ description: 'The paragraph’s number as printed, in quotes', examples: ['2.1'] }),
      title: Text.optional().describe('A heading over the paragraph'),
      text: Markdown.optional().describe('The paragraph’s text (Markdown)'),
      table: TableShape.optional(),
      paragraphs: z.array(Paragraph).optional().describe('Sub-paragraphs, each with its number and text'),
    })
    .refine((p) => p.text || p.table || p.paragraphs || p.title, { error: 'a paragraph needs text, a table, a title or paragraphs' }),
);

/**
 * An answer in a record of decision: Markdown, or a list of blocks (a table under financial
 * implications, a list, a note) when the answer needs them; empty (`interests:`) when the
 * council leaves the question blank, printed blank.
 */
export const Answer = z
  .union([z.string({ error: 'must be text' }).trim(), z.array(Block).min(1)], { error: 'must be Markdown text, a list of blocks (text, table, note …), or left empty for a blank answer' })
  .nullable()
  .describe('Markdown, a list of blocks, or empty for a question deliberately left blank');
export type AnswerInput = z.infer<typeof Answer>;

/** The standard questions of a record of decision, in the order they are printed. */
export const ANSWER_KEYS = ['decision', 'reasons', 'financial', 'legal', 'equality', 'consultation', 'alternatives', 'interests'] as const;
export type AnswerKey = (typeof ANSWER_KEYS)[number];

/** What each standard question is, in words, for its description. */
const ANSWER_LABELS: Record<AnswerKey, string> = {
  decision: 'decision',
  reasons: 'reasons for the decision',
  financial: 'financial implications',
  legal: 'legal implications',
  equality: 'equality implications',
  consultation: 'consultation',
  alternatives: 'alternatives considered',
  interests: 'conflicts of interest',
};

export const RecordLabels = z
  .strictObject({
    heading: Text.optional().describe('The record\'s heading, e.g. "RECORD OF DECISION"'),
    decisionMaker: Text.optional().describe('The decision maker’s label, e.g. "DECISION TO BE TAKEN BY"'),
    number: Text.optional().describe('The decision number’s label, e.g. "Decision No"'),
    keyDecision: Text.optional().describe('The key decision’s label, e.g. "Key decision"'),
    nonKeyDecision: Text.optional().describe('The label for a decision that is not key, e.g. "Non-key decision"'),
    subject: Text.optional().describe('The subject’s label, e.g. "Title of Decision"'),
    ...(Object.fromEntries(ANSWER_KEYS.map((k) => [k, Text.optional().describe(`The label of the ${ANSWER_LABELS[k]} question, as the council prints it`)])) as Record<AnswerKey, z.ZodOptional<typeof Text>>),
  })
  .describe('This record\'s own labels, as the council prints them ("Title of Decision")');

export const RecordOfDecision = z.strictObject({
  decisionMaker: Person.describe('Who takes the decision: name and role'),
  number: DecisionNumber.optional(),
  decisionType: z.enum(DECISION_TYPES, { error: 'must be "key", "non-key" or "none"' }).optional().describe('"key", "non-key" or "none"'),
  publication: Text.optional().meta({ description: 'When or where the decision is published, as printed', examples: ['For publication'] }),
  keyDecision: Text.optional().describe('Why it is a key decision, e.g. "Affects more than two Electoral Divisions"; makes it a key decision'),
  subject: Text.meta({ description: 'The title of the decision', examples: ['Commissioning of Integrated Domestic Abuse Services'] }),
  decision: Answer.describe('The decision, as the record words it: Markdown text or a list of blocks'),
  reasons: Answer.describe('The reasons for the decision: Markdown text or a list of blocks'),
  financial: Answer.optional().describe('The financial implications: Markdown text, a list of blocks (a table …), or empty when left blank'),
  legal: Answer.optional().describe('The legal implications: Markdown text, a list of blocks, or empty when left blank'),
  equality: Answer.optional().describe('The equality implications: Markdown text, a list of blocks, or empty when left blank'),
  consultation: Answer.optional().describe('Who was consulted and what they said: Markdown text, a list of blocks, or empty when left blank'),
  alternatives: Answer.optional().describe('The alternatives considered: Markdown text, a list of blocks, or empty when left blank'),
  interests: Answer.optional().describe('Conflicts of interest declared and dispensations: Markdown text, a list of blocks, or empty when left blank'),
  otherSections: z
    .array(
      z.strictObject({
        label: Text.describe('The question as printed, e.g. "Data protection implications"'),
        text: Answer,
        after: z.enum(ANSWER_KEYS, { error: `must be one of ${ANSWER_KEYS.join(', ')}` }).optional().describe('The standard question it follows; equality by default'),
      }),
    )
    .optional()
    .describe('The council’s own further questions, each with its label, answer and the standard question it follows'),
  labels: RecordLabels.optional(),
});

/** A closing section's printed number and title, when the council numbers or words them its own way. */
const ClosingSection = z.strictObject({
  number: Text.optional().meta({ description: 'The section’s number as printed, in quotes', examples: ['8'] }),
  title: Text.optional().meta({ description: 'The section’s title as printed', examples: ['Background Documents'] }),
});

export const Report = z.strictObject({
  kind: z.literal('report').describe('What kind of document this is: "report" for a report to committee'),
  ...PaperBase,
  from: z.array(Person).min(1).describe('Who the report is from, each with name and role'),
  to: Text.meta({ description: 'Who the report is to, as printed', examples: ['Adult Social Care and Health Cabinet Committee - 11 October 2016'] }),
  subject: Text.meta({ description: 'The report’s subject, as printed', examples: ['Commissioning of Integrated Domestic Abuse Services'] }),
  decision: Decision.optional(),
  classification: Text.meta({ description: 'Whether the report is public, as printed', examples: ['Unrestricted'] }),
  pastPathway: z.array(Text).default([]).describe('Where the paper has been before, as printed, e.g. "Divisional Management Team"'),
  futurePathway: z.array(Text).default([]).describe('Where the paper goes next, as printed, e.g. "Cabinet Member decision"'),
  divisions: Text.optional().meta({ description: 'The electoral divisions affected, as printed', examples: ['All'] }),
  summaryText: Markdown.describe('The report’s summary, as printed under "Summary" (Markdown text)'),
  recommendations: z
    .strictObject({
      leadIn: Text.optional().meta({ description: 'The words before the recommendations', examples: ['The Cabinet Committee is asked to:'] }),
      items: z
        .array(
          z.strictObject({
            label: Text.meta({ description: 'The recommendation’s printed label', examples: ['a)'] }),
            text: Markdown.describe('The recommendation (Markdown text)'),
          }),
        )
        .default([])
        .describe('The recommendations, each with its label and text'),
      text: Markdown.optional().describe('The recommendation as one text, when it has no lettered items (Markdown text)'),
    })
    .optional()
    .describe('What the committee is asked to do'),
  sections: z
    .array(
      z.strictObject({
        number: Text.optional().meta({ description: 'The section’s number as printed, in quotes', examples: ['2'] }),
        title: Text.meta({ description: 'The section’s heading', examples: ['Financial Implications'] }),
        paragraphs: z.array(Paragraph).default([]).describe('The section’s numbered paragraphs'),
      }),
    )
    .default([])
    .describe('The report’s numbered sections'),
  backgroundDocuments: z
    .array(
      z.strictObject({
        title: Text.describe('The document’s title, as printed'),
        url: z.url({ protocol: /^https?$/ }).optional().meta({ description: 'Where to read it, a web address starting https://', examples: ['https://democracy.kent.gov.uk/'] }),
      }),
    )
    .default([])
    .describe('Documents the report drew on, each with title and, when there is one, web address'),
  contactDetails: z
    .array(
      z.strictObject({
        role: Text.meta({ description: 'What the contact is for, as printed', examples: ['Report Author'] }),
        name: Text.meta({ description: 'The person’s name', examples: ['Karen Sharp'] }),
        title: Text.optional().meta({ description: 'Their job title, as printed', examples: ['Head of Public Health Commissioning'] }),
        phone: Text.optional().meta({ description: 'Their phone number, as printed', examples: ['03000 416668'] }),
        email: z.email().optional().meta({ description: 'Their email address', examples: ['karen.sharp@kent.gov.uk'] }),
      }),
    )
    .default([])
    .describe('Who to contact about the report: the report author and the relevant director'),
  closingSections: z
    .strictObject({
      backgroundDocuments: ClosingSection.optional().describe('The background documents section’s number and title'),
      appendices: ClosingSection.optional().describe('The appendices section’s number and title; prints a list of the appendices'),
      contactDetails: ClosingSection.optional().describe('The contact details section’s number and title'),
    })
    .optional()
    .describe('Numbers and titles of the closing sections as printed ("8. Background documents"); an appendices entry prints a list of the appendices'),
  appendices: z
    .array(
      z.strictObject({
        label: Text.meta({ description: 'The appendix’s label, as printed', examples: ['Appendix A'] }),
        title: Text.meta({ description: 'The appendix’s title', examples: ['Proposed Record of Decision'] }),
        recordOfDecision: RecordOfDecision.optional().describe('A proposed record of decision, when the appendix is one'),
        blocks: z.array(Block).optional().describe('What the appendix says: a list of blocks'),
        lost: Text.optional().describe('Why the appendix’s text is not here, when it was not published with the paper'),
      }),
    )
    .default([])
    .describe('The report’s appendices, in order'),
  exempt: Exempt.optional(),
});

export type ReportInput = z.infer<typeof Report>;
