// The Local Account: a council's annual report to residents on adult social care.
import { z } from 'zod';
import { Id, PublicationBase, Section, Signatory, Text } from '../common/schema.ts';

export const LocalAccount = z.strictObject({
  kind: z.literal('local-account'),
  ...PublicationBase,
  period: Text.describe('The year reported on, e.g. "April 2016 to March 2017"'),
  alternativeFormats: Id.describe('Contact id for requests for another format'),
  signatories: z.array(Signatory).default([]),
  sections: z.array(Section).min(1, { error: 'a Local Account needs at least one section' }),
});

export type LocalAccountInput = z.infer<typeof LocalAccount>;
