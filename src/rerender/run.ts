// The orchestration the state machine performs on AWS, in one process: the plan's stages in order
// (papers, then packs), each stage's publications at most `concurrency` at once, a failure of one
// publication recorded and the others carried on with. What renders each publication is injected
// (the engine with a RenderPool locally, a stand-in in the bench), so the same loop is measured
// and tested. On AWS the same decisions are Step Functions' (lib/rerender.ts): a Distributed Map
// per stage with MaxConcurrency.
import type { RerenderResult } from './engine.ts';
import { failedRerender } from './report.ts';
import { mapLimited, STAGES, type RerenderItem, type RerenderPlan } from './plan.ts';

export type RenderOne = (item: RerenderItem) => Promise<RerenderResult>;

export async function runPlan(plan: RerenderPlan, renderOne: RenderOne, opts: { concurrency: number; clock?: () => number }): Promise<RerenderResult[]> {
  if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) throw new Error(`concurrency must be a whole number of at least 1, not ${opts.concurrency}`);
  const clock = opts.clock ?? (() => Date.now());
  const results: RerenderResult[] = [];
  for (const stage of STAGES) {
    results.push(
      ...(await mapLimited(plan[stage], opts.concurrency, async (item) => {
        const startedAt = clock();
        try {
          return await renderOne(item);
        } catch (e) {
          // Storage failing: on AWS the item's task is retried and then recorded as failed; here, recorded.
          const finishedAt = clock();
          return failedRerender({ ...item, key: item.source.key }, stage, e instanceof Error ? e.message : String(e), { ms: finishedAt - startedAt, startedAt, finishedAt });
        }
      })),
    );
  }
  return results;
}
