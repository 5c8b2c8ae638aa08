// A report to committee: cover block, summary, recommendations, numbered sections and
// paragraphs (numbers kept as printed), background documents, contacts, appendices, and the
// proposed record of decision.
import { z } from 'zod';
import { Block, Markdown, Text } from '../common/schema.ts';
import { CommitteeBase, DecisionNumber, Exempt, Person } from '../common/committee.ts';

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

export const RecordOfDecision = z.strictObject({
  decisionMaker: Person,
  number: DecisionNumber,
  publication: Text.optional(),
  keyDecision: Text.optional(),
  subject: Text,
  decision: Markdown,
  reasons: Markdown,
  financial: Markdown.optional(),
  legal: Markdown.optional(),
  equality: Markdown.optional(),
  consultation: Markdown.optional(),
  alternatives: Markdown.optional(),
  interests: Markdown.optional(),
});

export const Report = z.strictObject({
  kind: z.literal('report'),
  ...CommitteeBase,
  from: z.array(Person).min(1),
  to: Text,
  subject: Text,
  decision: DecisionNumber.optional(),
  classification: Text,
  pastPathway: z.array(Text).default([]),
  futurePathway: z.array(Text).default([]),
  divisions: Text.optional(),
  summaryText: Markdown,
  recommendations: z.strictObject({ leadIn: Text.optional(), items: z.array(z.strictObject({ label: Text, text: Markdown })).default([]), text: Markdown.optional() }).optional(),
  sections: z.array(z.strictObject({ number: Text.optional(), title: Text, paragraphs: z.array(Paragraph).default([]) })).default([]),
  backgroundDocuments: z.array(z.strictObject({ title: Text, url: z.url({ protocol: /^https?$/ }).optional() })).default([]),
  contactDetails: z.array(z.strictObject({ role: Text, name: Text, title: Text.optional(), phone: Text.optional(), email: z.email().optional() })).default([]),
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
