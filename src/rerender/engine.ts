// Re-rendering one planned publication: the upload it was made from goes through the upload
// pipeline again (src/pipeline/upload.ts processUpload), which computes its version from the
// render fingerprint (code and assets), the content and every input, and renders only when that
// version has no manifest yet. The same function runs in the re-render Lambda and in `docgen
// rerender`. Content problems are results ('failed', with the reason); storage failures throw, so
// Lambda (and Step Functions' retry) try again.
import { formatProblem } from '../parse/problems.ts';
import type { Manifest, OutputFile } from '../pipeline/publish.ts';
import { processUpload, type UploadConfig } from '../pipeline/upload.ts';
import type { Storage } from '../pipeline/storage.ts';
import type { RerenderItem, Stage } from './plan.ts';

export type RerenderStatus = 'rerendered' | 'unchanged' | 'failed';

export interface RerenderResult {
  id: string;
  key: string;
  stage: Stage;
  status: RerenderStatus;
  /** The version current before, and the version the pipeline made or found. */
  previous: string;
  version?: string;
  /** Re-rendered: the output files whose bytes differ from the previous version's (added and removed too). */
  changedOutputs?: string[];
  /** Failed: why, in the words the upload's report uses. */
  reason?: string;
  /** Milliseconds it took, and when it started and finished (the injected clock's, for ordering). */
  ms: number;
  startedAt: number;
  finishedAt: number;
}

/** The files that differ between two versions' outputs, by name and sha256. */
export function changedOutputs(before: readonly OutputFile[] | undefined, after: readonly OutputFile[]): string[] {
  const old = new Map((before ?? []).map((o) => [o.file, o.sha256]));
  const now = new Map(after.map((o) => [o.file, o.sha256]));
  const names = [...new Set([...old.keys(), ...now.keys()])].sort();
  return names.filter((n) => old.get(n) !== now.get(n));
}

/** How many problems a reason names before it says "and N more". */
const REASON_PROBLEMS = 3;

export async function rerenderOne(store: Storage, cfg: UploadConfig, item: RerenderItem, clock: () => number = () => Date.now()): Promise<RerenderResult> {
  const startedAt = clock();
  const base = { id: item.id, key: item.source.key, stage: item.stage, previous: item.version };
  const done = (r: Omit<RerenderResult, 'id' | 'key' | 'stage' | 'previous' | 'ms' | 'startedAt' | 'finishedAt'>): RerenderResult => {
    const finishedAt = clock();
    return { ...base, ...r, ms: finishedAt - startedAt, startedAt, finishedAt };
  };
  const { key, versionId, sequencer, time } = item.source;
  const outcome = await processUpload(store, cfg, { key, time, ...(versionId ? { versionId } : {}), ...(sequencer ? { sequencer } : {}) });
  switch (outcome.status) {
    case 'unchanged':
      return done({ status: 'unchanged', version: outcome.version });
    case 'published': {
      const before = await readManifest(store, cfg.outputBucket, `published/${item.id}/${item.version}/manifest.json`);
      return done({ status: 'rerendered', version: outcome.version, changedOutputs: changedOutputs(before?.outputs, outcome.manifest.outputs) });
    }
    case 'invalid': {
      const shown = outcome.problems.slice(0, REASON_PROBLEMS).map(formatProblem);
      const more = outcome.problems.length > REASON_PROBLEMS ? [`and ${outcome.problems.length - REASON_PROBLEMS} more`] : [];
      return done({ status: 'failed', reason: `${[...shown, ...more].join('; ')} (report: ${outcome.report})` });
    }
    case 'ignored':
      return done({ status: 'failed', reason: outcome.reason });
    case 'organisation':
      return done({ status: 'failed', reason: `${key} is an organisation profile, not a publication` });
  }
}

async function readManifest(store: Storage, bucket: string, key: string): Promise<Manifest | undefined> {
  const b = await store.get(bucket, key);
  if (!b) return undefined;
  try {
    return JSON.parse(Buffer.from(b).toString('utf8')) as Manifest;
  } catch {
    return undefined;
  }
}
