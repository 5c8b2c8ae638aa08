// The bench's ratios against a peer measured in the same run (issue 18): Typst 0.14 setting the
// same model (test/bench/typst.ts), interleaved with our renders in this one process, ours then
// Typst's, run after run, so a drift in the machine's speed moves both. Each ratio is the median
// of the run-by-run ratios. Ours are the real writers with the real profiles; Typst sets 12pt
// (as the standard profile's body is 13pt, this is in Typst's favour) and 18pt for large print.
import type { DocumentModel } from '../../src/model/types.ts';
import type { OutputSpec } from '../../src/pipeline/formats.ts';
import { profileOf } from '../../src/pipeline/formats.ts';
import type { RenderContext } from '../../src/writers/context.ts';
import { RenderPool, type RenderTask } from '../../src/pipeline/isolate.ts';
import { pdfPages, typstCompiler, typstPdf, typstSource } from './typst.ts';

const WARM_UPS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (f: () => unknown) => {
  const s = performance.now();
  await f();
  return performance.now() - s;
};

/**
 * `task` is the same publication as the pipeline sends its render workers: with it, the five
 * outputs are also timed as the pipeline makes them, shared between two warm workers
 * (src/pipeline/lanes.ts), results copied back included.
 */
export async function typstRatios(model: DocumentModel, outputs: OutputSpec[], ctx: () => RenderContext, runs: number, task?: RenderTask): Promise<void> {
  const compiler = typstCompiler();
  const [twelve, eighteen] = [typstSource(model, 12), typstSource(model, 18)];
  const standard = outputs.find((o) => o.key === 'pdf')!;
  // The five outputs the issue names, where the kind has them.
  const five = outputs.filter((o) => ['pdf', 'docx', 'txt', 'large-print-pdf', 'large-print-docx'].includes(o.key));
  const ourPages = (await standard.writer(model, profileOf(standard), ctx())).pages ?? 1;
  const typstPages = pdfPages(typstPdf(compiler, twelve));
  // Warm means settled: V8's optimising compiler takes about three renders of each output to
  // finish with the writers (the first warm render is a third slower than the fourth).
  for (let i = 0; i < WARM_UPS; i++) {
    for (const o of five) await o.writer(model, profileOf(o), ctx());
    typstPdf(compiler, twelve);
    typstPdf(compiler, eighteen);
  }
  const pool = task && new RenderPool({ lanes: 2, maxWorkers: 2, keepIdle: 2 });
  const pooled = task && { ...task, formats: five.map((o) => o.key) };
  const inLanes = async () => {
    const result = await pool!.render(pooled!);
    if (!result.ok) throw new Error('the bench publication did not render in the pool');
  };
  if (pool) for (let i = 0; i < WARM_UPS; i++) await inLanes();

  const r = { pdf: [] as number[], perPage: [] as number[], five: [] as number[], ours: [] as number[], typst: [] as number[], ourFive: [] as number[], typstTwo: [] as number[], lanes: [] as number[], oursLanes: [] as number[] };
  for (let i = 0; i < runs; i++) {
    const ours = await time(() => standard.writer(model, profileOf(standard), ctx()));
    const theirs = await time(() => typstPdf(compiler, twelve));
    const ourFive = await time(async () => {
      for (const o of five) await o.writer(model, profileOf(o), ctx());
    });
    const theirTwo = await time(() => (typstPdf(compiler, twelve), typstPdf(compiler, eighteen)));
    if (pool) {
      const lanes = await time(inLanes);
      r.oursLanes.push(lanes);
      r.lanes.push(lanes / theirTwo);
    }
    r.ours.push(ours);
    r.typst.push(theirs);
    r.ourFive.push(ourFive);
    r.typstTwo.push(theirTwo);
    r.pdf.push(ours / theirs);
    r.perPage.push(ours / ourPages / (theirs / typstPages));
    r.five.push(ourFive / theirTwo);
  }
  console.log(`\nAgainst Typst 0.14 (typst-ts-node-compiler, PDF/UA-1), interleaved in this process, ${runs} runs:`);
  console.log(`  standard PDF: ours ${median(r.ours).toFixed(0)} ms for ${ourPages} pages, Typst 12pt ${median(r.typst).toFixed(0)} ms for ${typstPages} pages`);
  console.log(`  ratio ours/Typst, warm, standard PDF:            ${median(r.pdf).toFixed(2)}`);
  console.log(`  ratio ours/Typst, warm, standard PDF per page:   ${median(r.perPage).toFixed(2)}   (target ≤ 1.5)`);
  console.log(`  ratio ours/Typst, warm, the ${five.length} outputs one after another vs its two PDFs: ${median(r.five).toFixed(2)}   (ours ${median(r.ourFive).toFixed(0)} ms, Typst ${median(r.typstTwo).toFixed(0)} ms)`);
  if (pool) {
    console.log(`  ratio ours/Typst, warm, the ${five.length} outputs in two render workers vs its two PDFs: ${median(r.lanes).toFixed(2)}   (ours ${median(r.oursLanes).toFixed(0)} ms; target ≤ 1.5)`);
    await pool.close();
  }
}
