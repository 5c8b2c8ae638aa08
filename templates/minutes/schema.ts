// Minutes: attendance, minute items numbered through the municipal year with their references
// to agenda items (in the agenda's numbering scheme), numbered paragraphs with printed labels,
// resolutions in the council's own wording, part headings, declarations of interest (structured
// or as the minutes' own sentence).
import { z } from 'zod';
import { Markdown, Text } from '../common/schema.ts';
import { PaperBase, Decision, ItemNumber, Meeting, NumberingFields, Person } from '../common/committee.ts';

const Labelled = z.strictObject({ label: Text, text: Markdown });

export const Minute = z.strictObject({
  number: z.number({ error: 'a minute number is a whole number' }).int().positive(),
  title: Text,
  agendaItem: ItemNumber.optional().describe('The agenda item this minute records, in the numbering scheme: "A2", 7 or "7(a)"'),
  decision: Decision.optional(),
  attendance: Markdown.optional(),
  text: Markdown.optional(),
  paragraphs: z.array(z.strictObject({ label: Text, text: Markdown, items: z.array(Labelled).optional() })).optional(),
  resolvedWording: Text.optional().describe('This resolution\'s own opening words, e.g. "It was RESOLVED that" or "AGREED"; the default is the organisation\'s'),
  resolved: Markdown.optional(),
  resolvedItems: z.array(Labelled).optional(),
  resolvedLabel: Text.optional(),
});

export const Declaration = z.union(
  [
    z.strictObject({ member: Text, interest: Markdown, minute: z.number().int().positive() }),
    z.strictObject({ text: Markdown.describe('The declaration as the minutes word it'), minute: z.number().int().positive().optional() }),
  ],
  { error: 'a declaration is { member, interest, minute } or the minutes\' own sentence { text, minute }' },
);

export const Minutes = z.strictObject({
  kind: z.literal('minutes'),
  ...PaperBase,
  ...NumberingFields,
  agenda: Text.regex(/^[^/\\]+\.(ya?ml|json)$/i, { error: 'must be the name of the agenda\'s content file beside these minutes, like "agenda-2017-02-01.yaml"' })
    .optional()
    .describe('The agenda of this meeting, a content file beside the minutes: when it is there, every agenda reference is checked against it'),
  meeting: Meeting,
  attendance: z.strictObject({
    present: z.array(Person.extend({ substituteFor: Text.optional() })).min(1),
    alsoPresent: z.array(Person).default([]),
    inAttendance: z.array(Person).default([]),
  }),
  items: z
    .array(
      z.union([Minute, z.strictObject({ note: Text }), z.strictObject({ part: Text.describe('A part heading, e.g. "Exempt items"'), note: Text.optional() })], {
        error: 'each item is a minute (number, title, agendaItem, resolved …), a note, or a part heading (part: …)',
      }),
    )
    .min(1),
  declarations: z.array(Declaration).default([]),
});

export type MinutesInput = z.infer<typeof Minutes>;
