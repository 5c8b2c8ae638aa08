// Minutes: attendance, minute items numbered through the municipal year with their references
// to agenda items (in the agenda's numbering scheme), numbered paragraphs with printed labels,
// resolutions in the council's own wording, part headings, declarations of interest (structured
// or as the minutes' own sentence).
import { z } from 'zod';
import { Markdown, Text } from '../common/schema.ts';
import { PaperBase, Decision, ItemNumber, Meeting, NumberingFields, Person } from '../common/committee.ts';

const Labelled = z.strictObject({
  label: Text.meta({ description: 'The label printed before the text', examples: ['(a)', '1.'] }),
  text: Markdown.describe('The text (Markdown)'),
});

export const Minute = z.strictObject({
  number: z.number({ error: 'a minute number is a whole number' }).int().positive().meta({ description: 'The minute’s number through the municipal year, a whole number', examples: [26] }),
  title: Text.meta({ description: 'The minute’s title, as printed', examples: ['Verbal updates by the Cabinet Member and Director'] }),
  agendaItem: ItemNumber.optional().describe('The agenda item this minute records, in the numbering scheme: "A2", 7 or "7(a)"'),
  decision: Decision.optional(),
  attendance: Markdown.optional().describe('Who came in or left during this item, as the minutes say it (Markdown text)'),
  text: Markdown.optional().describe('What the minute records, when it has no numbered paragraphs (Markdown text)'),
  paragraphs: z
    .array(
      z.strictObject({
        label: Text.meta({ description: 'The paragraph’s printed label', examples: ['1.', '(a)'] }),
        text: Markdown.describe('The paragraph’s text (Markdown)'),
        items: z.array(Labelled).optional().describe('Lettered or numbered points under the paragraph, each with label and text'),
      }),
    )
    .optional()
    .describe('Numbered paragraphs with their printed labels'),
  resolvedWording: Text.optional().describe('This resolution\'s own opening words, e.g. "It was RESOLVED that" or "AGREED"; the default is the organisation\'s'),
  resolved: Markdown.optional().describe('What was resolved, in the council’s own words, after the resolution’s opening words (Markdown text)'),
  resolvedItems: z.array(Labelled).optional().describe('The resolution’s points, each with label and text'),
  resolvedLabel: Text.optional().meta({ description: 'The printed label of the resolution’s paragraph', examples: ['2.'] }),
});

export const Declaration = z.union(
  [
    z.strictObject({
      member: Text.meta({ description: 'The member who declared it', examples: ['Mr M J Angell'] }),
      interest: Markdown.describe('The interest declared, as the minutes word it (Markdown text)'),
      minute: z.number().int().positive().meta({ description: 'The number of the minute it was declared on', examples: [26] }),
    }),
    z.strictObject({
      text: Markdown.describe('The declaration as the minutes word it'),
      minute: z.number().int().positive().optional().meta({ description: 'The number of the minute it was declared on, if it was on one', examples: [26] }),
    }),
  ],
  { error: 'a declaration is { member, interest, minute } or the minutes\' own sentence { text, minute }' },
);

export const Minutes = z.strictObject({
  kind: z.literal('minutes').describe('What kind of document this is: "minutes" for the minutes of a meeting'),
  ...PaperBase,
  ...NumberingFields,
  agenda: Text.regex(/^[^/\\]+\.(ya?ml|json)$/i, { error: 'must be the name of the agenda\'s content file beside these minutes, like "agenda-2017-02-01.yaml"' })
    .optional()
    .describe('The agenda of this meeting, a content file beside the minutes: when it is there, every agenda reference is checked against it'),
  meeting: Meeting.describe('When and where the meeting was held'),
  attendance: z
    .strictObject({
      present: z
        .array(Person.extend({ substituteFor: Text.optional().meta({ description: 'The member this person stood in for', examples: ['Mr M J Angell'] }) }))
        .min(1)
        .describe('Committee members present, each with name and, if printed, role'),
      alsoPresent: z.array(Person).default([]).describe('Other members present, e.g. Cabinet Members'),
      inAttendance: z.array(Person).default([]).describe('Officers in attendance, each with name and role'),
    })
    .describe('Who was at the meeting'),
  items: z
    .array(
      z.union([Minute, z.strictObject({ note: Text.describe('A note between minutes, as printed') }), z.strictObject({ part: Text.describe('A part heading, e.g. "Exempt items"'), note: Text.optional().describe('A note under the part heading, as printed') })], {
        error: 'each item is a minute (number, title, agendaItem, resolved …), a note, or a part heading (part: …)',
      }),
    )
    .min(1)
    .describe('The minutes in order: each a minute (number, title …), a note, or a part heading'),
  declarations: z.array(Declaration).default([]).describe('Declarations of interest: { member, interest, minute }, or the minutes’ own sentence { text, minute }'),
});

export type MinutesInput = z.infer<typeof Minutes>;
