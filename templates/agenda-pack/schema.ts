// An agenda pack: an agenda and its papers, in order, each a content file beside this one.
import { z } from 'zod';
import { Text } from '../common/schema.ts';
import { CommitteeBase } from '../common/committee.ts';

const File = Text.regex(/^[^/\\]+\.(ya?ml|json)$/i, { error: 'must be the name of a content file beside this one' });

export const AgendaPack = z.strictObject({
  kind: z.literal('agenda-pack'),
  ...CommitteeBase,
  agenda: File,
  papers: z.array(File).min(1),
});

export type AgendaPackInput = z.infer<typeof AgendaPack>;
