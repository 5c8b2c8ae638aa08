// The re-render state machine's first step: the plan (src/rerender/plan.ts) of every current
// publication, written as two JSON arrays (papers, then packs) to the reports bucket, where each
// stage's Distributed Map reads its items (an S3 JSON item reader).
import { planRerender } from '../../src/rerender/plan.ts';
import type { Storage } from '../../src/pipeline/storage.ts';
import { s3Storage } from '../../src/storage/s3.ts';

let storage: Storage | undefined;

export function makePlanHandler(store: () => Storage, env: NodeJS.ProcessEnv = process.env) {
  return async (event: { execution: string }) => {
    const { OUTPUT_BUCKET: output, REPORT_BUCKET: reports } = env;
    if (!output || !reports) throw new Error('OUTPUT_BUCKET and REPORT_BUCKET must be set');
    const plan = await planRerender(store(), output);
    // One folder per execution: an execution's items never mix with another's.
    const prefix = `plans/${event.execution.replace(/[^A-Za-z0-9_-]/g, '_')}/`;
    const put = (name: string, body: unknown) => store().put(reports, prefix + name, JSON.stringify(body), 'application/json');
    await Promise.all([put('papers.json', plan.papers), put('packs.json', plan.packs)]);
    console.log(JSON.stringify({ papers: plan.papers.length, packs: plan.packs.length, skipped: plan.skipped.length }));
    return { papersKey: `${prefix}papers.json`, packsKey: `${prefix}packs.json`, papers: plan.papers.length, packs: plan.packs.length, skipped: plan.skipped };
  };
}

export const handler = makePlanHandler(() => (storage ??= s3Storage()));
