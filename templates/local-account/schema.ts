// The Local Account: a council's annual report to residents on adult social care.
import { z } from 'zod';
import { Id, PublicationBase, Section, Signatory, Text } from '../common/schema.ts';

export const LocalAccount = z.strictObject({
  kind: z.literal('local-account').describe('What kind of document this is: "local-account" for a Local Account'),
  ...PublicationBase,
  period: Text.optional().describe('The time reported on, e.g. "April 2016 to March 2017"; printed on the cover unless the title or subtitle says it'),
  alternativeFormats: Id.optional().describe('Id of this publication’s own contact for requests for another format; without it, the organisation profile’s'),
  signatories: z.array(Signatory).default([]).describe('The people who sign the foreword, each with name and role'),
  sections: z.array(Section).min(1, { error: 'a Local Account needs at least one section' }).describe('The document’s sections in order, each with an id, a title and its blocks'),
});

export type LocalAccountInput = z.infer<typeof LocalAccount>;
