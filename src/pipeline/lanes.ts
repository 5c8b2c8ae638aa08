// How one publication's outputs are shared between render workers that run at once (issue 18),
// and how their results are put back together as if one worker had made them all.
// An output that shows its profile's PDF pages (the DOCX's contents, the EPUB's page list) is made
// in the same lane as that PDF, after it (publish.ts hands the pages on). The rest is a choice
// between plans, made by an estimate of each plan's time (`estimate`), from figures measured on
// the Local Account and the agenda pack (`npm run bench`, decision 0004). The estimate only has to
// choose well: every plan gives the same bytes (test/lanes.test.ts).
import { OUTPUT_KEYS } from './formats.ts';
import { indexPage } from './index-page.ts';
import type { OutputFile, PublishResult, Rendered } from './publish.ts';

/**
 * Each output's warm render time, in ms per KB of content (the content file and the files it
 * names), for one layout pass, and the writer whose code it runs: a worker compiles a writer the
 * first time it uses it, so outputs of one writer share that cost in a lane. Warm figures from
 * `npm run bench` on the Local Account (153 KB, 88 pages), after liblouis became WebAssembly
 * (decision 0013); the agenda packs of 55 and 211 pages agree with them at two passes.
 */
const COST: Record<string, { msPerKb: number; writer: string }> = {
  html: { msPerKb: 0.25, writer: 'html' },
  pdf: { msPerKb: 6.5, writer: 'pdf' },
  docx: { msPerKb: 1.05, writer: 'docx' },
  txt: { msPerKb: 0.05, writer: 'txt' },
  brf: { msPerKb: 4.1, writer: 'brf' },
  epub: { msPerKb: 0.37, writer: 'epub' },
  'large-print-pdf': { msPerKb: 6.1, writer: 'pdf' },
  'large-print-docx': { msPerKb: 0.9, writer: 'docx' },
};
/**
 * What a worker's first use of a writer costs, in ms: its output's time in a cold `docgen build`
 * (`--progress`) less the warm one above.
 */
const WARM_UP: Record<string, number> = { pdf: 1200, docx: 475, brf: 820, html: 170, epub: 110, txt: 10 };
/**
 * How much faster n lanes finish the same work than one, when all are busy. Two lanes on two
 * vCPUs: 1.35 (each lane alone 1.1–1.6 s, side by side 1.7–2.4 s; the main thread, the collector
 * and the compiler share the CPUs). So a plan that adds work to save waiting can lose: the Local
 * Account's two PDFs are quicker in one lane, sharing one warm-up (6.7 s against 7.1 s for the
 * whole build), and a 211-page pack's quicker apart (10.6 s against 11.2 s).
 */
const speedup = (lanes: number) => 1 + 0.35 * (lanes - 1);
/** The outputs made from a profile's PDF pages, by the PDF's key. */
const AFTER_PDF: Record<string, string[]> = { pdf: ['docx', 'epub'], 'large-print-pdf': ['large-print-docx'] };

/** What the plan is made for: how much content, and how often its kind lays out each PDF. */
export interface LaneWork {
  /** The content file and the files it names, in KB. */
  kb: number;
  /** Layout passes of each PDF (the agenda pack's page ranges settle in two); 1 when absent. */
  layoutPasses?: number;
  /**
   * The workers have rendered before, so their writers are compiled and no lane pays a warm-up:
   * then the Local Account's five outputs are quicker in two lanes (2.2 s against 2.6 s in one).
   */
  warm?: boolean;
}

/** The Local Account's size, for a plan made without knowing the content. */
const TYPICAL: LaneWork = { kb: 150 };

/** A lane's estimated time alone, in ms: its outputs, and each writer's warm-up once. */
function laneMs(keys: readonly string[], work: LaneWork): number {
  let ms = 0;
  const writers = new Set<string>();
  for (const k of keys) {
    const c = COST[k] ?? { msPerKb: 1, writer: k };
    ms += c.msPerKb * work.kb * (c.writer === 'pdf' ? (work.layoutPasses ?? 1) : 1);
    writers.add(c.writer);
  }
  if (!work.warm) for (const w of writers) ms += WARM_UP[w] ?? 0;
  return ms;
}

/**
 * A plan's estimated time: its longest lane, or all its work shared by the lanes at the speed
 * they reach together, whichever is longer.
 */
export function estimate(lanes: readonly (readonly string[])[], work: LaneWork): number {
  const each = lanes.map((l) => laneMs(l, work));
  return Math.max(...each, each.reduce((a, b) => a + b, 0) / speedup(lanes.length));
}

/**
 * The output keys each lane renders, in the order publish makes them. `keys` is what was asked
 * for (every output when absent); `lanes` is how many workers may render it at once. One lane is
 * everything in one worker, as before lanes. Every way of sharing the outputs' groups among at
 * most `lanes` lanes is weighed (at most 52: there are five groups), and the quickest estimate
 * wins; of equal estimates, the first found, so the plan is always the same for the same work.
 */
export function planLanes(keys: readonly string[] | undefined, lanes: number, work: LaneWork = TYPICAL): string[][] {
  const wanted = OUTPUT_KEYS.filter((k) => !keys?.length || keys.includes(k));
  if (lanes <= 1 || wanted.length <= 1) return [wanted];
  const placed = new Set<string>();
  const groups: string[][] = [];
  for (const k of wanted) {
    if (placed.has(k)) continue;
    const group = [k, ...(AFTER_PDF[k] ?? []).filter((d) => wanted.includes(d))];
    group.forEach((g) => placed.add(g));
    groups.push(group);
  }
  let best: string[][] = [wanted];
  let bestMs = estimate(best, work);
  // Each group goes into a lane already used or the next new one: every partition once.
  const visit = (i: number, plan: string[][]) => {
    if (i === groups.length) {
      const ordered = plan.map((l) => OUTPUT_KEYS.filter((k) => l.includes(k)));
      const ms = estimate(ordered, work);
      if (ms < bestMs) [best, bestMs] = [ordered, ms];
      return;
    }
    for (let l = 0; l < Math.min(plan.length + 1, lanes); l++) {
      const next = plan.map((p) => [...p]);
      (next[l] ??= []).push(...groups[i]);
      visit(i + 1, next);
    }
  };
  visit(0, []);
  return best;
}

/** Where an output stands in the order one worker would have made it. */
const place = (f: OutputFile) => OUTPUT_KEYS.indexOf(f.profile === 'large-print' ? `large-print-${f.format}` : f.format);

/**
 * The lanes' results as one publication: its files in the one-worker order, the content's
 * warnings once and each output's own warning after them. The first failure, in lane order, is
 * the answer when any lane failed.
 */
export function mergeLanes<F extends { ok: false }>(results: (PublishResult | F)[]): PublishResult | F {
  const failed = results.find((r) => !r.ok);
  if (failed) return failed;
  const done = results as Extract<PublishResult, { ok: true }>[];
  if (done.length === 1) return done[0];
  const files: Rendered[] = done.flatMap((r) => r.files).sort((a, b) => place(a.file) - place(b.file));
  // Every lane loaded the same content, so each begins with the same warnings; what follows them
  // in a lane is its own outputs' (publish.ts: Rendered.warning).
  const first = done[0].manifest;
  const own = (r: (typeof done)[number]) => r.files.filter((f) => f.warning).length;
  const common = first.warnings.slice(0, first.warnings.length - own(done[0]));
  const warnings = [...common, ...files.flatMap((f) => (f.warning ? [f.warning] : []))];
  const manifest = { ...first, outputs: files.map((f) => f.file), warnings };
  // The download page lists the outputs: it is made again from the whole manifest.
  return { ok: true, manifest, files, index: indexPage(manifest) };
}
