// npm run bench: renders the Local Account to every output several times in one process and
// prints ms per output and per page, tagged vs untagged PDF, and peak RSS.
// The script caps the V8 heap at 256 MB (package.json): the working set fits well inside it, and
// without a cap V8 defers collection and RSS climbs to 400-500 MB over repeated renders.
import { readFileSync } from 'node:fs';
import { loadContent } from '../../src/pipeline/validate.ts';
import { profileOf } from '../../src/pipeline/formats.ts';
import { writePdfWith } from '../../src/writers/pdf/index.ts';
import { PROFILES } from '../../src/profiles/index.ts';
import { folderImageLoader } from '../../src/storage/folder.ts';
import { defaultAssets } from '../../src/storage/assets.ts';
import { renderContext } from '../../src/writers/context.ts';
import { givePrintPages, type PrintPages } from '../../src/writers/epub/pages.ts';

const FILE = process.argv[2] ?? 'content/local-account-2016-17/local-account-2016-17.yaml';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const t0 = performance.now();
const assets = defaultAssets();
const loaded = loadContent(FILE, readFileSync(FILE, 'utf8'), folderImageLoader(FILE), { symbols: new Set(assets.symbols.keys()) });
if (!loaded.ok) throw new Error('content is invalid; run docgen build for the problems');
const model = loaded.model;
const OUTPUTS = loaded.kind.outputs;
const ctx = () => renderContext(assets, model.meta.published);
console.log(`${FILE}: parsed and validated in ${(performance.now() - t0).toFixed(0)} ms`);
console.log(`${RUNS} warm runs after one warm-up; figures are medians\n`);
console.log('output'.padEnd(20), 'pages'.padStart(6), 'ms'.padStart(8), 'ms/page'.padStart(9), 'KB'.padStart(8));

const totals: number[] = Array(RUNS).fill(0);
// The EPUB is given its PDF's pages, as the pipeline gives them (publish.ts), so it is timed alone.
let print: PrintPages | undefined;
const ctxFor = (o: (typeof OUTPUTS)[number]) => (o.format === 'epub' && print ? givePrintPages(ctx(), print) : ctx());
for (const o of OUTPUTS) {
  const w = performance.now();
  const first = await o.writer(model, profileOf(o), ctxFor(o)); // warm-up
  const warmUp = performance.now() - w;
  const blockPages = (first as { blockPages?: Map<string, number> }).blockPages;
  if (o.format === 'pdf' && !print && first.pages && blockPages) print = { pages: first.pages, blocks: blockPages };
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await o.writer(model, profileOf(o), ctxFor(o));
    times.push(performance.now() - s);
    totals[i] += times[i];
  }
  const ms = median(times);
  const pages = first.pages ?? 0;
  console.log(o.key.padEnd(20), String(pages || '-').padStart(6), ms.toFixed(0).padStart(8), (pages ? (ms / pages).toFixed(1) : '-').padStart(9), (first.bytes.byteLength / 1024).toFixed(0).padStart(8));
  // Braille's first render also loads liblouis (emscripten) and compiles its UEB tables, once a process;
  // warm renders find every paragraph's translation kept (src/writers/braille/liblouis.ts).
  if (o.format === 'brf') {
    const lou = await (await import('../../src/writers/braille/liblouis.ts')).louis();
    const fresh: number[] = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      lou.forget();
      const s = performance.now();
      await o.writer(model, profileOf(o), ctxFor(o));
      fresh.push(performance.now() - s);
    }
    console.log(`${''.padEnd(20)} first render, loading liblouis and its tables: ${warmUp.toFixed(0)} ms; warm with every paragraph new to liblouis: ${median(fresh).toFixed(0)} ms`);
  }
}
console.log(`\nall ${OUTPUTS.length} outputs, warm: ${median(totals).toFixed(0)} ms (median of ${RUNS})`);

// Issue 4: what tagging costs.
const tagged: number[] = [];
const untagged: number[] = [];
for (let i = 0; i < RUNS; i++) {
  let s = performance.now();
  await writePdfWith(model, PROFILES.standard, ctx(), { tagged: false });
  untagged.push(performance.now() - s);
  s = performance.now();
  await writePdfWith(model, PROFILES.standard, ctx(), { tagged: true });
  tagged.push(performance.now() - s);
}
const [tg, ut] = [median(tagged), median(untagged)];
console.log(`standard PDF tagged ${tg.toFixed(0)} ms, untagged ${ut.toFixed(0)} ms: tagging costs ${(((tg - ut) / ut) * 100).toFixed(1)}%`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

// Issue 18: the ratios against Typst on the same model, interleaved in this process.
await (await import('./peers.ts')).typstRatios(model, OUTPUTS, ctx, RUNS, await (await import('../support/render-task.ts')).folderTask(FILE, 'bench'));
{
  const txt = OUTPUTS.find((o) => o.key === 'txt');
  const text = txt ? Buffer.from((await txt.writer(model, profileOf(txt), ctx())).bytes).toString('utf8') : '';
  (await import('./whole-process.ts')).wholeProcess(FILE, model, text, Math.min(RUNS, 3));
}

// Issue 5: the Lambda bundle's size and a cold render in a fresh Node process, on the embedded S3.
{
  const { buildLambdaBundle } = await import('./lambda-bundle.ts');
  const { startEmbeddedS3, INPUT_BUCKET, OUTPUT_BUCKET } = await import('../../src/local/embedded-s3.ts');
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  // Asynchronous: the embedded S3 serving the child runs in this process.
  const run = promisify(execFile);
  const { resolve } = await import('node:path');
  const dir = resolve('.bench/lambda');
  const b = await buildLambdaBundle(dir);
  console.log(`\nLambda bundle: ${(b.zipBytes / 1024 / 1024).toFixed(2)} MB zipped with source map, ${(b.zipBytesWithoutMap / 1024 / 1024).toFixed(2)} MB without`);
  const s3 = await startEmbeddedS3();
  const key = 'incoming/bench/local-account-2016-17.yaml';
  await s3.storage.put(INPUT_BUCKET, key, readFileSync(FILE), 'application/yaml');
  await s3.idle(); // the embedded runner publishes it once; each child below starts from an empty output
  // Lambda's CPU follows its memory: one vCPU at 1,769 MB, two from 3,538 MB. A cold V8 compiles
  // and collects garbage on background threads, so the child runs pinned to one CPU as well.
  const { availableParallelism } = await import('node:os');
  const { existsSync } = await import('node:fs');
  const taskset = ['/usr/bin/taskset', '/bin/taskset'].find((t) => existsSync(t));
  const configs = [{ label: 'two CPUs', pin: [] as string[] }, ...(taskset && availableParallelism() >= 2 ? [{ label: 'one CPU', pin: [taskset, '-c', '0'] }] : [])];
  type Run = { importMs: number; renderMs: number; rssMB: number; status: string };
  const runs = new Map<string, Run[]>(configs.map((c) => [c.label, []]));
  const COLD_RUNS = 5;
  // BENCH_NODE runs the cold child on another Node (Lambda runs Node 24).
  const coldNode = process.env.BENCH_NODE ?? process.execPath;
  for (let i = 0; i < COLD_RUNS; i++) {
    for (const c of configs) {
      for (const k of await s3.storage.list(OUTPUT_BUCKET, 'published/local-account-2016-17/')) await s3.storage.delete(OUTPUT_BUCKET, k);
      const [cmd, ...args] = [...c.pin, coldNode, 'test/bench/cold-start.mjs', `${dir}/index.mjs`, key];
      const { stdout: out } = await run(cmd, args, {
        env: { ...process.env, NODE_OPTIONS: '', INPUT_BUCKET, OUTPUT_BUCKET, DOCGEN_ASSETS: `${dir}/assets`, DOCGEN_S3_ENDPOINT: s3.endpoint, TEMPLATE_VERSION: 'bench' },
        encoding: 'utf8',
      });
      runs.get(c.label)!.push(JSON.parse(out.trim().split('\n').pop()!));
    }
  }
  await s3.close();
  const { execFileSync } = await import('node:child_process');
  const version = execFileSync(coldNode, ['--version'], { encoding: 'utf8' }).trim();
  console.log(`cold start in a fresh Node ${version} process, Local Account, every output stored on the embedded S3 (median of ${COLD_RUNS}):`);
  for (const [label, rs] of runs) {
    const m = (k: 'importMs' | 'renderMs' | 'rssMB') => median(rs.map((r) => r[k]));
    const total = rs.map((r) => r.importMs + r.renderMs);
    console.log(`  ${label.padEnd(8)}: import ${m('importMs').toFixed(0)} ms + render ${m('renderMs').toFixed(0)} ms = ${median(total).toFixed(0)} ms (range ${Math.min(...total).toFixed(0)}-${Math.max(...total).toFixed(0)}), peak RSS ${m('rssMB').toFixed(0)} MB (${rs.every((r) => r.status === 'published') ? 'all published' : rs.map((r) => r.status).join(', ')})`);
  }
}

// Issue 6: the agenda pack, and how its build grows with the number of papers.
{
  const { folderTextLoader } = await import('../../src/storage/folder.ts');
  const { finishModel } = await import('../../src/pipeline/validate.ts');
  const { outputsFor } = await import('../../src/pipeline/formats.ts');
  const PACK = 'content/committee-2016-10-11/asch-cc-2016-10-11-pack.yaml';
  const text = readFileSync(PACK, 'utf8');
  const loaded = loadContent(PACK, text, folderImageLoader(PACK), { loadText: folderTextLoader(PACK), symbols: new Set(assets.symbols.keys()) });
  if (!loaded.ok || !loaded.kind.render) throw new Error('the agenda pack is invalid');
  const base = loaded.built.parts as { papers: { meta: { id: string }; blocks: { type: string; id?: string }[] }[] };
  const pdfSpec = outputsFor('standard', { largePrint: false, formats: ['pdf'] })[0];
  // (Peak RSS for a pack is measured below, in a fresh process: this one's is the bench's own.)
  console.log('\nagenda pack (standard PDF, page ranges computed, two layouts):');
  // 30 papers come to about 365 pages (the issue's 350-page pack), 40 to about 470.
  for (const n of [base.papers.length, 10, 20, 30, 40]) {
    // Larger packs repeat the real papers under new ids (the agenda lists the real ones).
    const papers = Array.from({ length: n }, (_, i) => {
      const p = base.papers[i % base.papers.length];
      if (i < base.papers.length) return p;
      const suffix = `-copy-${i}`;
      return { meta: { ...p.meta, id: p.meta.id + suffix }, blocks: p.blocks.map((b) => (b.type === 'heading' ? { ...b, id: b.id + suffix } : b)) };
    });
    const built = { ...loaded.built, parts: { ...(loaded.built.parts as object), papers } };
    const t = performance.now();
    const pdf = await loaded.kind.render(built, pdfSpec, { ctx: ctx(), finish: (doc) => finishModel(doc, built, PACK, text) });
    const ms = performance.now() - t;
    const pages = pdf.pages ?? 0;
    console.log(`  ${String(n).padStart(2)} papers: ${String(pages).padStart(4)} pages, ${ms.toFixed(0).padStart(6)} ms (${(ms / pages).toFixed(1)} ms/page)`);
  }
}

// Issue 11: whole builds at the limits (src/limits.ts), each in a fresh process without the bench's
// heap cap, as the CLI and the render function run them: time and peak RSS.
{
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { LIMITS } = await import('../../src/limits.ts');
  const { CASES } = await import('./pictures.ts');
  const dir = mkdtempSync(join(tmpdir(), 'bench-limits-'));
  const env = { ...process.env, NODE_OPTIONS: '' };
  const run = (file: string) => JSON.parse(execFileSync('npx', ['tsx', 'test/bench/limit-run.ts', file], { env, encoding: 'utf8', maxBuffer: 1 << 24 }).trim().split('\n').pop()!);
  const head = (id: string) => `kind: local-account\nid: ${id}\ntitle: A publication at the limits\norganisation: Test Council\nperiod: April 2016 to March 2017\npublished: 2017-08-24\nsummary: The largest content the limits allow.\nalternativeFormats: formats\ncontacts:\n  - id: formats\n    name: Alternative formats\n    phone: "03000 421553"\n`;
  console.log(`\nbuilds at the limits (every output, docgen build in a fresh process; render budget ${LIMITS.renderMs / 1000} s, worker heap ${LIMITS.renderHeapMb} MB):`);
  // The largest content file: sections of real-length paragraphs up to just under the size limit.
  const para = '      - text: Adult social care supports people to live safely and independently at home, with the right help at the right time, from the council and its partners in the NHS and the voluntary sector.\n';
  let body = 'sections:\n';
  for (let i = 0; Buffer.byteLength(head('x') + body) < LIMITS.contentBytes * 0.98; i++) body += `  - id: s${i}\n    title: Section ${i + 1}\n    blocks:\n${para.repeat(20)}`;
  const largest = join(dir, 'largest.yaml');
  writeFileSync(largest, head('largest-content') + body);
  const r = run(largest);
  console.log(`  largest content (${(Buffer.byteLength(head('x') + body) / 1048576).toFixed(1)} MB): ${r.ok ? `${r.pages} standard pages` : `refused: ${r.last}`}, ${(r.ms / 1000).toFixed(1)} s, peak RSS ${r.peakRssMb} MB`);
  // A pack of about 500 pages, as files: the real agenda and papers, and copies of the reports
  // under new ids, built as docgen build builds it (every output of the pack, two render workers).
  {
    const from = 'content/committee-2016-10-11';
    const sub = mkdtempSync(join(dir, 'pack-'));
    const { cpSync, readdirSync } = await import('node:fs');
    cpSync(from, sub, { recursive: true });
    const reports = ['b1-integrated-domestic-abuse-services', 'c1-substance-misuse-procurements', 'd3-west-kent-substance-misuse-update'];
    const copies: string[] = [];
    for (let i = 0; copies.length < 52; i++) {
      const r = reports[i % reports.length];
      const id = `${r}-copy-${i}`;
      writeFileSync(join(sub, `${id}.yaml`), readFileSync(join(from, `${r}.yaml`), 'utf8').replace(`\nid: ${r}\n`, `\nid: ${id}\n`));
      copies.push(`${id}.yaml`);
    }
    const pack = join(sub, 'asch-cc-2016-10-11-pack.yaml');
    writeFileSync(pack, readFileSync(pack, 'utf8') + copies.map((c) => `  - ${c}\n`).join(''));
    const p = run(pack);
    const papers = 4 + copies.length;
    console.log(`  agenda pack of ${papers} papers (${readdirSync(sub).length} files): ${p.ok ? `${p.pages} standard pages` : `refused: ${p.last}`}, ${(p.ms / 1000).toFixed(1)} s, peak RSS ${p.peakRssMb} MB`);
  }
  for (const name of Object.keys(CASES).filter((n) => /^(rgba16|baseline)/.test(n))) {
    const sub = mkdtempSync(join(dir, 'pic-'));
    writeFileSync(join(sub, name), CASES[name]());
    const file = join(sub, 'doc.yaml');
    writeFileSync(file, `${head('largest-picture')}images:\n  - id: big\n    file: ${name}\n    alt: A large picture\nsections:\n  - id: s\n    title: A picture\n    blocks:\n      - figure: { image: big, caption: The largest picture the limits allow }\n`);
    const p = run(file);
    console.log(`  largest picture ${name}: ${p.ok ? `${p.pages} standard pages` : `refused: ${p.last}`}, ${(p.ms / 1000).toFixed(1)} s, peak RSS ${p.peakRssMb} MB`);
  }
}
