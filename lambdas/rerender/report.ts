// The re-render state machine's last step: reads what each stage's Distributed Map wrote (its
// ResultWriter manifest and result files), makes the report (src/rerender/report.ts), stores it
// whole under reports/<execution>.json, and returns its counts, the publications whose outputs
// changed and the failures with their reasons (shortened to fit a state's output) for the
// state machine's choice and the deploy workflow's summary.
import type { Storage } from '../../src/pipeline/storage.ts';
import type { RerenderResult } from '../../src/rerender/engine.ts';
import { buildReport } from '../../src/rerender/report.ts';
import { resultFileKeys, resultsOf, type ResultWriterManifest } from '../../src/rerender/result-writer.ts';
import type { Stage } from '../../src/rerender/plan.ts';
import { s3Storage } from '../../src/storage/s3.ts';

let storage: Storage | undefined;

interface MapOutput {
  ResultWriterDetails?: { Bucket: string; Key: string };
}

/** How many publications the returned summary lists in each list; the stored report lists all. */
const LISTED = 100;

export function makeReportHandler(store: () => Storage, env: NodeJS.ProcessEnv = process.env) {
  const text = async (bucket: string, key: string) => {
    const b = await store().get(bucket, key);
    if (!b) throw new Error(`s3://${bucket}/${key} does not exist`);
    return Buffer.from(b).toString('utf8');
  };
  return async (event: { execution: string; papers: MapOutput; packs: MapOutput; skipped?: { key: string; reason: string }[] }) => {
    const reports = env.REPORT_BUCKET;
    if (!reports) throw new Error('REPORT_BUCKET must be set');
    const results: RerenderResult[] = [];
    for (const stage of ['papers', 'packs'] as Stage[]) {
      const details = event[stage]?.ResultWriterDetails;
      if (!details) continue;
      const manifest = JSON.parse(await text(details.Bucket, details.Key)) as ResultWriterManifest;
      for (const key of resultFileKeys(manifest)) results.push(...resultsOf(await text(details.Bucket, key), stage));
    }
    const report = buildReport(results, { fingerprint: env.DOCGEN_FINGERPRINT ?? 'unfingerprinted', templateVersion: env.TEMPLATE_VERSION, skipped: event.skipped ?? [] });
    const reportKey = `reports/${event.execution.replace(/[^A-Za-z0-9_-]/g, '_')}.json`;
    await store().put(reports, reportKey, JSON.stringify(report, null, 2) + '\n', 'application/json');
    return {
      report: `s3://${reports}/${reportKey}`,
      counts: report.counts,
      outputsChanged: report.outputsChanged.slice(0, LISTED),
      failed: [...report.failed, ...report.skipped.map((s) => ({ id: '?', key: s.key, reason: s.reason }))].slice(0, LISTED).map((f) => ({ ...f, reason: f.reason.slice(0, 500) })),
    };
  };
}

export const handler = makeReportHandler(() => (storage ??= s3Storage()));
