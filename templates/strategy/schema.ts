// A strategy: the same building blocks as the Local Account, with a period and its Easy Read version.
import { z } from 'zod';
import { Id } from '../common/schema.ts';
import { LocalAccount } from '../local-account/schema.ts';

export const Strategy = LocalAccount.omit({ kind: true }).extend({
  kind: z.literal('strategy'),
  easyRead: Id.optional().describe('Id of the Easy Read version'),
}).strict();

export type StrategyInput = z.infer<typeof Strategy>;
