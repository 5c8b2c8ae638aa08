// The organisation profile's schema (organisation.yaml): zod, like the content kinds, so its
// problems are located and worded the same way (src/pipeline/schema-problems.ts). Colours are
// checked for contrast where text sits on them; decision-number templates for what a template
// may hold. The result is the Organisation contract in ./types.ts.
import { z } from 'zod';
import { Id, Text } from '../../templates/common/schema.ts';
import { contrastFailures } from './contrast.ts';
import { templateProblem } from './numbers.ts';
import type { Organisation } from './types.ts';

const Colour = z
  .string({ error: 'must be a colour written #rrggbb, in quotes, like "#1d3557"' })
  .regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour written #rrggbb, in quotes, like "#1d3557"' })
  .transform((c) => c.toLowerCase());

export const IdentitySchema = z
  .strictObject({
    accent: Colour.describe('Headings, key figures, a box’s accent bar: text on white'),
    link: Colour.describe('Links: text on white and on every fill'),
    panel: Colour.describe('A box’s fill and a table’s header row: body text on it'),
    storyPanel: Colour.describe('A story (case study) box’s fill'),
    quotePanel: Colour.describe('A quote box’s fill'),
  })
  .superRefine((id, ctx) => {
    for (const f of contrastFailures(id)) ctx.addIssue({ code: 'custom', path: [f.field], message: f.message });
  });

const ContactSchema = z
  .strictObject({
    name: Text.describe('Who to ask, e.g. "Alternative formats team"'),
    phone: Text.optional().meta({ description: 'Their phone number, as printed, in quotes', examples: ['03000 421553'] }),
    textRelay: Text.optional().meta({ description: 'A number for people who use text relay', examples: ['18001 03000 421553'] }),
    email: z.email({ error: 'must be an email address' }).optional().meta({ description: 'Their email address', examples: ['alternativeformats@kent.gov.uk'] }),
    web: z
      .url({ protocol: /^https?$/, error: 'must be a web address starting https://' })
      .optional()
      .meta({ description: 'A web address starting https://', examples: ['https://www.kent.gov.uk/about-the-council/contact-us'] }),
  })
  .describe('Whom readers ask for another format: a name and at least one of phone, email or web')
  .refine((c) => c.phone || c.email || c.web, {
    error: 'the formats contact needs a phone number, an email address or a web address, so that every download page says how to ask; add "phone", "email" or "web"',
  });

const Template = z.string({ error: 'must be a template written as text, like "YY/NNNNN"' }).superRefine((t, ctx) => {
  const problem = templateProblem(t);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** The words a council prints of its own; the usual English ones when the profile does not say. */
const Labels = z
  .strictObject({
    caseStudy: Text.default('Case study').describe('What a story (case study) box is called, e.g. "Case study" or "Spotlight"'),
    resolved: Text.default('RESOLVED that').describe('What a resolution in the minutes starts with, e.g. "RESOLVED that" or "AGREED"'),
    decisionTitle: Text.default('Subject').describe('The record of decision’s title field, e.g. "Subject" or "Title of Decision"'),
    keyDecision: Text.default('Key decision').describe('What a key decision is labelled, e.g. "Key decision"'),
    nonKeyDecision: Text.default('Non-key decision').describe('What a decision that is not key is labelled, e.g. "Non-key decision"'),
    decisionNumber: Text.default('Decision number').describe('What a decision number is labelled, e.g. "Decision number" or "Decision No"'),
  })
  .describe('The words the council prints of its own; the usual English ones when left out')
  .default({ caseStudy: 'Case study', resolved: 'RESOLVED that', decisionTitle: 'Subject', keyDecision: 'Key decision', nonKeyDecision: 'Non-key decision', decisionNumber: 'Decision number' });

export const OrganisationSchema = z.strictObject({
  id: Id.describe('A short id for the council, e.g. "kent"'),
  name: Text.describe('The council’s name as printed'),
  logo: z
    .strictObject({
      file: Text.regex(/^[^/\\]+\.(png|jpe?g)$/i, { error: 'must be a .png or .jpg file name beside organisation.yaml' }).meta({
        description: 'The logo’s file name, a .png or .jpg uploaded to the same folder as organisation.yaml',
        examples: ['kent-logo.png'],
      }),
      alt: Text.describe('What the logo says, for people who cannot see it (usually the council’s name)'),
    })
    .optional()
    .describe('The council’s logo, printed on every cover'),
  identity: IdentitySchema.describe('The council’s colours, each written #rrggbb in quotes; checked for contrast where text sits on them'),
  formats: z
    .strictObject({
      offered: z
        .array(Text)
        .min(1, { error: 'name at least one format the council offers, like "large print"' })
        .meta({ description: 'The other formats the council offers on request', examples: [['large print', 'Braille', 'audio']] }),
      contact: ContactSchema,
    })
    .describe('The other formats readers may ask for, and whom they ask'),
  footer: Text.optional().meta({ description: 'A line printed at the foot of every page', examples: ['Kent County Council, kent.gov.uk'] }),
  legal: z.array(Text).default([]).meta({ description: 'Lines in small print that close every publication: copyright, registered address', examples: [['© Kent County Council 2017']] }),
  committees: z
    .record(Id, Text)
    .default({})
    .meta({ description: 'The council’s committees: a short id each, with its name as printed; papers may name a committee by its id', examples: [{ cabinet: 'Cabinet' }] }),
  decisionNumbers: z
    .array(Template)
    .min(1, { error: 'give at least one decision-number template, like "YY/NNNNN"' })
    .meta({ description: 'How the council writes decision numbers: Y is a digit of the year, N any other digit, every other character as shown', examples: [['YY/NNNNN']] }),
  labels: Labels,
});

// The schema's output is the contract: this line fails to compile if they drift apart.
export type OrganisationInput = z.output<typeof OrganisationSchema>;
const _contract: (o: OrganisationInput) => Organisation = (o) => o;
void _contract;
