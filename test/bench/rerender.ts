// The re-render, measured (npx tsx test/bench/rerender.ts), not in the timed tests.
// (a) Every publication of content/ re-rendered for real on the embedded S3 with the worker pool,
//     at 1 and at 2 workers (a new fingerprint each time, so every one renders): how it grows.
// (b) The orchestration over a simulated library of 1,000 publications on the embedded S3: the
//     plan reads 1,000 latest.json and manifests; each Lambda invocation is a stand-in that sleeps
//     the per-publication time measured in (a), scaled down by SCALE so the bench ends in minutes
//     (the figures are given back at full scale); throughput against concurrency 1, 10, 50, 100.
// Then what a re-render of 1,000 publications costs in Lambda time at the function's memory size.
// BENCH_PER_PUBLICATION_MS and BENCH_UNCHANGED_MS skip (a) and run (b) with those figures.
import { availableParallelism } from 'node:os';
import { INPUT_BUCKET, OUTPUT_BUCKET, startEmbeddedS3 } from '../../src/local/embedded-s3.ts';
import { RenderPool } from '../../src/pipeline/isolate.ts';
import type { RerenderResult } from '../../src/rerender/engine.ts';
import { rerenderLibrary, syncContent } from '../../src/rerender/local.ts';
import { mapLimited, planRerender } from '../../src/rerender/plan.ts';
import { buildReport } from '../../src/rerender/report.ts';
import { runPlan } from '../../src/rerender/run.ts';

/** The function's memory (lib/docgen-stack.ts) and an assumed price: Lambda arm64, eu-west-2, per GB-second. */
const MEMORY_MB = 3584;
const PRICE_PER_GB_S = 0.0000133334;
const LIBRARY = 1000;
const log = (s: string) => console.log(s);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

log(`# Re-render bench (${availableParallelism()} CPUs, Node ${process.version})`);
const given = (v: string | undefined) => (v && Number(v) > 0 ? Number(v) : undefined);
let meanMs = given(process.env.BENCH_PER_PUBLICATION_MS) ?? 0;
let unchangedMs = given(process.env.BENCH_UNCHANGED_MS) ?? 0;
if (!meanMs || !unchangedMs) ({ meanMs, unchangedMs } = await measureContent());

async function measureContent() {
log('## (a) content/ re-rendered for real, by workers');
const pool = new RenderPool({ maxWorkers: 2 });
const s3 = await startEmbeddedS3({ pool });
let t = performance.now();
await syncContent(s3, INPUT_BUCKET, 'content');
log(`published content/ first: ${secs(performance.now() - t)}`);
// One worker on two CPUs is the closest to one Lambda invocation (two vCPUs at 3,584 MB): its mean is the per-publication figure.
let perPublication = 0;
for (const workers of [1, 2]) {
  t = performance.now();
  const report = await rerenderLibrary({ storage: s3.storage, inputBucket: INPUT_BUCKET, outputBucket: OUTPUT_BUCKET, fingerprint: `bench-${workers}-${Date.now()}`, workers, pool });
  const wall = performance.now() - t;
  const ms = report.results.map((r) => r.ms);
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  if (workers === 1) perPublication = mean;
  log(`workers ${workers}: ${report.counts.rerendered} re-rendered, ${report.counts.failed} failed, wall ${secs(wall)}, ${(report.results.length / (wall / 1000)).toFixed(2)} publications/s, mean ${secs(mean)} each, slowest ${secs(Math.max(...ms))} (${report.results.find((r) => r.ms === Math.max(...ms))?.id})`);
}
const unchanged = await rerenderLibrary({ storage: s3.storage, inputBucket: INPUT_BUCKET, outputBucket: OUTPUT_BUCKET, fingerprint: `bench-2-again`, workers: 2, pool });
const again = await rerenderLibrary({ storage: s3.storage, inputBucket: INPUT_BUCKET, outputBucket: OUTPUT_BUCKET, fingerprint: `bench-2-again`, workers: 2, pool });
const unchangedMean = again.results.reduce((a, r) => a + r.ms, 0) / again.results.length;
log(`a second run with the same fingerprint: ${again.counts.unchanged} unchanged, mean ${secs(unchangedMean)} each (after ${unchanged.counts.rerendered} re-rendered once more)`);
await s3.close();
log(`\nper publication (mean at 1 worker): ${secs(perPublication)}; unchanged: ${secs(unchangedMean)}`);
return { meanMs: perPublication, unchangedMs: unchangedMean };
}

log('\n## (b) orchestration over 1,000 simulated publications, stand-in invocations');
const sim = await startEmbeddedS3();
let t = performance.now();
await mapLimited(Array.from({ length: LIBRARY }, (_, i) => i), 4, async (i) => {
  const id = `sim-${String(i).padStart(4, '0')}`;
  const version = '0123456789abcdef';
  const pack = i % 10 === 9; // one in ten an agenda pack, made from the others
  await sim.storage.put(OUTPUT_BUCKET, `published/${id}/${version}/manifest.json`, JSON.stringify({ id, outputs: [], generator: { version: '0', fingerprint: 'old' }, inputs: pack ? [{ name: 'agenda.yaml', sha256: 'x' }] : [] }), 'application/json');
  await sim.storage.put(OUTPUT_BUCKET, `published/${id}/latest.json`, JSON.stringify({ id, version, manifest: `published/${id}/${version}/manifest.json`, index: `published/${id}/${version}/index.html`, source: { key: `incoming/${id}.yaml`, time: new Date(0).toISOString() } }), 'application/json');
});
log(`library written: ${secs(performance.now() - t)}`);
t = performance.now();
let plan: Awaited<ReturnType<typeof planRerender>>;
try {
  plan = await planRerender(sim.storage, OUTPUT_BUCKET, { parallel: 4 });
  log(`plan: ${plan.papers.length} papers, ${plan.packs.length} packs in ${secs(performance.now() - t)}`);
} catch (e) {
  // s3rver answers listings past its first 1,000 keys with a 500: the plan is then made here, as the plan would.
  log(`plan from the embedded S3 failed (${e instanceof Error ? e.message : e}) after ${secs(performance.now() - t)}; planned in memory instead`);
  const item = (i: number) => ({ id: `sim-${String(i).padStart(4, '0')}`, source: { key: `incoming/sim-${String(i).padStart(4, '0')}.yaml`, time: new Date(0).toISOString() }, version: '0123456789abcdef', stage: (i % 10 === 9 ? 'packs' : 'papers') as 'papers' | 'packs' });
  const all = Array.from({ length: LIBRARY }, (_, i) => item(i));
  plan = { papers: all.filter((x) => x.stage === 'papers'), packs: all.filter((x) => x.stage === 'packs'), skipped: [] };
}
// Scaled so that concurrency 1 takes about 20 s of sleeping.
const SCALE = 20_000 / (LIBRARY * meanMs);
const standIn = async (item: (typeof plan.papers)[number]): Promise<RerenderResult> => {
  const startedAt = Date.now();
  await new Promise((r) => setTimeout(r, meanMs * SCALE));
  return { id: item.id, key: item.source.key, stage: item.stage, status: 'rerendered', previous: item.version, version: 'fedcba9876543210', changedOutputs: [], ms: Date.now() - startedAt, startedAt, finishedAt: Date.now() };
};
log(`stand-in: sleeps ${secs(meanMs)} × ${SCALE.toFixed(5)} = ${(meanMs * SCALE).toFixed(1)} ms`);
for (const concurrency of [1, 10, 50, 100]) {
  t = performance.now();
  const results = await runPlan(plan, standIn, { concurrency });
  const report = buildReport(results, { fingerprint: 'bench' });
  await sim.storage.put(OUTPUT_BUCKET, `bench/report-${concurrency}.json`, JSON.stringify(report), 'application/json');
  const wall = performance.now() - t;
  const full = wall / SCALE; // at full scale: the sleeps are what scale; the S3 work around them does not
  log(`concurrency ${String(concurrency).padStart(3)}: wall ${secs(wall)} scaled, about ${secs(full)} at full scale (${(LIBRARY / (full / 1000)).toFixed(2)} publications/s, ideal ${(concurrency / (meanMs / 1000)).toFixed(2)})`);
}
await sim.close();

const gbSeconds = LIBRARY * (meanMs / 1000) * (MEMORY_MB / 1024);
log(`\n## Lambda time for ${LIBRARY} publications, all re-rendered`);
log(`${LIBRARY} × ${secs(meanMs)} × ${MEMORY_MB / 1024} GB = ${Math.round(gbSeconds).toLocaleString('en-GB')} GB-s; at $${PRICE_PER_GB_S}/GB-s (assumed: arm64, eu-west-2) = $${(gbSeconds * PRICE_PER_GB_S).toFixed(2)}`);
const unchangedGbS = LIBRARY * (unchangedMs / 1000) * (MEMORY_MB / 1024);
log(`all unchanged: ${LIBRARY} × ${secs(unchangedMs)} × ${MEMORY_MB / 1024} GB = ${Math.round(unchangedGbS).toLocaleString('en-GB')} GB-s = $${(unchangedGbS * PRICE_PER_GB_S).toFixed(2)}`);
process.exit(0);
