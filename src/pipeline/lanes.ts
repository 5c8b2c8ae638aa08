// How one publication's outputs are shared between render workers that run at once (issue 18),
// and how their results are put back together as if one worker had made them all.
// An output that shows its profile's PDF pages (the DOCX's contents, the EPUB's page list) is made
// in the same lane as that PDF, after it (publish.ts hands the pages on); the others go wherever
// the lanes are most even. What each output costs is a rough weight, measured on the Local
// Account (`npm run bench`): it only has to put the long renders on different lanes.
import { OUTPUT_KEYS } from './formats.ts';
import { indexPage } from './index-page.ts';
import type { OutputFile, PublishResult, Rendered } from './publish.ts';

/** Relative render time of each output key: warm ms for the Local Account, in hundreds. */
const WEIGHT: Record<string, number> = { html: 0.5, pdf: 10, docx: 2.5, txt: 0.1, brf: 19, epub: 2.5, 'large-print-pdf': 10, 'large-print-docx': 2 };
/** The outputs made from a profile's PDF pages, by the PDF's key. */
const AFTER_PDF: Record<string, string[]> = { pdf: ['docx', 'epub'], 'large-print-pdf': ['large-print-docx'] };

/**
 * The output keys each lane renders, in the order publish makes them. `keys` is what was asked
 * for (every output when absent); `lanes` is how many workers may render it at once. One lane is
 * everything in one worker, as before lanes.
 */
export function planLanes(keys: readonly string[] | undefined, lanes: number): string[][] {
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
  const cost = (g: string[]) => g.reduce((s, k) => s + (WEIGHT[k] ?? 1), 0);
  // Longest first, each onto the lane with least so far: within a few per cent of the best split.
  const bins = Array.from({ length: Math.min(lanes, groups.length) }, () => ({ keys: [] as string[], cost: 0 }));
  for (const g of [...groups].sort((a, b) => cost(b) - cost(a) || OUTPUT_KEYS.indexOf(a[0]) - OUTPUT_KEYS.indexOf(b[0]))) {
    const bin = bins.reduce((least, b) => (b.cost < least.cost ? b : least));
    bin.keys.push(...g);
    bin.cost += cost(g);
  }
  return bins.map((b) => OUTPUT_KEYS.filter((k) => b.keys.includes(k)));
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
