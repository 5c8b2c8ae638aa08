// Agenda: the meeting (in person, online or hybrid), membership, webcasting notice, its items in
// the council's numbering scheme ("B1", 7, "7(a)"), grouped under part headings ("Unrestricted
// items", "Exempt items") and sections when the council groups them, and the sign-off.
import { z } from 'zod';
import { Id, Markdown, Text } from '../common/schema.ts';
import { PaperBase, Decision, Exempt, ItemNumber, Meeting, NumberingFields, Person } from '../common/committee.ts';

export const AgendaItem = z.strictObject({
  number: ItemNumber.describe('The item\'s number in the agenda\'s numbering scheme: "B1", 7 or "7(a)"'),
  title: Text.meta({ description: 'The item’s title, as printed', examples: ['Commissioning of Integrated Domestic Abuse Services'] }),
  purpose: Markdown.optional().describe('What the item is for, in a sentence or two (Markdown text)'),
  paper: Id.optional().describe('Id of the paper for this item; its page range is computed in the pack'),
  decision: Decision.optional().describe('The decision the item concerns: its number, e.g. "16/00014", or { type, number }'),
  exempt: Exempt.optional(),
});

export const AgendaSection = z.strictObject({
  code: z.string().regex(/^[A-Z]$/, { error: 'a section code is one capital letter, like "B"' }).optional().describe('The section letter, in the letter-number scheme'),
  title: Text.meta({ description: 'The section’s heading, as printed', examples: ['Items for decision'] }),
  items: z.array(AgendaItem).describe('The items in this section, in order'),
});

export const AgendaPart = z.strictObject({
  title: Text.describe('The part heading as printed, e.g. "Unrestricted items" or "Exempt items"'),
  access: z.enum(['open', 'exempt'], { error: 'must be "open" or "exempt"' }).describe('"open" when the public may attend, "exempt" when they may not'),
  note: Text.optional().describe('A note under the part heading, as printed'),
  sections: z.array(AgendaSection).optional().describe('The part’s sections, when the council groups its items'),
  items: z.array(AgendaItem).optional().describe('The part’s items, when it has no sections'),
});

export const Agenda = z.strictObject({
  kind: z.literal('agenda').describe('What kind of document this is: "agenda" for a committee agenda'),
  ...PaperBase,
  ...NumberingFields,
  meeting: Meeting.describe('When and where the meeting is held'),
  hospitality: Text.optional().meta({ description: 'A note about refreshments before the meeting, as printed', examples: ['Refreshments will be available 15 minutes before the start of the meeting'] }),
  clerk: z
    .strictObject({
      name: Text.meta({ description: 'The clerk’s name', examples: ['Theresa Grayell'] }),
      phone: Text.optional().meta({ description: 'The clerk’s phone number, as printed', examples: ['03000 416172'] }),
      email: z.email().optional().meta({ description: 'The clerk’s email address', examples: ['theresa.grayell@kent.gov.uk'] }),
    })
    .describe('Who to ask about the meeting'),
  membership: z
    .array(
      z.strictObject({
        group: Text.meta({ description: 'The group, as printed', examples: ['Conservative (10)'] }),
        members: z.array(Person).min(1).describe('The members in this group, each with name and, if printed, role'),
      }),
    )
    .min(1)
    .describe('The committee’s members, by group'),
  webcasting: Markdown.optional().describe('The notice that the meeting may be filmed or broadcast (Markdown text)'),
  /** One of: parts (with part headings), sections, or items. */
  parts: z.array(AgendaPart).min(1).optional().describe('The agenda’s parts with their headings ("Unrestricted items"); use parts, sections or items'),
  sections: z.array(AgendaSection).min(1).optional().describe('The agenda’s sections (A, B, C …) when there are no part headings; use parts, sections or items'),
  items: z.array(AgendaItem).min(1).optional().describe('The agenda’s items, when they are not grouped; use parts, sections or items'),
  signOff: z
    .strictObject({
      name: Text.meta({ description: 'Who signs the agenda off', examples: ['Benjamin Watts'] }),
      role: Text.meta({ description: 'Their role, as printed', examples: ['General Counsel'] }),
      phone: Text.optional().meta({ description: 'Their phone number, as printed', examples: ['03000 416814'] }),
    })
    .describe('The name that closes the agenda'),
  closingNote: Markdown.optional().describe('Text printed after the sign-off (Markdown text)'),
});

export type AgendaInput = z.infer<typeof Agenda>;
export type AgendaItemInput = z.infer<typeof AgendaItem>;
