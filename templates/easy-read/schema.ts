// Easy Read: rows of one idea each (a picture with alt text, and short text), a word list and a
// contact page. The language checks (src/checks/easy-read.ts) run on top of this schema.
import { z } from 'zod';
import { Alt, Markdown, PublishedDate, Text } from '../common/schema.ts';
import { CommitteeBase } from '../common/committee.ts';

export const PictureInput = z
  .strictObject({
    symbol: Text.optional().describe('A symbol from assets/symbols, e.g. "home"'),
    // The writer's own drawing may be SVG: it is cleaned before use (src/pictures/svg.ts).
    file: Text.regex(/^[^/\\]+\.(png|jpe?g|svg)$/i, { error: 'must be a .png, .jpg or .svg file name beside the content file' })
      .optional()
      .meta({ description: 'Your own picture instead of a symbol: a .png, .jpg or .svg file uploaded to the same folder as this file', examples: ['care-worker.svg'] }),
    alt: Alt,
  })
  .describe('A picture: a symbol or your own file, with alt text saying what it shows')
  .refine((p) => !!p.symbol !== !!p.file, { error: 'a picture is either a symbol or a file, not both or neither' });

/** A row's picture, or two of them (a person and a place), one above the other. */
const RowPictures = z.union([
  PictureInput,
  z.array(PictureInput).min(1, { error: 'a row needs a picture' }).max(2, { error: 'a row has one or two pictures; give the others rows of their own' }),
]).describe('The row’s picture, or a list of two (a person and a place), printed beside its text');

const { committee: _committee, ...base } = CommitteeBase;

export const EasyRead = z.strictObject({
  kind: z.literal('easy-read').describe('What kind of document this is: "easy-read" for an Easy Read document'),
  ...base,
  // An Easy Read version of an undated paper is undated too: the date is never invented.
  published: PublishedDate.optional(),
  subtitle: Text.optional().meta({ description: 'A short line under the title, in easy words', examples: ['What we want to do about short breaks'] }),
  helpNote: Text.optional().meta({ description: 'A note at the start about getting help to read it', examples: ['You may want someone to help you read this.'] }),
  sections: z
    .array(
      z.strictObject({
        title: Text.meta({ description: 'The section’s heading, in easy words', examples: ['What is this about?'] }),
        rows: z
          .array(
            z.strictObject({
              picture: RowPictures,
              text: Markdown.describe('The row’s text: one idea in short sentences (Markdown text)'),
            }),
          )
          .min(1)
          .describe('The section’s rows: each a picture and one idea in short sentences'),
      }),
    )
    .min(1)
    .describe('The document’s sections in order, each a title and its rows'),
  words: z
    .array(
      z.strictObject({
        word: Text.meta({ description: 'A hard word used in the document', examples: ['consultation'] }),
        meaning: Markdown.describe('What the word means, in easy words (Markdown text)'),
      }),
    )
    .default([])
    .describe('The word list: hard words and what they mean, printed at the end'),
  contact: z.strictObject({
    name: Text.meta({ description: 'Who to contact, as printed', examples: ['Kent County Council'] }),
    phone: Text.optional().meta({ description: 'A phone number as printed, in quotes', examples: ['03000 41 61 61'] }),
    textphone: Text.optional().meta({ description: 'A textphone number, in quotes', examples: ['08458 247 905'] }),
    textRelay: Text.optional().meta({ description: 'A number for people who use text relay', examples: ['18001 03000 41 61 61'] }),
    email: z.email().optional().meta({ description: 'An email address', examples: ['social.services@kent.gov.uk'] }),
    web: z.url({ protocol: /^https?$/ }).optional().meta({ description: 'A web address starting https://', examples: ['https://www.kent.gov.uk'] }),
    hours: Text.optional().meta({ description: 'When they can be reached', examples: ['Monday to Friday, 9am to 5pm'] }),
    address: Text.optional().meta({ description: 'A postal address on one line', examples: ['Sessions House, County Hall, Maidstone, ME14 1XQ'] }),
    // The contact page's picture, beside the ways to get in touch (a person on the phone).
    picture: PictureInput.optional(),
  }).describe('Who to contact about the document, printed on the last page'),
});

export type EasyReadInput = z.infer<typeof EasyRead>;
