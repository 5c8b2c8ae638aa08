// `docgen build <file>`: one publication's formats from its content file, into <out>/<id>/.
// Results go to stdout (or one JSON object with --json); problems, warnings and progress to stderr.
// The work is in src/cli/publication.ts, loaded when the command runs.
import { Command } from 'commander';
import { formatProblem } from '../../parse/problems.ts';
import { err, EXIT, out } from '../streams.ts';

/**
 * The outputs --formats takes, for the help; the pipeline's own list (OUTPUT_KEYS) loads every
 * writer, so it is written out here, and test/cli.test.ts checks the two agree.
 */
export const FORMAT_KEYS = ['html', 'pdf', 'docx', 'txt', 'brf', 'epub', 'large-print-pdf', 'large-print-docx'];

export function buildCommand(): Command {
  return new Command('build')
    .description('make a publication\'s formats from its content file (YAML or JSON)')
    .argument('<file>', 'the content file, e.g. content/easy-read/osborne-court-easy-read.yaml')
    .option('-o, --out <dir>', 'the folder the publication goes to, as <dir>/<id>/', 'out')
    .option('-f, --formats <list>', `only these outputs, comma-separated: ${FORMAT_KEYS.join(', ')}`)
    .option('--root <dir>', 'the content root: organisation.yaml is looked for from the file\'s folder up to here (default: the working folder)')
    .option('--json', 'print one JSON object on stdout (ok, id, files, warnings, problems) and nothing else there')
    .option('--progress', 'say what is happening on stderr even when it is not a terminal (it does on a terminal)')
    .addHelpText('after', `\nExit status: ${EXIT.ok} published, ${EXIT.content} content problems (nothing written), ${EXIT.usage} usage error.`)
    .action(async (file: string, o: { out: string; formats?: string; root?: string; json?: boolean; progress?: boolean }) => {
      const formats = o.formats?.split(',').map((s) => s.trim()).filter(Boolean);
      const progress = o.progress || process.stderr.isTTY ? (line: string) => err(`docgen: ${line}`) : undefined;
      const { buildPublication, jsonReport, refusalLines, resultLines } = await import('../publication.ts');
      const r = await buildPublication(file, { out: o.out, formats, root: o.root, progress });
      // Warnings are always shown, --json or not: they are for the author to read.
      for (const w of r.warnings) err(formatProblem(w));
      if (!r.ok) refusalLines(file, r).forEach(err);
      if (o.json) out(JSON.stringify(jsonReport(r)));
      else if (r.ok) resultLines(r).forEach(out);
      process.exitCode = r.ok ? EXIT.ok : EXIT.content;
    });
}
