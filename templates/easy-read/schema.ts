// Easy Read: rows of one idea each (a picture with alt text, and short text), a word list and a
// contact page. The language checks (src/checks/easy-read.ts) run on top of this schema.
import { z } from 'zod';
import { Alt, Markdown, Published, Text } from '../common/schema.ts';
import { CommitteeBase } from '../common/committee.ts';

export const PictureInput = z
  .strictObject({
    symbol: Text.optional().describe('A symbol from assets/symbols, e.g. "home"'),
    // The writer's own drawing may be SVG: it is cleaned before use (src/pictures/svg.ts).
    file: Text.regex(/^[^/\\]+\.(png|jpe?g|svg)$/i, { error: 'must be a .png, .jpg or .svg file name beside the content file' }).optional(),
    alt: Alt,
  })
  .refine((p) => !!p.symbol !== !!p.file, { error: 'a picture is either a symbol or a file, not both or neither' });

/** A row's picture, or two of them (a person and a place), one above the other. */
const RowPictures = z.union([
  PictureInput,
  z.array(PictureInput).min(1, { error: 'a row needs a picture' }).max(2, { error: 'a row has one or two pictures; give the others rows of their own' }),
]);

const { committee: _committee, ...base } = CommitteeBase;

export const EasyRead = z.strictObject({
  kind: z.literal('easy-read'),
  ...base,
  // An Easy Read version of an undated paper is undated too: the date is never invented.
  published: Published.optional(),
  subtitle: Text.optional(),
  helpNote: Text.optional(),
  sections: z.array(z.strictObject({ title: Text, rows: z.array(z.strictObject({ picture: RowPictures, text: Markdown })).min(1) })).min(1),
  words: z.array(z.strictObject({ word: Text, meaning: Markdown })).default([]),
  contact: z.strictObject({
    name: Text,
    phone: Text.optional(),
    textphone: Text.optional(),
    textRelay: Text.optional(),
    email: z.email().optional(),
    web: z.url({ protocol: /^https?$/ }).optional(),
    hours: Text.optional(),
    address: Text.optional(),
    // The contact page's picture, beside the ways to get in touch (a person on the phone).
    picture: PictureInput.optional(),
  }),
});

export type EasyReadInput = z.infer<typeof EasyRead>;
