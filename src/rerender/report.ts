// The re-render report: what a re-render did to each publication (re-rendered, and which outputs
// changed; unchanged; failed, with the reason), its counts, and the lines a person reads. Pure:
// results in, report out. The local run and the AWS state machine's last step both make it.
import type { RerenderResult } from './engine.ts';
import type { RerenderItem, Stage } from './plan.ts';

export interface RerenderReport {
  /** The render fingerprint and template version the publications were re-rendered with. */
  fingerprint: string;
  templateVersion?: string;
  counts: { planned: number; rerendered: number; unchanged: number; failed: number };
  /** Re-rendered publications whose outputs differ from the previous version's, with the files. */
  outputsChanged: { id: string; files: string[] }[];
  /** Re-rendered publications whose outputs are byte for byte the same (only their version moved). */
  outputsSame: string[];
  failed: { id: string; key: string; reason: string }[];
  /** Pointers the plan could not follow; they count as failures, since nothing was re-rendered for them. */
  skipped: { key: string; reason: string }[];
  results: RerenderResult[];
}

/**
 * A publication whose re-render did not finish: storage failing (recorded by the local run) or a
 * child execution that failed after its retries (read back from Step Functions' results).
 */
export function failedRerender(item: Partial<Pick<RerenderItem, 'id' | 'version'>> & { key?: string }, stage: Stage, why: string, times = { ms: 0, startedAt: 0, finishedAt: 0 }): RerenderResult {
  return { id: item.id ?? '?', key: item.key ?? '?', stage, status: 'failed', previous: item.version ?? '', reason: `the re-render failed: ${why}`, ...times };
}

export function buildReport(results: readonly RerenderResult[], meta: { fingerprint: string; templateVersion?: string; skipped?: { key: string; reason: string }[] }): RerenderReport {
  const of = (s: RerenderResult['status']) => results.filter((r) => r.status === s);
  const rerendered = of('rerendered');
  const skipped = meta.skipped ?? [];
  return {
    fingerprint: meta.fingerprint,
    ...(meta.templateVersion ? { templateVersion: meta.templateVersion } : {}),
    counts: { planned: results.length + skipped.length, rerendered: rerendered.length, unchanged: of('unchanged').length, failed: of('failed').length + skipped.length },
    outputsChanged: rerendered.filter((r) => r.changedOutputs?.length).map((r) => ({ id: r.id, files: r.changedOutputs! })),
    outputsSame: rerendered.filter((r) => !r.changedOutputs?.length).map((r) => r.id),
    failed: of('failed').map((r) => ({ id: r.id, key: r.key, reason: r.reason ?? 'no reason given' })),
    skipped,
    results: [...results],
  };
}

/** 0 when every publication was re-rendered or unchanged; 1 when any failed (as a content problem's exit). */
export const exitStatus = (r: RerenderReport): 0 | 1 => (r.counts.failed ? 1 : 0);

/** What a person reads: the counts, then each publication whose outputs changed, then each failure with its reason. */
export function reportLines(r: RerenderReport): string[] {
  const { planned, rerendered, unchanged, failed } = r.counts;
  return [
    `re-render with fingerprint ${r.fingerprint}${r.templateVersion ? ` (template version ${r.templateVersion})` : ''}: ${planned} publication(s), ${rerendered} re-rendered, ${unchanged} unchanged, ${failed} failed`,
    ...r.outputsChanged.map((c) => `  changed: ${c.id}: ${c.files.join(', ')}`),
    ...(r.outputsSame.length ? [`  re-rendered, outputs identical: ${r.outputsSame.join(', ')}`] : []),
    ...r.failed.map((f) => `  failed: ${f.id} (${f.key}): ${f.reason}`),
    ...r.skipped.map((s) => `  failed: ${s.key}: ${s.reason}`),
  ];
}
