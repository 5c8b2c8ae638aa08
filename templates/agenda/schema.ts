// Agenda: the meeting, membership, webcasting notice, parts (open and exempt) with lettered
// sections and coded items, and the proper officer's sign-off.
import { z } from 'zod';
import { Id, Markdown, Text } from '../common/schema.ts';
import { CommitteeBase, DecisionNumber, Exempt, Meeting, Person } from '../common/committee.ts';

export const AgendaItem = z.strictObject({
  code: z.string().regex(/^[A-Z]\d+$/, { error: 'an item code is its section letter and a number, like "B1"' }),
  title: Text,
  purpose: Markdown.optional(),
  paper: Id.optional().describe('Id of the paper for this item; its page range is computed in the pack'),
  decision: DecisionNumber.optional(),
  exempt: Exempt.optional(),
});

export const Agenda = z.strictObject({
  kind: z.literal('agenda'),
  ...CommitteeBase,
  meeting: Meeting,
  hospitality: Text.optional(),
  clerk: z.strictObject({ name: Text, phone: Text.optional(), email: z.email().optional() }),
  membership: z.array(z.strictObject({ group: Text, members: z.array(Person).min(1) })).min(1),
  webcasting: Markdown.optional(),
  parts: z
    .array(
      z.strictObject({
        title: Text,
        access: z.enum(['open', 'exempt']),
        note: Text.optional(),
        sections: z.array(z.strictObject({ code: z.string().regex(/^[A-Z]$/, { error: 'a section code is one capital letter' }), title: Text, items: z.array(AgendaItem) })),
      }),
    )
    .min(1),
  signOff: z.strictObject({ name: Text, role: Text, phone: Text.optional() }),
  closingNote: Markdown.optional(),
});

export type AgendaInput = z.infer<typeof Agenda>;
