// `docgen rerender` on this machine: the AWS re-render's plan → run → report, over the embedded S3
// (s3rver, src/local/embedded-s3.ts) and a RenderPool of worker threads. The content folder is
// brought up to date first, by uploading only the files whose bytes differ from what incoming/
// holds (each such upload publishes, as on AWS); then every current publication is re-rendered
// with this code's render fingerprint, and only those whose fingerprint changed are rendered.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { EmbeddedS3 } from '../local/embedded-s3.ts';
import { isProfileKey } from '../organisation/find.ts';
import { RenderPool } from '../pipeline/isolate.ts';
import { isAgendaPack } from '../pipeline/pack-detect.ts';
import type { Storage } from '../pipeline/storage.ts';
import { INCOMING, type UploadConfig } from '../pipeline/upload.ts';
import { rerenderOne } from './engine.ts';
import { planRerender } from './plan.ts';
import { buildReport, type RerenderReport } from './report.ts';
import { runPlan } from './run.ts';

/** The repository root, from src/rerender/ (tsx) or dist/cli/ (the bundle): two folders up either way. */
export const ROOT = join(import.meta.dirname, '..', '..');

export interface LibraryRerender {
  storage: Storage;
  inputBucket: string;
  outputBucket: string;
  fingerprint: string;
  templateVersion?: string;
  /** Publications re-rendered at once; each renders in its own worker thread. */
  workers: number;
  /** A pool to use (and leave open); by default one of `workers` threads, closed at the end. */
  pool?: RenderPool;
  clock?: () => number;
  log?: (line: Record<string, unknown>) => void;
}

/** Plans, runs and reports a re-render of every current publication in the output bucket. */
export async function rerenderLibrary(o: LibraryRerender): Promise<RerenderReport> {
  const plan = await planRerender(o.storage, o.outputBucket);
  // Publications at once, each in one worker: more throughput than two lanes each (src/pipeline/lanes.ts).
  const pool = o.pool ?? new RenderPool({ maxWorkers: o.workers, lanes: 1 });
  const cfg: UploadConfig = { inputBucket: o.inputBucket, outputBucket: o.outputBucket, fingerprint: o.fingerprint, templateVersion: o.templateVersion, pool, log: o.log };
  try {
    const results = await runPlan(plan, (item) => rerenderOne(o.storage, cfg, item, o.clock), { concurrency: o.workers, clock: o.clock });
    return buildReport(results, { fingerprint: o.fingerprint, templateVersion: o.templateVersion, skipped: plan.skipped });
  } finally {
    if (!o.pool) await pool.close();
  }
}

const filesUnder = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));
const contentType = (f: string) => (/\.json$/i.test(f) ? 'application/json' : /\.ya?ml$/i.test(f) ? 'application/yaml' : /\.png$/i.test(f) ? 'image/png' : /\.jpe?g$/i.test(f) ? 'image/jpeg' : /\.svg$/i.test(f) ? 'image/svg+xml' : 'application/octet-stream');

/**
 * Uploads the files of `dir` that incoming/ does not hold byte for byte, in the order renders need
 * them (profiles, pictures, content, then agenda packs), waiting for each group's renders. Gives
 * the keys uploaded.
 */
export async function syncContent(s3: EmbeddedS3, inputBucket: string, dir: string): Promise<string[]> {
  const isContent = (f: string) => /\.(ya?ml|json)$/i.test(f) && !isProfileKey(f);
  const all = filesUnder(dir).sort();
  const packs = new Set(all.filter((f) => isContent(f) && isAgendaPack(readFileSync(f, 'utf8'))));
  const groups = [all.filter(isProfileKey), all.filter((f) => !isContent(f) && !isProfileKey(f)), all.filter((f) => isContent(f) && !packs.has(f)), [...packs]];
  const uploaded: string[] = [];
  for (const group of groups) {
    for (const f of group) {
      const key = `${INCOMING}${relative(dir, f).split(sep).join('/')}`;
      const bytes = readFileSync(f);
      const stored = await s3.storage.get(inputBucket, key);
      if (stored && Buffer.from(stored).equals(bytes)) continue;
      await s3.storage.put(inputBucket, key, bytes, contentType(f));
      uploaded.push(key);
    }
    await s3.idle();
  }
  return uploaded;
}
