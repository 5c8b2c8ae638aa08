// Reading what Step Functions' Distributed Map wrote (its ResultWriter: a manifest.json naming
// SUCCEEDED_n.json and FAILED_n.json files, each a JSON array of child executions) back into
// re-render results. A child that succeeded carries the item Lambda's result as its Output (a
// JSON string); a child that failed (the Lambda threw after its retries: storage, a timeout)
// carries its Input, Error and Cause, and becomes a failed result with that reason. Pure: texts in.
import type { RerenderResult } from './engine.ts';
import { failedRerender } from './report.ts';
import type { RerenderItem, Stage } from './plan.ts';

export interface ResultWriterManifest {
  ResultFiles?: { SUCCEEDED?: { Key: string }[]; FAILED?: { Key: string }[]; PENDING?: { Key: string }[] };
}

interface ChildExecution {
  Status?: string;
  Input?: string;
  Output?: string;
  Error?: string;
  Cause?: string;
}

/** The result files a manifest names, succeeded and failed (pending ones cannot exist once the Map has finished). */
export function resultFileKeys(manifest: ResultWriterManifest): string[] {
  const f = manifest.ResultFiles ?? {};
  return [...(f.SUCCEEDED ?? []), ...(f.FAILED ?? []), ...(f.PENDING ?? [])].map((x) => x.Key);
}

const json = <T>(s: string | undefined): T | undefined => {
  try {
    return s ? (JSON.parse(s) as T) : undefined;
  } catch {
    return undefined;
  }
};

/** One result file's children as results. */
export function resultsOf(fileText: string, stage: Stage): RerenderResult[] {
  const children = json<ChildExecution[]>(fileText) ?? [];
  return children.map((c) => {
    const out = c.Status === 'SUCCEEDED' ? json<RerenderResult>(c.Output) : undefined;
    if (out && typeof out.status === 'string') return out;
    const item = json<RerenderItem>(c.Input);
    const why = [c.Error, c.Cause].filter(Boolean).join(': ') || `the child execution ended ${c.Status ?? 'without a status'}`;
    return failedRerender({ id: item?.id, version: item?.version, key: item?.source?.key }, stage, why.slice(0, 1000));
  });
}
