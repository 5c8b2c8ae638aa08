// One embedded S3 (s3rver with the real handler) per test file, started before its tests and
// closed after them, with the fixtures the pipeline tests upload.
import { afterAll, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { startEmbeddedS3, type EmbeddedS3 } from '../../src/local/embedded-s3.ts';

export const minimal = readFileSync('test/fixtures/valid/minimal.yaml', 'utf8');
export const pixel = readFileSync('test/fixtures/valid/pixel.png');

export function useEmbeddedS3() {
  const box: { s3?: EmbeddedS3 } = {};
  beforeAll(async () => {
    box.s3 = await startEmbeddedS3();
  });
  afterAll(async () => {
    await box.s3?.close();
  });
  const s3 = () => box.s3!;
  /** An object's text, or undefined if it does not exist. */
  const text = async (bucket: string, key: string) => {
    const b = await s3().storage.get(bucket, key);
    return b ? Buffer.from(b).toString('utf8') : undefined;
  };
  return { s3, text };
}
