// The render function: an S3 object-created event in, the upload pipeline called, S3 out.
import type { S3Event } from './s3-event.ts';
import { decodeEventKey, processUpload, type Storage, type UploadOutcome } from '../../src/pipeline/upload.ts';
import { localS3Config, s3Storage } from '../../src/storage/s3.ts';

let storage: Storage | undefined;

export function makeHandler(store: () => Storage, env: NodeJS.ProcessEnv = process.env) {
  return async (event: S3Event): Promise<UploadOutcome[]> => {
    const inputBucket = env.INPUT_BUCKET;
    const outputBucket = env.OUTPUT_BUCKET;
    if (!inputBucket || !outputBucket) throw new Error('INPUT_BUCKET and OUTPUT_BUCKET must be set');
    const outcomes: UploadOutcome[] = [];
    for (const record of event.Records ?? []) {
      if (record.s3.bucket.name !== inputBucket) continue;
      const key = decodeEventKey(record.s3.object.key);
      const outcome = await processUpload(store(), { inputBucket, outputBucket, templateVersion: env.TEMPLATE_VERSION }, key);
      // One structured log line per upload; content problems are outcomes, not errors.
      console.log(JSON.stringify({ key, ...summary(outcome) }));
      outcomes.push(outcome);
    }
    return outcomes;
  };
}

function summary(o: UploadOutcome): Record<string, unknown> {
  switch (o.status) {
    case 'published':
      return { status: o.status, id: o.id, version: o.version, outputs: o.manifest.outputs.length };
    case 'invalid':
      return { status: o.status, report: o.report, problems: o.problems.length };
    default:
      return { ...o };
  }
}

// DOCGEN_S3_ENDPOINT points the bundle at a local S3 (s3rver) for offline smoke tests and the bench.
const local = process.env.DOCGEN_S3_ENDPOINT;
export const handler = makeHandler(() => (storage ??= s3Storage(local ? localS3Config(local) : {})));
