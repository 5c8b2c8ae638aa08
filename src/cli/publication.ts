// One publication built from its content file on disk into <out>/<id>/, for `docgen build`
// (src/cli/commands/build.ts, which loads this only when it runs: the renderer is most of docgen's
// start-up, and --help and --version do not need it). The organisation profile is the nearest
// organisation.yaml from the file's folder up to the content root (by default the working
// folder), as for uploads (src/organisation/find.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kindOf } from '../../templates/index.ts';
import { OUTPUT_KEYS, selectOutputs } from '../pipeline/formats.ts';
import { formatProblem, type Problem } from '../parse/problems.ts';
import { folderInputReader, folderProfile, writePublication } from '../storage/folder.ts';
import { loadOrganisation } from '../organisation/load.ts';
import { withLogo } from '../organisation/logo.ts';
import { LIMITS } from '../limits.ts';
import { gatherInputs, type InputReader } from '../pipeline/inputs.ts';
import { codeFingerprint } from '../pipeline/fingerprint.ts';
import { failureProblem, faultReference, RenderPool } from '../pipeline/isolate.ts';
import { UsageError } from './streams.ts';

export interface BuildOptions {
  out: string;
  formats?: string[];
  /** The content root the organisation profile is looked for up to. */
  root?: string;
  /** One line per stage as it starts (reading papers, rendering); the caller decides where, if anywhere. */
  progress?: (line: string) => void;
}

/** What a build came to: what --json prints, and what the text output is made from. */
export interface BuildReport {
  ok: boolean;
  id?: string;
  /** The folder the publication was written to (only when ok). */
  dir?: string;
  files: { name: string; bytes: number; pages?: number; ms: number }[];
  warnings: Problem[];
  problems: Problem[];
  ms: number;
}

// The repository, whose code the render fingerprint is taken of: two folders up from src/cli/,
// and from dist/cli/, where the bundle is.
const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Builds one publication, or reports every problem and writes nothing. Throws UsageError for a
 * format no kind has (the caller's mistake, not the content's).
 */
export async function buildPublication(file: string, opts: BuildOptions): Promise<BuildReport> {
  const t0 = performance.now();
  const refused = (problems: Problem[]): BuildReport => ({ ok: false, files: [], warnings: [], problems, ms: performance.now() - t0 });
  const unknown = opts.formats?.filter((f) => !OUTPUT_KEYS.includes(f)) ?? [];
  if (unknown.length) throw new UsageError(`unknown format ${unknown.map((u) => `"${u}"`).join(', ')}; choose from ${OUTPUT_KEYS.join(', ')}`);
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch {
    return refused([{ file, line: 1, col: 1, path: '', severity: 'error', message: 'cannot read this file; check its name and that it is not a folder' }]);
  }
  const progress = opts.progress ?? (() => {});
  const fingerprint = codeFingerprint(ROOT);
  const profile = folderProfile(file, opts.root);
  if (profile) progress(`using the organisation profile ${profile.path}`);
  const parsedProfile = profile && loadOrganisation(profile.path, profile.bytes);
  const org = profile && parsedProfile?.ok ? await withLogo(profile.path, parsedProfile, async (p) => readIfThere(p)) : parsedProfile;
  if (org && !org.ok) return refused(org.problems);
  const profileFiles = profile && org?.ok ? [{ name: profile.path, bytes: profile.bytes }, ...('bytes' in org && org.bytes ? [org.bytes] : [])] : [];
  const inputs = await gatherInputs(file, content, announced(folderInputReader(file), progress), fingerprint, LIMITS, profileFiles);
  if (!inputs.parsed.source) return refused(inputs.parsed.problems);
  const kind = kindOf((inputs.parsed.source.data as { kind?: unknown } | null)?.kind);
  // The worker gives no word until the whole publication is made, so this is the last line until then.
  const outputs = kind ? selectOutputs(kind.outputs, opts.formats).map((o) => o.key) : [];
  progress(`checking and rendering ${outputs.length ? outputs.join(', ') : 'the publication'}…`);
  // The same worker, time budget and heap cap as the render function.
  const pool = new RenderPool({ keepIdle: 0 });
  const result = await pool.render({ key: file, content, pictures: [...inputs.pictures], texts: [...inputs.texts], formats: opts.formats, fingerprint, inputs: inputs.files, ...(org?.ok ? { organisation: org.organisation } : {}) });
  await pool.close();
  if (!result.ok) {
    if ('failure' in result) {
      const reference = faultReference(result.detail);
      // The details are for whoever runs the service, not for the author: only when asked for.
      if (process.env.DOCGEN_DEBUG) process.stderr.write(`reference ${reference}:\n${result.detail}\n`);
      return refused([failureProblem(file, result.failure, reference)]);
    }
    return refused(result.problems);
  }
  progress(`writing ${result.files.length} file(s)…`);
  const dir = writePublication(opts.out, result.manifest, result.files, result.index);
  return {
    ok: true,
    id: result.manifest.id,
    dir,
    files: result.files.map((r) => ({ name: r.file.file, bytes: r.file.bytes, ...(r.file.pages ? { pages: r.file.pages } : {}), ms: Math.round(r.ms) })),
    warnings: result.manifest.warnings,
    problems: [],
    ms: performance.now() - t0,
  };
}

/** The reader, saying which content file (an agenda pack's agenda or paper) it reads as it reads it. */
function announced(read: InputReader, progress: (line: string) => void): InputReader {
  return (name) => {
    if (/\.(ya?ml|json)$/i.test(name)) progress(`reading ${name}`);
    return read(name);
  };
}

/** A file's bytes, or undefined if it cannot be read (the caller says what is missing). */
function readIfThere(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The result lines: one per file made, then where they went. */
export function resultLines(r: BuildReport): string[] {
  const lines = r.files.map((f) => `  made ${f.name.padEnd(44)} ${(f.pages ? `${f.pages} pages` : '').padEnd(10)} ${kb(f.bytes).padStart(9)} ${f.ms.toString().padStart(6)} ms`);
  const bytes = r.files.reduce((s, f) => s + f.bytes, 0);
  lines.push(`${r.id}: ${r.files.length} file(s), ${kb(bytes)}, in ${Math.round(r.ms)} ms → ${r.dir}`);
  return lines;
}

/** The lines that say why nothing was published. */
export function refusalLines(file: string, r: BuildReport): string[] {
  return [`${file}: ${r.problems.length} problem(s); nothing was published:`, ...r.problems.map(formatProblem)];
}

/**
 * The build as the tests and the bench call it: every line to one log, true if published.
 * Kept so that callers that read the lines (test/validation.test.ts and others) need not change.
 */
export async function build(file: string, out: string, formats?: string[], log: (s: string) => void = console.log, root?: string): Promise<boolean> {
  const r = await buildPublication(file, { out, formats, root });
  if (!r.ok) {
    refusalLines(file, r).forEach(log);
    return false;
  }
  // The files made, the warnings, then the summary line, as the callers read them.
  const lines = resultLines(r);
  lines.slice(0, -1).forEach(log);
  r.warnings.map(formatProblem).forEach(log);
  log(lines[lines.length - 1]);
  return true;
}

/** What --json prints: the report, with problems and warnings as plain located records. */
export function jsonReport(r: BuildReport) {
  const located = (p: Problem) => ({ file: p.file, line: p.line, col: p.col, path: p.path, message: p.message, ...(p.rule ? { rule: p.rule } : {}) });
  return { ok: r.ok, id: r.id ?? null, dir: r.dir ?? null, files: r.files, warnings: r.warnings.map(located), problems: r.problems.map(located), ms: Math.round(r.ms) };
}

