// An agenda pack: an agenda and its papers, in order, each a content file beside this one.
import { z } from 'zod';
import { Text } from '../common/schema.ts';
import { CommitteeBase } from '../common/committee.ts';

const File = Text.regex(/^[^/\\]+\.(ya?ml|json)$/i, { error: 'must be the name of a content file beside this one' });

export const AgendaPack = z.strictObject({
  kind: z.literal('agenda-pack').describe('What kind of document this is: "agenda-pack" for an agenda and its papers in one'),
  ...CommitteeBase,
  agenda: File.meta({ description: 'The file name of the agenda, a content file in the same folder', examples: ['asch-cc-2016-10-11-agenda.yaml'] }),
  papers: z
    .array(File)
    .min(1)
    .meta({ description: 'The file names of the papers, in the order they follow the agenda; each a content file in the same folder', examples: [['b1-integrated-domestic-abuse-services.yaml']] }),
});

export type AgendaPackInput = z.infer<typeof AgendaPack>;
