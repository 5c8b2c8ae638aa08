// `docgen rerender`: what a deploy does to every publication, on this machine. The content folder
// is published to an embedded S3 kept in a state folder between runs (only changed files are
// uploaded); then every current publication is re-rendered with this code, papers before agenda
// packs, in worker threads, and only those whose render fingerprint changed are rendered. The
// report goes to stdout (--json: one object), progress to stderr; exit 1 if any publication failed.
// docgen.ts registers it: program.addCommand(rerenderCommand()).
import { Command, InvalidArgumentError } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { err, EXIT, out } from '../streams.ts';

const whole = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('give a whole number of at least 1');
  return n;
};

export function rerenderCommand(): Command {
  return new Command('rerender')
    .description('re-render every current publication with this code, as a deploy does, on an embedded S3 (only those whose render fingerprint changed are rendered)')
    .option('--content <dir>', 'the content folder to publish first', 'content')
    .option('--state <dir>', 'where the embedded S3 keeps what was published between runs', join('out', '.rerender-s3'))
    .option('--workers <n>', 'publications rendered at once, each in a worker thread', whole, Math.min(2, availableParallelism()))
    .option('--fingerprint <hash>', 'the render fingerprint to re-render with (default: this code\'s); another value acts as a template change')
    .option('--report <file>', 'also write the report as JSON to this file', join('out', 'rerender-report.json'))
    .option('--json', 'print the report as one JSON object on stdout')
    .addHelpText('after', `\nExit status: ${EXIT.ok} every publication re-rendered or unchanged, ${EXIT.content} any publication failed (each is listed with its reason), ${EXIT.usage} usage error.`)
    .action(async (o: { content: string; state: string; workers: number; fingerprint?: string; report: string; json?: boolean }) => {
      // Loaded here: the embedded S3 and the renderer cost the other commands nothing.
      const [{ startEmbeddedS3, INPUT_BUCKET, OUTPUT_BUCKET }, { RenderPool }, { codeFingerprint }, local, { reportLines, exitStatus }] = await Promise.all([
        import('../../local/embedded-s3.ts'),
        import('../../pipeline/isolate.ts'),
        import('../../pipeline/fingerprint.ts'),
        import('../../rerender/local.ts'),
        import('../../rerender/report.ts'),
      ]);
      mkdirSync(o.state, { recursive: true });
      // One pool for the uploads' renders and the re-renders, so its workers stay warm between them.
      // Each publication in one worker, `workers` publications at once (not two lanes each).
      const pool = new RenderPool({ maxWorkers: o.workers, lanes: 1 });
      const s3 = await startEmbeddedS3({ directory: o.state, pool });
      try {
        const uploaded = await local.syncContent(s3, INPUT_BUCKET, o.content);
        err(`docgen: ${uploaded.length} changed file(s) of ${o.content}/ uploaded and published first`);
        const fingerprint = o.fingerprint ?? codeFingerprint(local.ROOT);
        err(`docgen: re-rendering every publication with fingerprint ${fingerprint}, ${o.workers} at once`);
        const report = await local.rerenderLibrary({ storage: s3.storage, inputBucket: INPUT_BUCKET, outputBucket: OUTPUT_BUCKET, fingerprint, templateVersion: 'local', workers: o.workers, pool });
        mkdirSync(dirname(o.report), { recursive: true });
        writeFileSync(o.report, JSON.stringify(report, null, 2) + '\n');
        if (o.json) out(JSON.stringify(report));
        else reportLines(report).forEach(out);
        err(`docgen: report written to ${o.report}`);
        process.exitCode = exitStatus(report) ? EXIT.content : EXIT.ok;
      } finally {
        await s3.close(); // and the pool
      }
    });
}
