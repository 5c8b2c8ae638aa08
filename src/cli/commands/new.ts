// `docgen new <kind> [file]`: writes a starter content file for a document kind (src/cli/starters.ts),
// headed by the yaml-language-server line that points an editor at the kind's JSON Schema, so the
// editor checks and completes fields from the first keystroke. Never overwrites a file.
// The kinds are the starters' (test/cli.test.ts checks every kind in templates/index.ts has one):
// loading the kinds themselves would load the whole renderer for a command that needs none of it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { Argument, Command } from 'commander';
import { STARTERS } from '../starters.ts';
import { err, EXIT, out } from '../streams.ts';

// The repository, where schema/ is: three folders up from src/cli/commands/, two from dist/cli/.
const ROOT = import.meta.url.endsWith('.ts') ? join(import.meta.dirname, '..', '..', '..') : join(import.meta.dirname, '..', '..');

/** A publication id from a file name: "Osborne Court 2026.yaml" → "osborne-court-2026". */
export function idFromName(file: string, fallback: string): string {
  const id = basename(file, extname(file)).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return id || fallback;
}

/** The starter's text for a file at `file`: the $schema line (relative to the file), then the fields. */
export function starterText(kind: string, file: string, today = new Date().toISOString().slice(0, 10)): string {
  const starter = STARTERS[kind];
  if (!starter) throw new Error(`there is no starter for the kind "${kind}"`);
  const schema = relative(dirname(resolve(file)), join(ROOT, 'schema', `${kind}.schema.json`)).split(sep).join('/');
  return `# yaml-language-server: $schema=${schema}\n${starter({ id: idFromName(file, kind), today })}`;
}

export function newCommand(): Command {
  return new Command('new')
    .description('write a starter content file for a document kind, with a comment on every field')
    .addArgument(new Argument('<kind>', 'the document kind').choices(Object.keys(STARTERS)))
    .argument('[file]', 'the file to write (default: <kind>.yaml in the working folder)')
    .addHelpText('after', '\nIt never overwrites a file: if the file is there, it says so and exits with status 1.')
    .action((kind: string, file: string | undefined) => {
      const target = file ?? `${kind}.yaml`;
      const text = starterText(kind, target);
      mkdirSync(dirname(resolve(target)), { recursive: true });
      try {
        // "wx": fails if the file exists, with no moment between looking and writing.
        writeFileSync(target, text, { flag: 'wx' });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        err(code === 'EEXIST' ? `docgen: error: ${target} is already there; nothing was written. Give another file name, or move the file away first.` : `docgen: error: cannot write ${target} (${code ?? 'unknown error'}); nothing was written.`);
        process.exitCode = EXIT.content;
        return;
      }
      out(`wrote ${target}`);
      err(`Fill it in, then publish it with: npx docgen build ${target}`);
    });
}
