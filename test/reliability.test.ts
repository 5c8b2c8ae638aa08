// The reliability contract (docs/reliability.md) on the embedded S3: every upload ends in a
// complete publication or a located report; latest.json names the newest upload whatever order
// renders finish in; a render that must be stopped is stopped and reported.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { INPUT_BUCKET, OUTPUT_BUCKET } from '../src/local/embedded-s3.ts';
import { minimal, pixel, useEmbeddedS3 } from './support/embedded.ts';
import { makeHandler } from '../lambdas/render/handler.ts';
import { RenderPool } from '../src/pipeline/isolate.ts';
import { processUpload, type UploadOutcome } from '../src/pipeline/upload.ts';
import { advanceLatest, compareUploads } from '../src/pipeline/latest.ts';
import { localS3Config } from '../src/storage/s3.ts';

const run = promisify(execFile);
const embedded = useEmbeddedS3();
const { text } = embedded;
const latestOf = async (id: string) => JSON.parse((await text(OUTPUT_BUCKET, `published/${id}/latest.json`)) ?? 'null');
const withId = (id: string, extra = '') => minimal.replace('id: minimal-account', `id: ${id}`) + extra;
const event = (key: string, extra: Record<string, unknown> = {}) => ({
  Records: [{ eventName: 'ObjectCreated:Put', eventTime: new Date().toISOString(), s3: { bucket: { name: INPUT_BUCKET }, object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), ...extra } } }],
});
const cfg = () => ({ INPUT_BUCKET, OUTPUT_BUCKET, TEMPLATE_VERSION: 'test', DOCGEN_FINGERPRINT: 'test' });

describe('every upload ends in a publication or a report', () => {
  it('a refused upload gets a report with every located problem, and nothing is published', async () => {
    const before = await embedded.s3().storage.list(OUTPUT_BUCKET, '');
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/bad/kind.yaml', readFileSync('test/fixtures/invalid/kind-proto.yaml'), 'application/yaml');
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/bad/latin1.yaml', readFileSync('test/fixtures/invalid/encoding-latin1.yaml'), 'application/yaml');
    await embedded.s3().idle();
    const kind = JSON.parse((await text(INPUT_BUCKET, 'reports/incoming/bad/kind.yaml.json'))!);
    expect(kind.problems).toEqual([expect.objectContaining({ line: 1, col: 7, path: 'kind', message: expect.stringMatching(/^unknown kind "__proto__"/) })]);
    const latin1 = JSON.parse((await text(INPUT_BUCKET, 'reports/incoming/bad/latin1.yaml.json'))!);
    expect(latin1.problems[0]).toMatchObject({ line: 3, col: 11, message: expect.stringMatching(/not saved as UTF-8/) });
    expect(await embedded.s3().storage.list(OUTPUT_BUCKET, '')).toEqual(before);
  });

  it('a render that fails unexpectedly still ends in a report, with a reference and no stack trace', async () => {
    const logged: string[] = [];
    const crashing = { render: async () => ({ ok: false as const, failure: 'crash' as const, detail: 'TypeError: boom\n    at layout (layout.ts:1:1)' }) } as unknown as RenderPool;
    const original = console.log;
    console.log = (s: string) => logged.push(s);
    try {
      await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/crash/pixel.png', pixel, 'image/png');
      await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/crash/doc.yaml', withId('crash-doc'), 'application/yaml');
      await embedded.s3().idle();
      const outcomes = await makeHandler(() => embedded.s3().storage, { ...cfg(), DOCGEN_FINGERPRINT: 'other' }, crashing)(event('incoming/crash/doc.yaml'));
      expect(outcomes[0].status).toBe('invalid');
    } finally {
      console.log = original;
    }
    const report = (await text(INPUT_BUCKET, 'reports/incoming/crash/doc.yaml.json'))!;
    const reference = /reference ([0-9a-f]{12})/.exec(report)?.[1];
    expect(reference).toBeDefined();
    expect(report).toMatch(/a fault in the service, not in your content/);
    expect(report).not.toMatch(/TypeError|\n\s+at /);
    expect(logged.join('\n')).toMatch(new RegExp(`"reference":"${reference}".*TypeError: boom`));
  });

  it('a render past its time budget is stopped and reported', async () => {
    const pool = new RenderPool({ budgetMs: 300 });
    const outcome = await processUpload(embedded.s3().storage, { inputBucket: INPUT_BUCKET, outputBucket: OUTPUT_BUCKET, fingerprint: 'slow', pool }, await uploadLong('incoming/slow/doc.yaml', 'slow-doc'));
    await pool.close();
    expect(outcome.status).toBe('invalid');
    expect((outcome as Extract<UploadOutcome, { status: 'invalid' }>).problems[0].message).toMatch(/took longer than the 100 seconds|stopped/);
  });

  it('a render past its memory budget is stopped and reported', async () => {
    const pool = new RenderPool({ heapMb: 24 });
    const outcome = await processUpload(embedded.s3().storage, { inputBucket: INPUT_BUCKET, outputBucket: OUTPUT_BUCKET, fingerprint: 'big', pool }, await uploadLong('incoming/big/doc.yaml', 'big-doc'));
    await pool.close();
    expect(outcome.status).toBe('invalid');
    expect((outcome as Extract<UploadOutcome, { status: 'invalid' }>).problems[0].message).toMatch(/needed more than the \d+ MB of memory/);
  });

  it('a malformed %-encoding in an event key and a deletion change nothing and do not throw', async () => {
    const handler = makeHandler(() => embedded.s3().storage, cfg(), new RenderPool());
    expect(await handler({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: INPUT_BUCKET }, object: { key: 'incoming/%E0%A4%A.yaml' } } }] })).toEqual([
      { status: 'ignored', reason: 'the event key is not validly URL-encoded' },
    ]);
    expect((await handler(event('incoming/../reports/x.yaml')))[0].status).toBe('ignored'); // a ".." segment names another folder
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/del/pixel.png', pixel, 'image/png');
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/del/doc.yaml', withId('deleted-doc'), 'application/yaml');
    await embedded.s3().idle();
    const published = await latestOf('deleted-doc');
    await embedded.s3().storage.delete(INPUT_BUCKET, 'incoming/del/doc.yaml');
    const removed = await handler({ Records: [{ eventName: 'ObjectRemoved:Delete', s3: { bucket: { name: INPUT_BUCKET }, object: { key: 'incoming/del/doc.yaml' } } }] });
    expect(removed[0].status).toBe('ignored');
    expect(await latestOf('deleted-doc')).toEqual(published); // the publication stays live
  });

  it('accepts content files whose extension is in capitals, as the stack does', async () => {
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/caps/pixel.png', pixel, 'image/png');
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/caps/REPORT.YAML', withId('capital-extension'), 'application/yaml');
    await embedded.s3().idle();
    expect((await latestOf('capital-extension')).id).toBe('capital-extension');
  });
});

describe('latest.json names the newest upload', () => {
  it('the storage compare-and-swap writes only over the ETag it read', async () => {
    const key = 'published/cas-test/latest.json';
    expect(await embedded.s3().storage.putIfMatch(OUTPUT_BUCKET, key, '1', 'application/json', null)).toBe(true);
    expect(await embedded.s3().storage.putIfMatch(OUTPUT_BUCKET, key, '2', 'application/json', null)).toBe(false);
    const first = (await embedded.s3().storage.getTagged(OUTPUT_BUCKET, key))!;
    expect(await embedded.s3().storage.putIfMatch(OUTPUT_BUCKET, key, '3', 'application/json', first.etag)).toBe(true);
    expect(await embedded.s3().storage.putIfMatch(OUTPUT_BUCKET, key, '4', 'application/json', first.etag)).toBe(false);
    expect(await text(OUTPUT_BUCKET, key)).toBe('3');
  });

  it('orders uploads of one key by sequencer, and of different keys by time', () => {
    const t = '2026-12-01T10:00:00.000Z';
    expect(compareUploads({ key: 'a', time: t, sequencer: '0055AED6DCD90281E6' }, { key: 'a', time: t, sequencer: '0055AED6DCD90281E5' })).toBeGreaterThan(0);
    expect(compareUploads({ key: 'a', time: t, sequencer: '0055AED6DCD90281E5' }, { key: 'a', time: t, sequencer: '0055AED6DCD90281E50' })).toBe(0);
    expect(compareUploads({ key: 'a', time: '2026-12-01T10:00:00.001Z' }, { key: 'b', time: t })).toBeGreaterThan(0);
  });

  it('an older upload never replaces a newer one, even when both renders race', async () => {
    const entry = (version: string, time: string) => ({ id: 'race', version, manifest: '', index: '', source: { key: 'incoming/race.yaml', time } });
    const results = await Promise.all([
      advanceLatest(embedded.s3().storage, OUTPUT_BUCKET, entry('old', '2026-12-01T10:00:00.000Z')),
      advanceLatest(embedded.s3().storage, OUTPUT_BUCKET, entry('new', '2026-12-01T10:00:01.000Z')),
      advanceLatest(embedded.s3().storage, OUTPUT_BUCKET, entry('older', '2026-12-01T09:00:00.000Z')),
    ]);
    expect(results[1]).toBe(true);
    expect((await latestOf('race')).version).toBe('new');
  });

  it('separate processes: a slow older render finishing last and a redelivered old event leave the newer upload current', async () => {
    // The older upload is long (slow to render), the newer short; both publish the same id.
    const long = longDocument('ordering');
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/order/old/pixel.png', pixel, 'image/png');
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/order/new/pixel.png', pixel, 'image/png');
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/order/old/doc.yaml', long, 'application/yaml');
    const older = event('incoming/order/old/doc.yaml');
    await new Promise((r) => setTimeout(r, 20));
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/order/new/doc.yaml', withId('ordering'), 'application/yaml');
    const newer = event('incoming/order/new/doc.yaml');
    await embedded.s3().idle(); // the embedded runner's own renders of both, in this process
    const env = { ...process.env, ...cfg(), DOCGEN_S3_ENDPOINT: embedded.s3().endpoint };
    // The handler logs one JSON line per upload; the script's result is the last line.
    const invoke = async (e: unknown) => JSON.parse((await run('npx', ['tsx', 'test/support/handler-process.ts', JSON.stringify(e)], { env, maxBuffer: 1 << 24 })).stdout.trim().split('\n').pop()!);
    // Fresh fingerprint: both renders really run again, in two processes at once.
    env.DOCGEN_FINGERPRINT = 'processes';
    const [a, b] = await Promise.all([invoke(older), invoke(newer)]);
    expect(a.outcomes[0].status).toBe('published');
    expect(b.outcomes[0].status).toBe('published');
    expect(a.finished, 'the older render finished last').toBeGreaterThan(b.finished);
    expect(a.outcomes[0].current).toBe(false);
    expect((await latestOf('ordering')).version).toBe(b.outcomes[0].version);
    // S3 delivers the older event again.
    const again = await invoke(older);
    expect(again.outcomes[0]).toMatchObject({ status: 'unchanged', current: false });
    expect((await latestOf('ordering')).version).toBe(b.outcomes[0].version);
  }, 120_000);
});

describe('the version covers every input', () => {
  it('a changed picture gives a new version; the manifest lists the inputs and the fingerprint beside the commit', async () => {
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/pic/pixel.png', pixel, 'image/png');
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/pic/doc.yaml', withId('picture-version'), 'application/yaml');
    await embedded.s3().idle();
    const first = await latestOf('picture-version');
    const manifest = JSON.parse((await text(OUTPUT_BUCKET, first.manifest))!);
    expect(manifest.generator).toMatchObject({ template: 'local', fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(manifest.inputs).toEqual([{ name: 'pixel.png', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    const { PNG } = await import('pngjs');
    const red = new PNG({ width: 2, height: 2 });
    red.data.fill(200);
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/pic/pixel.png', PNG.sync.write(red), 'image/png');
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/pic/doc.yaml', withId('picture-version'), 'application/yaml'); // the same bytes again
    await embedded.s3().idle();
    expect((await latestOf('picture-version')).version).not.toBe(first.version);
  });

  it('a corrected paper republishes the agenda pack that names it', async () => {
    const dir = 'content/committee-2016-10-11/';
    const files = (await import('node:fs')).readdirSync(dir).sort((a, b) => Number(a.endsWith('-pack.yaml')) - Number(b.endsWith('-pack.yaml')));
    for (const f of files) {
      await embedded.s3().storage.put(INPUT_BUCKET, `incoming/committee/${f}`, readFileSync(dir + f), 'application/yaml');
      await embedded.s3().idle();
    }
    const packId = /^id: (.+)$/m.exec(readFileSync(dir + files.find((f) => f.endsWith('-pack.yaml'))!, 'utf8'))![1];
    const before = await latestOf(packId);
    expect(before).toBeDefined();
    const paper = files.find((f) => f.startsWith('c1-'))!;
    await embedded.s3().storage.put(INPUT_BUCKET, `incoming/committee/${paper}`, readFileSync(dir + paper, 'utf8').replace('Substance Misuse', 'Substance Misuse Services'), 'application/yaml');
    await embedded.s3().idle();
    const after = await latestOf(packId);
    expect(after.version).not.toBe(before.version);
    const manifest = JSON.parse((await text(OUTPUT_BUCKET, after.manifest))!);
    expect(manifest.inputs.map((i: { name: string }) => i.name)).toContain(paper);
  }, 180_000);
});

describe('caching and clean-up', () => {
  it("latest.json may be cached for a minute; a version's files are immutable", async () => {
    const client = new S3Client(localS3Config(embedded.s3().endpoint));
    const latest = await client.send(new GetObjectCommand({ Bucket: OUTPUT_BUCKET, Key: 'published/picture-version/latest.json' }));
    expect(latest.CacheControl).toBe('public, max-age=60, must-revalidate');
    const { manifest } = await latestOf('picture-version');
    for (const key of [manifest, manifest.replace('manifest.json', 'index.html')]) {
      expect((await client.send(new GetObjectCommand({ Bucket: OUTPUT_BUCKET, Key: key }))).CacheControl).toBe('public, max-age=31536000, immutable');
    }
  });

  it('a version folder left without a manifest is removed by the next publish of that id, once it is stale', async () => {
    await embedded.s3().storage.put(OUTPUT_BUCKET, 'published/cleanup-doc/0000000000000000/cleanup-doc.pdf', 'half-written', 'application/pdf');
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/clean/pixel.png', pixel, 'image/png');
    await embedded.s3().storage.put(INPUT_BUCKET, 'incoming/clean/doc.yaml', withId('cleanup-doc'), 'application/yaml');
    await embedded.s3().idle();
    // Not stale yet: a render could still be writing it.
    expect(await embedded.s3().storage.list(OUTPUT_BUCKET, 'published/cleanup-doc/0000000000000000/')).toHaveLength(1);
    const pool = new RenderPool();
    const later = () => new Date(Date.now() + 60 * 60 * 1000);
    const outcome = await processUpload(embedded.s3().storage, { inputBucket: INPUT_BUCKET, outputBucket: OUTPUT_BUCKET, fingerprint: 'cleanup', pool, now: later }, 'incoming/clean/doc.yaml');
    await pool.close();
    expect(outcome.status).toBe('published');
    expect(await embedded.s3().storage.list(OUTPUT_BUCKET, 'published/cleanup-doc/0000000000000000/')).toEqual([]);
    expect((await latestOf('cleanup-doc')).version).toBe((outcome as { version: string }).version);
  });
});

/** A long publication, slow to lay out, with no pictures. */
function longDocument(id: string) {
  return withId(id, Array.from({ length: 40 }, (_, i) => `  - id: s${i}\n    title: Section ${i}\n    blocks:\n${'      - text: A paragraph of a long and slow publication, written out many times over.\n'.repeat(30)}`).join(''));
}

async function uploadLong(key: string, id: string) {
  await embedded.s3().storage.put(INPUT_BUCKET, key.replace(/[^/]+$/, 'pixel.png'), pixel, 'image/png');
  await embedded.s3().storage.put(INPUT_BUCKET, key, longDocument(id), 'application/yaml');
  await embedded.s3().idle();
  return { key };
}
