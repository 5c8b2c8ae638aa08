// The re-render state machine's item: one planned publication through the upload pipeline again
// (src/rerender/engine.ts), with the same fingerprint and template version as the render function,
// so the versions it computes are the ones uploads make. Returns a small result for the report;
// throws only when storage fails, so that Step Functions retries and, after that, records the item
// as failed with the error.
import { isMainThread } from 'node:worker_threads';
import { RenderPool } from '../../src/pipeline/isolate.ts';
import type { Storage } from '../../src/pipeline/storage.ts';
import { rerenderOne } from '../../src/rerender/engine.ts';
import type { RerenderItem } from '../../src/rerender/plan.ts';
import { s3Storage } from '../../src/storage/s3.ts';

let storage: Storage | undefined;

export function makeItemHandler(store: () => Storage, env: NodeJS.ProcessEnv = process.env, pool = new RenderPool()) {
  const log = (line: Record<string, unknown>) => console.log(JSON.stringify(line));
  return async (item: RerenderItem) => {
    const { INPUT_BUCKET: inputBucket, OUTPUT_BUCKET: outputBucket } = env;
    if (!inputBucket || !outputBucket) throw new Error('INPUT_BUCKET and OUTPUT_BUCKET must be set');
    const result = await rerenderOne(store(), { inputBucket, outputBucket, templateVersion: env.TEMPLATE_VERSION, fingerprint: env.DOCGEN_FINGERPRINT ?? 'unfingerprinted', pool, log }, item);
    log({ id: result.id, status: result.status, ms: result.ms, ...(result.reason ? { reason: result.reason } : {}) });
    return result;
  };
}

const pool = new RenderPool();
// The bundle is also the render worker: only the main thread starts one (as lambdas/render/handler.ts).
if (isMainThread && process.env.AWS_LAMBDA_FUNCTION_NAME) pool.warm();
export const handler = makeItemHandler(() => (storage ??= s3Storage()), process.env, pool);
