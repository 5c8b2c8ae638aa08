// The re-render a deploy runs, on this machine: content/ published on the embedded S3, then every
// current publication re-rendered with a worker pool (src/rerender/). A template change (a new
// render fingerprint) re-renders each publication, papers before agenda packs; a second run finds
// each unchanged; a publication that no longer renders is reported with its reason, and the run fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INPUT_BUCKET, OUTPUT_BUCKET, startEmbeddedS3, type EmbeddedS3 } from '../src/local/embedded-s3.ts';
import { RenderPool } from '../src/pipeline/isolate.ts';
import { changedOutputs } from '../src/rerender/engine.ts';
import { rerenderLibrary, syncContent } from '../src/rerender/local.ts';
import { stageOf } from '../src/rerender/plan.ts';
import { buildReport, exitStatus, reportLines, type RerenderReport } from '../src/rerender/report.ts';
import { rerenderCommand } from '../src/cli/commands/rerender.ts';
import { minimal, pixel } from './support/embedded.ts';

/** Every publication in content/ (one a content file, less the organisation profile), and the one made here. */
const CONTENT_IDS = readdirSync('content', { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.ya?ml$/.test(f) && !/(^|\/)organisation\.yaml$/.test(f))
  .map((f) => f.replace(/^.*\//, '').replace(/\.ya?ml$/, ''));
const ALL_IDS = [...CONTENT_IDS, 'minimal-account'].sort();

// Each run renders every publication of content/ (about 11): minutes on two shared cores.
const RUN_MS = 900_000;
let s3: EmbeddedS3;
// One pool for the uploads and the re-renders, as one Lambda process has: its workers stay warm.
const pool = new RenderPool({ maxWorkers: 2 });
const rerender = (fingerprint: string) => rerenderLibrary({ storage: s3.storage, inputBucket: INPUT_BUCKET, outputBucket: OUTPUT_BUCKET, fingerprint, templateVersion: 'test', workers: 2, pool });
const latestVersion = async (id: string) => JSON.parse(Buffer.from((await s3.storage.get(OUTPUT_BUCKET, `published/${id}/latest.json`))!).toString('utf8')).version as string;

// First: a long run of this file gives other processes in a shared tree time to replace the
// development worker bundle (src/pipeline/isolate.ts), which a new pool then cannot start.
describe('docgen rerender', () => {
  const dir = mkdtempSync(join(tmpdir(), 'docgen-rerender-'));
  const content = join(dir, 'content');
  const run = async (...args: string[]) => {
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => (lines.push(String(s)), true)) as typeof process.stdout.write;
    process.exitCode = undefined;
    try {
      await rerenderCommand().parseAsync(['--content', content, '--state', join(dir, 'state'), '--report', join(dir, 'report.json'), '--workers', '1', ...args], { from: 'user' });
    } finally {
      process.stdout.write = write;
    }
    const status = process.exitCode;
    process.exitCode = undefined;
    return { status, stdout: lines.join('') };
  };
  beforeAll(() => {
    mkdirSync(content, { recursive: true });
    writeFileSync(join(content, 'pixel.png'), pixel);
    writeFileSync(join(content, 'minimal.yaml'), minimal);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes the folder, then re-renders only after a template change, keeping what it published between runs', async () => {
    const first = await run();
    expect(first.stdout).toMatch(/1 publication\(s\), 0 re-rendered, 1 unchanged, 0 failed/); // just published with this code
    expect(first.status).toBe(0);
    const changedRun = await run('--fingerprint', 'simulated-template-change', '--json');
    expect(JSON.parse(changedRun.stdout).counts).toEqual({ planned: 1, rerendered: 1, unchanged: 0, failed: 0 });
    expect(changedRun.status).toBe(0);
  }, RUN_MS);
});

describe('re-render after a deploy, on the embedded S3', () => {
  beforeAll(async () => {
    s3 = await startEmbeddedS3({ pool });
    await syncContent(s3, INPUT_BUCKET, 'content');
    await s3.storage.put(INPUT_BUCKET, 'incoming/minimal/pixel.png', pixel, 'image/png');
    await s3.storage.put(INPUT_BUCKET, 'incoming/minimal/minimal.yaml', minimal, 'application/yaml');
    await s3.idle();
  }, RUN_MS);
  afterAll(async () => {
    await s3?.close(); // and its pool
  });

  let changed: RerenderReport;

  it('re-renders every publication after a template change, papers before agenda packs', async () => {
    const before = Object.fromEntries(await Promise.all(ALL_IDS.map(async (id) => [id, await latestVersion(id)])));
    changed = await rerender('simulated-template-change');
    expect(changed.results.map((r) => r.id).sort()).toEqual(ALL_IDS);
    // Any that failed, with its reason, before the counts (which would only say how many).
    expect(changed.results.filter((r) => r.status === 'failed').map((r) => `${r.id}: ${r.reason}`)).toEqual([]);
    expect(changed.counts).toEqual({ planned: ALL_IDS.length, rerendered: ALL_IDS.length, unchanged: 0, failed: 0 });
    for (const id of ALL_IDS) {
      const r = changed.results.find((x) => x.id === id)!;
      expect(r.previous, id).toBe(before[id]);
      expect(await latestVersion(id), id).toBe(r.version); // the new rendering is current
      expect(r.version, id).not.toBe(before[id]);
    }
    // The pack is made from its agenda and papers, so it runs after every paper has finished.
    const packs = changed.results.filter((r) => r.stage === 'packs');
    expect(packs.map((r) => r.id)).toContain('asch-cc-2016-10-11-pack');
    const lastPaper = Math.max(...changed.results.filter((r) => r.stage === 'papers').map((r) => r.finishedAt));
    for (const p of packs) expect(p.startedAt).toBeGreaterThanOrEqual(lastPaper);
    expect(exitStatus(changed)).toBe(0);
  }, RUN_MS);

  it('puts the template version it re-rendered with in every manifest and on every download page', async () => {
    const text = async (key: string) => Buffer.from((await s3.storage.get(OUTPUT_BUCKET, key))!).toString('utf8');
    for (const r of changed.results) {
      expect(JSON.parse(await text(`published/${r.id}/${r.version}/manifest.json`)).generator.template, r.id).toBe('test');
      for (const page of [`published/${r.id}/${r.version}/index.html`, `published/${r.id}/index.html`]) expect(await text(page), page).toContain('template version test.');
    }
  });

  it('says which publications’ outputs changed: none, when only the fingerprint did', () => {
    // The same code made them, so every file is byte for byte the same; only the versions moved.
    expect(changed.outputsChanged).toEqual([]);
    expect(changed.outputsSame.sort()).toEqual(ALL_IDS);
  });

  it('finds every publication unchanged on a second run with the same fingerprint, and renders nothing', async () => {
    const again = await rerender('simulated-template-change');
    expect(again.counts).toEqual({ planned: ALL_IDS.length, rerendered: 0, unchanged: ALL_IDS.length, failed: 0 });
    expect(again.results.every((r) => r.version === r.previous)).toBe(true);
    expect(exitStatus(again)).toBe(0);
  }, RUN_MS);

  it('reports a publication that no longer renders with its reason, carries on with the rest, and fails the run', async () => {
    await s3.storage.delete(INPUT_BUCKET, 'incoming/minimal/pixel.png'); // its picture went since it was published
    const broken = await rerender('another-template-change');
    // Each failure with its reason first, so that an unexpected one says why it failed.
    expect(broken.failed.map((f) => `${f.id}: ${f.reason}`)).toEqual([expect.stringMatching(/^minimal-account: .*pixel\.png/s)]);
    expect(broken.counts).toMatchObject({ planned: ALL_IDS.length, rerendered: ALL_IDS.length - 1, failed: 1 });
    expect(broken.failed).toHaveLength(1);
    expect(broken.failed[0]).toMatchObject({ id: 'minimal-account', key: 'incoming/minimal/minimal.yaml' });
    expect(broken.failed[0].reason).toMatch(/pixel\.png/);
    expect(broken.failed[0].reason).toContain('report: reports/incoming/minimal/minimal.yaml.json');
    expect(reportLines(broken)).toContainEqual(expect.stringMatching(/^ {2}failed: minimal-account \(incoming\/minimal\/minimal\.yaml\): .*pixel\.png/));
    expect(exitStatus(broken)).toBe(1);
    expect(await latestVersion('minimal-account')).toBe(changed.results.find((r) => r.id === 'minimal-account')!.version); // the last good version stays current
  }, RUN_MS);
});

describe('the re-render’s rules', () => {
  it('plans a publication made from other content files (an agenda pack) after the rest', () => {
    expect(stageOf({ inputs: [{ name: 'agenda.yaml', sha256: 'a' }, { name: 'logo.png', sha256: 'b' }] })).toBe('packs');
    expect(stageOf({ inputs: [{ name: 'chart.png', sha256: 'a' }, { name: 'incoming/organisation.yaml', sha256: 'b' }] })).toBe('papers');
    expect(stageOf({})).toBe('papers');
  });

  it('names the output files whose bytes changed, were added or were removed', () => {
    const f = (file: string, sha256: string) => ({ file, sha256, format: 'pdf' as const, profile: 'standard' as const, bytes: 1, contentType: 'application/pdf' });
    expect(changedOutputs([f('a.pdf', '1'), f('b.docx', '2'), f('c.txt', '3')], [f('a.pdf', '1'), f('b.docx', 'X'), f('d.html', '4')])).toEqual(['b.docx', 'c.txt', 'd.html']);
    expect(changedOutputs([f('a.pdf', '1')], [f('a.pdf', '1')])).toEqual([]);
  });

  it('counts a pointer the plan could not follow as a failure', () => {
    const r = buildReport([], { fingerprint: 'f', skipped: [{ key: 'published/x/latest.json', reason: 'latest.json is not JSON' }] });
    expect(r.counts).toEqual({ planned: 1, rerendered: 0, unchanged: 0, failed: 1 });
    expect(exitStatus(r)).toBe(1);
  });
});
