// Minutes: attendance, minute items numbered through the municipal year with their agenda
// references, numbered paragraphs with printed labels, RESOLVED blocks, declarations of interest.
import { z } from 'zod';
import { Markdown, Text } from '../common/schema.ts';
import { CommitteeBase, DecisionNumber, Meeting, Person } from '../common/committee.ts';

const Labelled = z.strictObject({ label: Text, text: Markdown });

export const Minute = z.strictObject({
  number: z.number({ error: 'a minute number is a whole number' }).int().positive(),
  title: Text,
  agendaItem: z.string().regex(/^[A-Z]\d+$/, { error: 'an agenda reference is an item code like "A2"' }),
  decision: DecisionNumber.optional(),
  attendance: Markdown.optional(),
  text: Markdown.optional(),
  paragraphs: z.array(z.strictObject({ label: Text, text: Markdown, items: z.array(Labelled).optional() })).optional(),
  resolved: Markdown.optional(),
  resolvedItems: z.array(Labelled).optional(),
  resolvedLabel: Text.optional(),
});

export const Minutes = z.strictObject({
  kind: z.literal('minutes'),
  ...CommitteeBase,
  meeting: Meeting,
  attendance: z.strictObject({
    present: z.array(Person.extend({ substituteFor: Text.optional() })).min(1),
    alsoPresent: z.array(Person).default([]),
    inAttendance: z.array(Person).default([]),
  }),
  items: z.array(z.union([Minute, z.strictObject({ note: Text })], { error: 'each item is a minute (number, title, agendaItem, resolved …) or a note' })).min(1),
  declarations: z.array(z.strictObject({ member: Text, interest: Markdown, minute: z.number().int().positive() })).default([]),
});
