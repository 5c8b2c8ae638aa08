// The artifact that is deployed, run as Lambda runs it. The render function's bundle is taken from
// the cloud assembly of the real DocgenStack, synthesised with bundling on (so it is what
// `cdk deploy` uploads: the stack's esbuild options and afterBundling hook), and each content file in
// content/ is rendered by the bundle's exported handler in a fresh Node process, with the
// environment the template gives the function, against a local S3 (s3rver) in this process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import S3rver from 's3rver';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import YAML from 'yaml';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { DocgenStack } from '../lib/docgen-stack.ts';
import { buildRenderBundle } from '../lib/bundling.ts';
import { honourConditionalWrites } from '../src/local/conditional-writes.ts';
import { localS3Config } from '../src/storage/s3.ts';
import type { Manifest } from '../src/pipeline/publish.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CONTENT = join(ROOT, 'content');
const INVOKE = join(ROOT, 'test/support/invoke-bundle.mjs');
const RESULT_MARK = '@@handler-result ';
const INPUT_BUCKET = 'deployed-bundle-uploads';
const OUTPUT_BUCKET = 'deployed-bundle-published';
const TEMPLATE_VERSION = 'deployed-bundle-test';
/** Which files of content/ are content files: the handler's CONTENT_FILE (src/pipeline/upload.ts), kept
 * here so that this test loads none of the pipeline it is testing the bundle of. */
const CONTENT_FILE = /\.(ya?ml|json)$/i;
/** Kent's organisation profile, at the top of the uploads (docs/organisation-format.md). */
const PROFILE_KEY = 'incoming/organisation.yaml';

const walk = (d: string): string[] => readdirSync(d).sort().flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const posixRel = (from: string, to: string) => relative(from, to).split(sep).join('/');
/** An S3 event's key: URL-encoded per path segment, spaces as "+", as S3 sends it. */
const eventKey = (key: string) => key.split('/').map((s) => encodeURIComponent(s).replace(/%20/g, '+')).join('/');

interface Upload {
  file: string;
  key: string;
  size: number;
  eTag: string;
  sequencer: string;
  eventTime: string;
  content?: { id: string; kind: string; pack: boolean };
}
interface Invocation {
  upload: Upload;
  ms: number;
  result: { status: string; id?: string; version?: string }[];
  stdout: string;
  stderr: string;
}

let tmp: string;
let bundleDir: string;
let functionEnv: Record<string, string>;
let server: S3rver;
let s3: S3Client;
let uploads: Upload[] = [];
const invocations: Invocation[] = [];
const timings: Record<string, number> = {};

/** The render function's environment from the template: literal values, and the two bucket names. */
function templateEnvironment(fn: { Properties: { Environment: { Variables: Record<string, unknown> } } }): Record<string, string> {
  const vars = fn.Properties.Environment.Variables;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) {
    if (typeof v === 'string') env[k] = v;
    // Anything else is a CloudFormation reference, known only at deploy: only the buckets may be.
    else if (k !== 'INPUT_BUCKET' && k !== 'OUTPUT_BUCKET') throw new Error(`${k} in the function's environment is not a literal (${JSON.stringify(v)}); this test cannot reproduce it`);
  }
  for (const k of ['INPUT_BUCKET', 'OUTPUT_BUCKET', 'DOCGEN_ASSETS']) if (!(k in vars)) throw new Error(`the stack no longer sets ${k}; update this test's overrides`);
  return env;
}

/** Synthesises the stack with bundling on and returns the render function's asset folder and template resource. */
function synthesiseBundle(outdir: string) {
  // NodejsFunction falls back to Docker when it finds no local esbuild; this test must not.
  const esbuild = execFileSync(join(ROOT, 'node_modules/.bin/esbuild'), ['--version'], { encoding: 'utf8' }).trim();
  if (!/^0\./.test(esbuild)) throw new Error(`expected the project's esbuild 0.x, found ${esbuild}`);
  execFileSync('bash', ['-c', 'command -v cp'], { stdio: 'ignore' }); // the afterBundling hook runs in bash

  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': ['**'] } });
  const stack = new DocgenStack(app, 'DeployedBundle', { templateVersion: TEMPLATE_VERSION });
  const assembly = app.synth();
  type Fn = { Handler: string; MemorySize: number; Runtime: string; Code: { S3Key: string }; Environment: { Variables: Record<string, unknown> } };
  const template = assembly.getStackArtifact(stack.artifactId).template as { Resources: Record<string, { Type: string; Properties: Fn }> };
  const fns = Object.entries(template.Resources).filter(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith('Render'));
  if (fns.length !== 1) throw new Error(`expected one render function in the template, found ${fns.length}`);
  const [, fn] = fns[0];
  const objectKey: string = fn.Properties.Code.S3Key;
  const hash = objectKey.replace(/\.zip$/, '');
  const manifest = JSON.parse(readFileSync(join(assembly.directory, `${stack.artifactId}.assets.json`), 'utf8'));
  const asset = manifest.files[hash];
  if (!asset || asset.source.packaging !== 'zip') throw new Error(`no zip asset ${hash} in the assembly for the render function`);
  const dir = join(assembly.directory, asset.source.path);
  if (!existsSync(join(dir, 'index.mjs'))) throw new Error(`the render function's asset ${dir} has no index.mjs (was bundling skipped?)`);
  return { dir, fn };
}

function runHandler(upload: Upload): Promise<Invocation> {
  const event = {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'eu-west-2',
        eventTime: upload.eventTime,
        eventName: 'ObjectCreated:Put',
        s3: {
          s3SchemaVersion: '1.0',
          bucket: { name: INPUT_BUCKET, arn: `arn:aws:s3:::${INPUT_BUCKET}` },
          // No versionId: s3rver keeps no versions (the deployed bucket is versioned).
          object: { key: eventKey(upload.key), size: upload.size, eTag: upload.eTag, sequencer: upload.sequencer },
        },
      },
    ],
  };
  const env = {
    // What the Lambda runtime itself provides, then the function's environment from the template,
    // overridden only where this test must point it elsewhere.
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: tmp, // no developer ~/.aws config leaks in
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    AWS_REGION: 'eu-west-2',
    AWS_DEFAULT_REGION: 'eu-west-2',
    AWS_LAMBDA_FUNCTION_NAME: 'Render',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(functionMemory),
    LAMBDA_TASK_ROOT: bundleDir,
    ...functionEnv,
    INPUT_BUCKET,
    OUTPUT_BUCKET,
    DOCGEN_S3_ENDPOINT: endpoint,
    DOCGEN_ASSETS: join(bundleDir, 'assets'),
  };
  const t0 = performance.now();
  return new Promise((done, fail) => {
    execFile(process.execPath, [INVOKE, bundleDir, JSON.stringify(event)], { env, encoding: 'utf8', timeout: 110_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARK));
      if (err || !line) return fail(new Error(`the bundle's handler failed for ${upload.key}: ${err?.message ?? 'no result printed'}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
      done({ upload, ms: performance.now() - t0, result: JSON.parse(line.slice(RESULT_MARK.length)), stdout, stderr });
    });
  });
}

let endpoint: string;
let functionMemory: number;

beforeAll(async () => {
  const t0 = performance.now();
  tmp = mkdtempSync(join(tmpdir(), 'deployed-bundle-'));
  const { dir, fn } = synthesiseBundle(join(tmp, 'cdk.out'));
  bundleDir = dir;
  expect(fn.Properties.Handler).toBe('index.handler');
  functionMemory = fn.Properties.MemorySize;
  functionEnv = templateEnvironment(fn);
  // The bundle leaves the AWS SDK out (lib/bundling.ts EXTERNAL): Lambda's runtime provides it.
  // Here the project's copy stands in, and only it: node_modules beside the assembly holds
  // @aws-sdk alone, so any other package the bundle failed to include fails to load, as in Lambda.
  mkdirSync(join(tmp, 'node_modules'));
  symlinkSync(join(ROOT, 'node_modules/@aws-sdk'), join(tmp, 'node_modules/@aws-sdk'), 'dir');
  timings.synth = performance.now() - t0;

  // s3rver as src/local/embedded-s3.ts configures it (conditional writes honoured, as S3 does),
  // but without its in-process handler: the bundle, in other processes, handles the events.
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(tmp, 's3rver'), configureBuckets: [{ name: INPUT_BUCKET }, { name: OUTPUT_BUCKET }] });
  honourConditionalWrites(server);
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  s3 = new S3Client(localS3Config(endpoint));

  // Everything in content/ goes under incoming/: pictures (anything not a content file) first,
  // then the content files, agenda packs (kind: agenda-pack) last, as a pack names the papers
  // beside it. Each group is uploaded, then its content files' events are handled, one fresh Node
  // process per event as Lambda would run it: in parallel within a group, as S3 would deliver them.
  const files = walk(CONTENT).map((file) => {
    const key = `incoming/${posixRel(CONTENT, file)}`;
    // The organisation profile goes first with the pictures: every content file below it reads it.
    if (!CONTENT_FILE.test(key) || key === PROFILE_KEY) return { file, key, rank: 0 };
    const data = YAML.parse(readFileSync(file, 'utf8')) as { id?: unknown; kind?: unknown };
    if (typeof data?.id !== 'string' || typeof data?.kind !== 'string') throw new Error(`${file} has no id and kind`);
    const pack = data.kind === 'agenda-pack';
    return { file, key, rank: pack ? 2 : 1, content: { id: data.id, kind: data.kind, pack } };
  });
  files.sort((a, b) => a.rank - b.rank || a.key.localeCompare(b.key));
  let sequence = BigInt(Date.now()) << 16n;
  const parallel = Math.max(1, Math.min(4, availableParallelism() - 1));
  uploads = [];
  timings.upload = 0;
  timings.render = 0;
  for (const rank of [0, 1, 2]) {
    const t1 = performance.now();
    const group: Upload[] = [];
    for (const f of files.filter((x) => x.rank === rank)) {
      const body = readFileSync(f.file);
      const put = await s3.send(new PutObjectCommand({ Bucket: INPUT_BUCKET, Key: f.key, Body: body, ContentType: CONTENT_FILE.test(f.key) ? 'application/yaml' : undefined }));
      // S3's sequencer: a hexadecimal string that grows with each event for a key.
      group.push({ file: f.file, key: f.key, size: body.byteLength, eTag: (put.ETag ?? '').replace(/"/g, ''), sequencer: (sequence++).toString(16).toUpperCase().padStart(18, '0'), eventTime: new Date().toISOString(), content: f.content });
    }
    uploads.push(...group);
    const t2 = performance.now();
    timings.upload += t2 - t1;
    const queue = group.filter((u) => u.content);
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        for (let u = queue.shift(); u; u = queue.shift()) invocations.push(await runHandler(u));
      }),
    );
    timings.render += performance.now() - t2;
  }
}, 300_000);

afterAll(async () => {
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  const slowest = [...invocations].sort((a, b) => b.ms - a.ms)[0];
  console.log(
    `deployed bundle: synth+bundle ${(timings.synth / 1000).toFixed(1)} s, upload ${(timings.upload / 1000).toFixed(1)} s, ` +
      `${invocations.length} cold handler processes ${(timings.render / 1000).toFixed(1)} s (slowest ${slowest ? `${(slowest.ms / 1000).toFixed(1)} s, ${slowest.upload.key}` : '-'})`,
  );
});

const get = async (bucket: string, key: string) => Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray());
const list = async (bucket: string, prefix: string) => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!);

describe('the deployed render bundle', () => {
  it('carries the whole assets/ folder: fonts and symbols, with their licences', () => {
    const names = (d: string) => walk(d).map((f) => posixRel(d, f));
    expect(names(join(bundleDir, 'assets'))).toEqual(names(join(ROOT, 'assets')));
    expect(names(join(bundleDir, 'assets'))).toEqual(expect.arrayContaining(['fonts/OFL-AtkinsonHyperlegible.txt', 'symbols/LICENSE-tabler-icons.txt']));
    expect(readdirSync(bundleDir).sort()).toEqual(['assets', 'index.mjs', 'index.mjs.map']);
  });

  it('is what the bench builds from the same definition without CDK (lib/bundling.ts), byte for byte', async () => {
    const bench = join(tmp, 'bench-bundle');
    await buildRenderBundle(ROOT, bench);
    // The source map names the sources relative to the folder it was built in; the rest is identical.
    const digests = (d: string) => Object.fromEntries(walk(d).filter((f) => !f.endsWith('.map')).map((f) => [posixRel(d, f), createHash('sha256').update(readFileSync(f)).digest('hex')]));
    expect(digests(bench)).toEqual(digests(bundleDir));
    expect(existsSync(join(bench, 'index.mjs.map'))).toBe(true);
  });

  it('ran with the environment the stack gives the function', () => {
    expect(functionEnv.TEMPLATE_VERSION).toBe(TEMPLATE_VERSION);
    expect(functionEnv.DOCGEN_ASSETS).toBe('/var/task/assets');
    expect(functionEnv.DOCGEN_FINGERPRINT).toMatch(/^[0-9a-f]{16}$/);
    expect(invocations.length).toBe(uploads.filter((u) => u.content).length);
  });

  it('publishes every content file in content/, each with all its outputs stored at their byte sizes', async () => {
    const content = uploads.filter((u) => u.content);
    expect(content.length).toBeGreaterThan(0);
    for (const u of content) {
      const inv = invocations.find((i) => i.upload === u)!;
      const why = `${u.key}:\n${inv.stdout}\n${inv.stderr}`;
      // Its own outcome first (a paper's event may re-render the packs that name it after it).
      expect(inv.result[0], why).toMatchObject({ status: 'published', id: u.content!.id });
      for (const r of inv.result) expect(['published', 'unchanged'], why).toContain(r.status);
      const latest = JSON.parse((await get(OUTPUT_BUCKET, `published/${u.content!.id}/latest.json`)).toString('utf8'));
      expect(latest).toMatchObject({ id: u.content!.id, version: inv.result[0].version });
      const manifest: Manifest = JSON.parse((await get(OUTPUT_BUCKET, latest.manifest)).toString('utf8'));
      expect(manifest).toMatchObject({ id: u.content!.id, kind: u.content!.kind, source: { key: u.key, sha256: createHash('sha256').update(readFileSync(u.file)).digest('hex') } });
      // The stack's TEMPLATE_VERSION and DOCGEN_FINGERPRINT reached the render.
      expect(manifest.generator).toMatchObject({ template: TEMPLATE_VERSION, fingerprint: functionEnv.DOCGEN_FINGERPRINT });
      // Made with the profile at the top of the uploads, which is one of its inputs.
      expect(manifest.organisation).toEqual({ id: 'kent', name: 'Kent County Council' });
      expect(manifest.inputs?.map((i) => i.name)).toContain(PROFILE_KEY);
      expect(manifest.outputs.length, u.key).toBeGreaterThan(0);
      // The bundle makes Braille (liblouis and its tables travel inside it) and EPUB wherever the
      // kind has plain text and a web page: the formats that need more than the writers' code.
      const formats = manifest.outputs.map((o) => o.format);
      if (formats.includes('txt')) expect(formats, u.key).toContain('brf');
      if (formats.includes('html')) expect(formats, u.key).toContain('epub');
      const prefix = latest.manifest.slice(0, -'manifest.json'.length);
      for (const o of manifest.outputs) {
        const head = await s3.send(new HeadObjectCommand({ Bucket: OUTPUT_BUCKET, Key: prefix + o.file }));
        expect(head.ContentLength, `${prefix}${o.file}`).toBe(o.bytes);
        expect(o.bytes, `${prefix}${o.file}`).toBeGreaterThan(0);
      }
    }
  });

  it('covers every kind in content/, Easy Read and the agenda pack included', async () => {
    const kinds = new Set(uploads.flatMap((u) => (u.content ? [u.content.kind] : [])));
    expect([...kinds]).toEqual(expect.arrayContaining(['easy-read', 'agenda-pack']));
    const published = new Set<string>();
    for (const key of await list(OUTPUT_BUCKET, 'published/')) {
      if (!key.endsWith('/manifest.json')) continue;
      published.add((JSON.parse((await get(OUTPUT_BUCKET, key)).toString('utf8')) as Manifest).kind);
    }
    expect([...published].sort()).toEqual([...kinds].sort());
  });

  it('wrote nothing under reports/', async () => {
    expect(await list(INPUT_BUCKET, 'reports/')).toEqual([]);
  });
});
