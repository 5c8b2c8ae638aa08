// Agenda: the meeting (in person, online or hybrid), membership, webcasting notice, its items in
// the council's numbering scheme ("B1", 7, "7(a)"), grouped under part headings ("Unrestricted
// items", "Exempt items") and sections when the council groups them, and the sign-off.
import { z } from 'zod';
import { Id, Markdown, Text } from '../common/schema.ts';
import { PaperBase, Decision, Exempt, ItemNumber, Meeting, NumberingFields, Person } from '../common/committee.ts';

export const AgendaItem = z.strictObject({
  number: ItemNumber.describe('The item\'s number in the agenda\'s numbering scheme: "B1", 7 or "7(a)"'),
  title: Text,
  purpose: Markdown.optional(),
  paper: Id.optional().describe('Id of the paper for this item; its page range is computed in the pack'),
  decision: Decision.optional(),
  exempt: Exempt.optional(),
});

export const AgendaSection = z.strictObject({
  code: z.string().regex(/^[A-Z]$/, { error: 'a section code is one capital letter, like "B"' }).optional().describe('The section letter, in the letter-number scheme'),
  title: Text,
  items: z.array(AgendaItem),
});

export const AgendaPart = z.strictObject({
  title: Text.describe('The part heading as printed, e.g. "Unrestricted items" or "Exempt items"'),
  access: z.enum(['open', 'exempt'], { error: 'must be "open" or "exempt"' }),
  note: Text.optional(),
  sections: z.array(AgendaSection).optional(),
  items: z.array(AgendaItem).optional(),
});

export const Agenda = z.strictObject({
  kind: z.literal('agenda'),
  ...PaperBase,
  ...NumberingFields,
  meeting: Meeting,
  hospitality: Text.optional(),
  clerk: z.strictObject({ name: Text, phone: Text.optional(), email: z.email().optional() }),
  membership: z.array(z.strictObject({ group: Text, members: z.array(Person).min(1) })).min(1),
  webcasting: Markdown.optional(),
  /** One of: parts (with part headings), sections, or items. */
  parts: z.array(AgendaPart).min(1).optional(),
  sections: z.array(AgendaSection).min(1).optional(),
  items: z.array(AgendaItem).min(1).optional(),
  signOff: z.strictObject({ name: Text, role: Text, phone: Text.optional() }),
  closingNote: Markdown.optional(),
});

export type AgendaInput = z.infer<typeof Agenda>;
export type AgendaItemInput = z.infer<typeof AgendaItem>;
