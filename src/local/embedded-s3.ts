// The embedded local S3 (s3rver, in process) wired to the real render handler, so a laptop
// runs the same code as AWS: uploads under incoming/ trigger the handler, as S3 events would.
import S3rver from 's3rver';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeHandler } from '../../lambdas/render/handler.ts';
import { CONTENT_FILE, INCOMING, type UploadOutcome } from '../pipeline/upload.ts';
import { localS3Config, s3Storage } from '../storage/s3.ts';
import type { Storage } from '../pipeline/upload.ts';
import { RenderPool } from '../pipeline/isolate.ts';
import { codeFingerprint } from '../pipeline/fingerprint.ts';
import { honourConditionalWrites } from './conditional-writes.ts';
import { serveDirectoryIndexes } from './directory-index.ts';

const ROOT = join(import.meta.dirname, '..', '..');

export const INPUT_BUCKET = 'docgen-input';
export const OUTPUT_BUCKET = 'docgen-output';

export interface EmbeddedS3 {
  endpoint: string;
  storage: Storage;
  /** Resolves when every triggered render has finished. */
  idle(): Promise<void>;
  outcomes: UploadOutcome[];
  close(): Promise<void>;
}

export async function startEmbeddedS3(opts: { port?: number; directory?: string; onOutcome?: (key: string, o: UploadOutcome) => void; pool?: RenderPool } = {}): Promise<EmbeddedS3> {
  const server = new S3rver({
    port: opts.port ?? 0,
    address: '127.0.0.1',
    silent: true,
    directory: opts.directory ?? mkdtempSync(join(tmpdir(), 's3rver-')),
    configureBuckets: [{ name: INPUT_BUCKET }, { name: OUTPUT_BUCKET }],
  });
  honourConditionalWrites(server);
  serveDirectoryIndexes(server, OUTPUT_BUCKET); // published/<id>/ and published/ as CloudFront serves them
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const storage = s3Storage(localS3Config(endpoint));
  const pool = opts.pool ?? new RenderPool();
  const handler = makeHandler(() => storage, { INPUT_BUCKET, OUTPUT_BUCKET, TEMPLATE_VERSION: 'local', DOCGEN_FINGERPRINT: codeFingerprint(ROOT) }, pool);
  const pending = new Set<Promise<unknown>>();
  const outcomes: UploadOutcome[] = [];
  server.on('event', (event) => {
    for (const r of event.Records) {
      const key = r.s3.object.key;
      // s3rver neither filters nor URL-encodes as S3 does: apply the stack's filters and encode.
      if (r.s3.bucket.name !== INPUT_BUCKET || !r.eventName.startsWith('ObjectCreated') || !key.startsWith(INCOMING) || !CONTENT_FILE.test(key)) continue;
      const encoded = encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');
      const p = handler({ Records: [{ eventName: r.eventName, eventTime: r.eventTime, s3: { bucket: { name: INPUT_BUCKET }, object: { key: encoded, sequencer: r.s3.object.sequencer } } }] })
        .then((os) => {
          outcomes.push(...os);
          for (const o of os) opts.onOutcome?.(key, o);
        })
        .catch((e) => console.error(`render of ${key} failed:`, e))
        .finally(() => pending.delete(p));
      pending.add(p);
    }
  });
  return {
    endpoint,
    storage,
    outcomes,
    async idle() {
      // Events are emitted after the upload completes; give them a moment to arrive.
      await new Promise((r) => setTimeout(r, 50));
      while (pending.size) await Promise.all([...pending]);
    },
    close: async () => {
      await pool.close();
      await server.close();
    },
  };
}
