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

const TableShape = z.strictObject({ caption: Text, columns: z.array(Text).min(1), rows: z.array(z.array(z.string())).min(1), rowHeaders: z.boolean().optional(), source: Text.optional(), note: Markdown.optional() });

export const Paragraph: z.ZodType<ParagraphInput> = z.lazy(() =>
  z
    .strictObject({ number: Text.optional(), title: Text.optional(), text: Markdown.optional(), table: TableShape.optional(), paragraphs: z.array(Paragraph).optional() })
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

export const RecordLabels = z
  .strictObject({
    heading: Text.optional().describe('The record\'s heading, e.g. "RECORD OF DECISION"'),
    decisionMaker: Text.optional(),
    number: Text.optional(),
    keyDecision: Text.optional(),
    nonKeyDecision: Text.optional(),
    subject: Text.optional(),
    ...Object.fromEntries(ANSWER_KEYS.map((k) => [k, Text.optional()])) as Record<AnswerKey, z.ZodOptional<typeof Text>>,
  })
  .describe('This record\'s own labels, as the council prints them ("Title of Decision")');

export const RecordOfDecision = z.strictObject({
  decisionMaker: Person,
  number: DecisionNumber.optional(),
  decisionType: z.enum(DECISION_TYPES, { error: 'must be "key", "non-key" or "none"' }).optional(),
  publication: Text.optional(),
  keyDecision: Text.optional().describe('Why it is a key decision, e.g. "Affects more than two Electoral Divisions"; makes it a key decision'),
  subject: Text,
  decision: Answer,
  reasons: Answer,
  financial: Answer.optional(),
  legal: Answer.optional(),
  equality: Answer.optional(),
  consultation: Answer.optional(),
  alternatives: Answer.optional(),
  interests: Answer.optional(),
  otherSections: z
    .array(
      z.strictObject({
        label: Text.describe('The question as printed, e.g. "Data protection implications"'),
        text: Answer,
        after: z.enum(ANSWER_KEYS, { error: `must be one of ${ANSWER_KEYS.join(', ')}` }).optional().describe('The standard question it follows; equality by default'),
      }),
    )
    .optional(),
  labels: RecordLabels.optional(),
});

/** A closing section's printed number and title, when the council numbers or words them its own way. */
const ClosingSection = z.strictObject({ number: Text.optional(), title: Text.optional() });

export const Report = z.strictObject({
  kind: z.literal('report'),
  ...PaperBase,
  from: z.array(Person).min(1),
  to: Text,
  subject: Text,
  decision: Decision.optional(),
  classification: Text,
  pastPathway: z.array(Text).default([]),
  futurePathway: z.array(Text).default([]),
  divisions: Text.optional(),
  summaryText: Markdown,
  recommendations: z.strictObject({ leadIn: Text.optional(), items: z.array(z.strictObject({ label: Text, text: Markdown })).default([]), text: Markdown.optional() }).optional(),
  sections: z.array(z.strictObject({ number: Text.optional(), title: Text, paragraphs: z.array(Paragraph).default([]) })).default([]),
  backgroundDocuments: z.array(z.strictObject({ title: Text, url: z.url({ protocol: /^https?$/ }).optional() })).default([]),
  contactDetails: z.array(z.strictObject({ role: Text, name: Text, title: Text.optional(), phone: Text.optional(), email: z.email().optional() })).default([]),
  closingSections: z
    .strictObject({ backgroundDocuments: ClosingSection.optional(), appendices: ClosingSection.optional(), contactDetails: ClosingSection.optional() })
    .optional()
    .describe('Numbers and titles of the closing sections as printed ("8. Background documents"); an appendices entry prints a list of the appendices'),
  appendices: z
    .array(
      z.strictObject({
        label: Text,
        title: Text,
        recordOfDecision: RecordOfDecision.optional(),
        blocks: z.array(Block).optional(),
        lost: Text.optional(),
      }),
    )
    .default([]),
  exempt: Exempt.optional(),
});

export type ReportInput = z.infer<typeof Report>;
