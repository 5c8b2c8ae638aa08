// docgen: build a publication's formats from its content file.
//   docgen build <file> --out <dir> [--formats pdf,docx,txt,large-print-pdf,large-print-docx]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { publish } from '../pipeline/publish.ts';
import { OUTPUTS } from '../pipeline/formats.ts';
import { formatProblem } from '../parse/problems.ts';
import { folderImageLoader, folderTextLoader, writePublication } from '../storage/folder.ts';

const USAGE = `Usage: docgen build <content file> --out <folder> [--formats ${OUTPUTS.map((o) => o.key).join(',')}]`;

export async function build(file: string, out: string, formats?: string[], log: (s: string) => void = console.log): Promise<boolean> {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch {
    log(`${file}: error: cannot read this file`);
    return false;
  }
  const t0 = performance.now();
  const result = await publish(file, content, folderImageLoader(file), {
    formats,
    loadText: folderTextLoader(file),
    onOutput: (r) => log(`  made ${r.file.file.padEnd(44)} ${(r.file.pages ? `${r.file.pages} pages` : '').padEnd(10)} ${kb(r.file.bytes).padStart(9)} ${Math.round(r.ms).toString().padStart(6)} ms`),
  });
  if (!result.ok) {
    log(`${file}: ${result.problems.length} problem(s); nothing was published:`);
    for (const p of result.problems) log(formatProblem(p));
    return false;
  }
  for (const w of result.manifest.warnings) log(formatProblem(w));
  const dir = writePublication(out, result.manifest, result.files, result.index);
  const bytes = result.files.reduce((s, f) => s + f.file.bytes, 0);
  log(`${result.manifest.id}: ${result.files.length} file(s), ${kb(bytes)}, in ${Math.round(performance.now() - t0)} ms → ${dir}`);
  return true;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string', default: 'out' }, formats: { type: 'string' }, help: { type: 'boolean' } } });
  const [command, file] = positionals;
  if (values.help || command !== 'build' || !file) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const formats = values.formats?.split(',').map((s) => s.trim()).filter(Boolean);
  try {
    return (await build(file, values.out!, formats)) ? 0 : 1;
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
