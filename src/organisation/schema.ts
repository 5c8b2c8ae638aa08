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
    phone: Text.optional(),
    textRelay: Text.optional(),
    email: z.email({ error: 'must be an email address' }).optional(),
    web: z.url({ protocol: /^https?$/, error: 'must be a web address starting https://' }).optional(),
  })
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
    caseStudy: Text.default('Case study'),
    resolved: Text.default('RESOLVED that'),
    decisionTitle: Text.default('Subject'),
    keyDecision: Text.default('Key decision'),
    nonKeyDecision: Text.default('Non-key decision'),
    decisionNumber: Text.default('Decision number'),
  })
  .default({ caseStudy: 'Case study', resolved: 'RESOLVED that', decisionTitle: 'Subject', keyDecision: 'Key decision', nonKeyDecision: 'Non-key decision', decisionNumber: 'Decision number' });

export const OrganisationSchema = z.strictObject({
  id: Id.describe('A short id for the council, e.g. "kent"'),
  name: Text.describe('The council’s name as printed'),
  logo: z
    .strictObject({
      file: Text.regex(/^[^/\\]+\.(png|jpe?g)$/i, { error: 'must be a .png or .jpg file name beside organisation.yaml' }),
      alt: Text.describe('What the logo says, for people who cannot see it (usually the council’s name)'),
    })
    .optional(),
  identity: IdentitySchema,
  formats: z.strictObject({
    offered: z.array(Text).min(1, { error: 'name at least one format the council offers, like "large print"' }),
    contact: ContactSchema,
  }),
  footer: Text.optional(),
  legal: z.array(Text).default([]),
  committees: z.record(Id, Text).default({}),
  decisionNumbers: z.array(Template).min(1, { error: 'give at least one decision-number template, like "YY/NNNNN"' }),
  labels: Labels,
});

// The schema's output is the contract: this line fails to compile if they drift apart.
export type OrganisationInput = z.output<typeof OrganisationSchema>;
const _contract: (o: OrganisationInput) => Organisation = (o) => o;
void _contract;
