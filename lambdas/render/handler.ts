// The render function: an S3 event in, the upload pipeline called, S3 out. Content problems and
// renders that had to be stopped end in a report (outcomes, not errors); only infrastructure
// failures (S3 unreachable) throw, so that Lambda retries them and the dead-letter queue holds
// nothing else. Deleting an upload changes nothing (docs/reliability.md, "Deleting an upload").
import { isMainThread } from 'node:worker_threads';
import type { S3Event } from './s3-event.ts';
import { decodeEventKey, processUploadAndDependents, type Storage, type UploadOutcome } from '../../src/pipeline/upload.ts';
import { RenderPool } from '../../src/pipeline/isolate.ts';
import { localS3Config, s3Storage } from '../../src/storage/s3.ts';

let storage: Storage | undefined;

export function makeHandler(store: () => Storage, env: NodeJS.ProcessEnv = process.env, pool = new RenderPool()) {
  const log = (line: Record<string, unknown>) => console.log(JSON.stringify(line));
  return async (event: S3Event): Promise<UploadOutcome[]> => {
    const inputBucket = env.INPUT_BUCKET;
    const outputBucket = env.OUTPUT_BUCKET;
    if (!inputBucket || !outputBucket) throw new Error('INPUT_BUCKET and OUTPUT_BUCKET must be set');
    const cfg = { inputBucket, outputBucket, templateVersion: env.TEMPLATE_VERSION, fingerprint: env.DOCGEN_FINGERPRINT ?? 'unfingerprinted', pool, log };
    const outcomes: UploadOutcome[] = [];
    for (const record of event.Records ?? []) {
      if (record.s3.bucket.name !== inputBucket) continue;
      if (record.eventName && !record.eventName.startsWith('ObjectCreated')) {
        outcomes.push({ status: 'ignored', reason: `${record.eventName}: deleting an upload does not change its publication` });
        continue;
      }
      const key = decodeEventKey(record.s3.object.key);
      if (key === undefined) {
        // S3 never sends this; a forged or damaged event has no upload to report on.
        log({ level: 'warn', status: 'ignored', reason: 'the event key is not validly URL-encoded', key: record.s3.object.key.slice(0, 200) });
        outcomes.push({ status: 'ignored', reason: 'the event key is not validly URL-encoded' });
        continue;
      }
      const { versionId, sequencer } = record.s3.object;
      for (const r of await processUploadAndDependents(store(), cfg, { key, versionId, sequencer, time: record.eventTime })) {
        // One structured log line per upload.
        log({ key: r.key, ...summary(r.outcome) });
        outcomes.push(r.outcome);
      }
    }
    return outcomes;
  };
}

function summary(o: UploadOutcome): Record<string, unknown> {
  switch (o.status) {
    case 'published':
      return { status: o.status, id: o.id, version: o.version, current: o.current, outputs: o.manifest.outputs.length };
    case 'invalid':
      return { status: o.status, report: o.report, problems: o.problems.length };
    default:
      return { ...o };
  }
}

// DOCGEN_S3_ENDPOINT points the bundle at a local S3 (s3rver) for offline tests and the bench.
const local = process.env.DOCGEN_S3_ENDPOINT;
const pool = new RenderPool();
// The worker loads the renderer while Lambda's init phase reads the event (not in the worker itself,
// which runs this same bundle).
if (isMainThread && process.env.AWS_LAMBDA_FUNCTION_NAME) pool.warm();
export const handler = makeHandler(() => (storage ??= s3Storage(local ? localS3Config(local) : {})), process.env, pool);
