// A strategy: the same building blocks as the Local Account, with a period and its Easy Read version.
import { z } from 'zod';
import { Id } from '../common/schema.ts';
import { LocalAccount } from '../local-account/schema.ts';

export const Strategy = LocalAccount.omit({ kind: true }).extend({
  kind: z.literal('strategy').describe('What kind of document this is: "strategy" for a strategy'),
  easyRead: Id.optional().meta({ description: 'The id of the Easy Read version of this strategy', examples: ['your-life-your-wellbeing-easy-read'] }),
}).strict();

export type StrategyInput = z.infer<typeof Strategy>;
