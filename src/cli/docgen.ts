// docgen: build a publication's formats from its content file.
//   docgen build <file> --out <dir> [--formats pdf,docx,txt,large-print-pdf,large-print-docx] [--root <content root>]
// The organisation profile is the nearest organisation.yaml from the file's folder up to the
// content root (by default the working folder), as for uploads (src/organisation/find.ts).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { OUTPUT_KEYS } from '../pipeline/formats.ts';
import { formatProblem, type Problem } from '../parse/problems.ts';
import { folderInputReader, folderProfile, writePublication } from '../storage/folder.ts';
import { loadOrganisation } from '../organisation/load.ts';
import { withLogo } from '../organisation/logo.ts';
import { LIMITS } from '../limits.ts';
import { gatherInputs } from '../pipeline/inputs.ts';
import { codeFingerprint } from '../pipeline/fingerprint.ts';
import { failureProblem, faultReference, RenderPool } from '../pipeline/isolate.ts';

const USAGE = `Usage: docgen build <content file> --out <folder> [--formats ${OUTPUT_KEYS.join(',')}] [--root <content root>]`;

export async function build(file: string, out: string, formats?: string[], log: (s: string) => void = console.log, root?: string): Promise<boolean> {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch {
    log(`${file}: error: cannot read this file`);
    return false;
  }
  const unknown = formats?.filter((f) => !OUTPUT_KEYS.includes(f)) ?? [];
  if (unknown.length) throw new Error(`unknown format ${unknown.map((u) => `"${u}"`).join(', ')}; choose from ${OUTPUT_KEYS.join(', ')}`);
  const t0 = performance.now();
  const fingerprint = codeFingerprint(ROOT);
  const profile = folderProfile(file, root);
  const parsedProfile = profile && loadOrganisation(profile.path, profile.bytes);
  const org = profile && parsedProfile?.ok ? await withLogo(profile.path, parsedProfile, async (p) => readIfThere(p)) : parsedProfile;
  if (org && !org.ok) return refuse(file, org.problems, log);
  const profileFiles = profile && org?.ok ? [{ name: profile.path, bytes: profile.bytes }, ...('bytes' in org && org.bytes ? [org.bytes] : [])] : [];
  const inputs = await gatherInputs(file, content, folderInputReader(file), fingerprint, LIMITS, profileFiles);
  if (!inputs.parsed.source) return refuse(file, inputs.parsed.problems, log);
  // The same worker, time budget and heap cap as the render function.
  const pool = new RenderPool({ keepIdle: 0 });
  const result = await pool.render({ key: file, content, pictures: [...inputs.pictures], texts: [...inputs.texts], formats, fingerprint, inputs: inputs.files, ...(org?.ok ? { organisation: org.organisation } : {}) });
  await pool.close();
  if (!result.ok) {
    if ('failure' in result) {
      const reference = faultReference(result.detail);
      // The details are for whoever runs the service, not for the author: only when asked for.
      if (process.env.DOCGEN_DEBUG) console.error(`reference ${reference}:\n${result.detail}`);
      return refuse(file, [failureProblem(file, result.failure, reference)], log);
    }
    return refuse(file, result.problems, log);
  }
  for (const r of result.files) log(`  made ${r.file.file.padEnd(44)} ${(r.file.pages ? `${r.file.pages} pages` : '').padEnd(10)} ${kb(r.file.bytes).padStart(9)} ${Math.round(r.ms).toString().padStart(6)} ms`);
  for (const w of result.manifest.warnings) log(formatProblem(w));
  const dir = writePublication(out, result.manifest, result.files, result.index);
  const bytes = result.files.reduce((s, f) => s + f.file.bytes, 0);
  log(`${result.manifest.id}: ${result.files.length} file(s), ${kb(bytes)}, in ${Math.round(performance.now() - t0)} ms → ${dir}`);
  return true;
}

const ROOT = join(import.meta.dirname, '..', '..');

/** A file's bytes, or undefined if it cannot be read (the caller says what is missing). */
function readIfThere(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function refuse(file: string, problems: Problem[], log: (s: string) => void): false {
  log(`${file}: ${problems.length} problem(s); nothing was published:`);
  for (const p of problems) log(formatProblem(p));
  return false;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string', default: 'out' }, formats: { type: 'string' }, root: { type: 'string' }, help: { type: 'boolean' } } });
  const [command, file] = positionals;
  if (values.help || command !== 'build' || !file) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const formats = values.formats?.split(',').map((s) => s.trim()).filter(Boolean);
  try {
    return (await build(file, values.out!, formats, console.log, values.root)) ? 0 : 1;
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('unknown format')) {
      console.error(`error: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('docgen.ts')) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
