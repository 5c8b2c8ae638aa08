// `docgen import <file.docx> --kind <kind> [--out <file>]`: starts a publication from a Word
// draft. Writes the content file (YAML, text in Markdown) and its pictures beside it, prints what
// it wrote on stdout and what a person must still do on stderr (or all of it as JSON with --json).
// A file that is not a .docx is a content problem (exit 1, one sentence); a wrong call is exit 2.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { Command, Option } from 'commander';
import { importDocx, importKinds, NotDocxError } from '../../import/index.ts';
import { folderProfile } from '../../storage/folder.ts';
import { loadOrganisation } from '../../organisation/load.ts';
import { err, EXIT, out, UsageError } from '../streams.ts';

// The repository (for schema/): three folders up from src/cli/commands/, two from the bundle.
const ROOT = import.meta.url.endsWith('.ts') ? join(import.meta.dirname, '..', '..', '..') : join(import.meta.dirname, '..', '..');

export interface ImportCommandOptions {
  kind: string;
  out?: string;
  force?: boolean;
  json?: boolean;
}

/** The organisation's name from the profile that will govern the content file, if there is one. */
function organisationFor(contentFile: string): string | undefined {
  const profile = folderProfile(contentFile);
  if (!profile) return undefined;
  const loaded = loadOrganisation(profile.path, profile.bytes);
  return loaded.ok ? loaded.organisation.name : undefined;
}

/** Imports one draft; the exit status it comes to. Throws UsageError for a wrong call. */
export async function runImport(file: string, opts: ImportCommandOptions): Promise<number> {
  if (!importKinds().includes(opts.kind)) throw new UsageError(`a Word draft can be imported as ${importKinds().join(', ')}; not "${opts.kind}"`);
  const target = opts.out ?? join(dirname(file), `${basename(file, extname(file))}.yaml`);
  if (!/\.ya?ml$/i.test(target)) throw new UsageError(`--out must name a .yaml file (got "${target}")`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    err(`${file}: error: cannot read this file; check its name and that it is not a folder`);
    return EXIT.content;
  }
  const folder = dirname(resolve(target));
  const schemaPath = relative(folder, join(ROOT, 'schema', `${opts.kind}.schema.json`)).split(sep).join('/');
  const organisation = organisationFor(target);
  let result;
  try {
    result = await importDocx(bytes, { kind: opts.kind, organisation, schemaPath, file: target });
  } catch (e) {
    if (e instanceof NotDocxError) {
      err(`${file}: error: ${e.message}`);
      return EXIT.content;
    }
    throw e;
  }
  const written = [target, ...result.pictures.map((p) => join(dirname(target), p.name))];
  const existing = written.filter((f) => existsSync(f));
  if (existing.length && !opts.force) {
    err(`${file}: error: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written. Choose another --out, or add --force to replace ${existing.length === 1 ? 'it' : 'them'}`);
    return EXIT.content;
  }
  mkdirSync(folder, { recursive: true });
  writeFileSync(target, result.yaml);
  for (const p of result.pictures) writeFileSync(join(dirname(target), p.name), p.bytes);
  if (opts.json) {
    out(JSON.stringify({ file: target, pictures: result.pictures.map((p) => join(dirname(target), p.name)), todo: result.todo }, null, 2));
    return EXIT.ok;
  }
  for (const f of written) out(`wrote ${f}`);
  if (result.todo.length) {
    err(`${result.todo.length} thing(s) to do before ${target} is ready:`);
    for (const line of result.todo) err(`  - ${line}`);
  }
  return EXIT.ok;
}

export function importCommand(): Command {
  return new Command('import')
    .description('start a publication from a Word draft (.docx): writes its content file and pictures, and lists what is left to do')
    .argument('<file>', 'the Word draft (.docx)')
    .addOption(new Option('--kind <kind>', 'the kind of publication it becomes').choices(importKinds()).makeOptionMandatory())
    .option('--out <file>', 'the content file to write (pictures go beside it); by default the draft\'s name with .yaml')
    .option('--force', 'replace files that are already there')
    .option('--json', 'print what was written and the to-do list as one JSON object')
    .action(async (file: string, o: ImportCommandOptions) => {
      process.exitCode = await runImport(file, o);
    });
}
