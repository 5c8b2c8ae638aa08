// The bench's whole-process comparison (issue 18): a fresh process each run, as a resident's
// download or a CI job pays for it, interleaved A B C, A B C…:
//   A  `docgen build` of the Local Account, every output (the bundled CLI, dist/cli/docgen.mjs);
//   B  Typst compiling its two PDFs (12pt and 18pt, PDF/UA-1) from the same model, in plain Node;
//   C  pandoc turning the same text into DOCX, then LibreOffice exporting a tagged PDF from it.
// Each ratio is the median of the run-by-run ratios. pandoc and LibreOffice (libreoffice-writer-
// nogui) are Debian packages; the bench says so and stops this part when they are missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DocumentModel } from '../../src/model/types.ts';
import { typstSource } from './typst.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** A Node script that compiles the two .typ files in a fresh process, as `typst compile` would. */
const TYPST_TWO = `
import { readFileSync, writeFileSync } from 'node:fs';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
const [fonts, dir] = process.argv.slice(2);
const fontBlobs = ['AtkinsonHyperlegible-Regular.ttf', 'AtkinsonHyperlegible-Bold.ttf'].map((f) => readFileSync(fonts + '/' + f));
const c = NodeCompiler.create({ fontArgs: [{ fontBlobs }] });
for (const size of [12, 18]) {
  const doc = c.compile({ mainFileContent: readFileSync(dir + '/la-' + size + '.typ', 'utf8') });
  writeFileSync(dir + '/la-' + size + '.pdf', c.pdf(doc.result, { pdfStandard: 'ua-1' }));
}
`;

export function wholeProcess(file: string, model: DocumentModel, plainText: string, runs: number): void {
  const missing = ['pandoc', 'soffice'].filter((c) => !has(c));
  const root = resolve(import.meta.dirname, '..', '..');
  const cli = join(root, 'dist', 'cli', 'docgen.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'bench-whole-'));
  for (const size of [12, 18]) writeFileSync(join(dir, `la-${size}.typ`), typstSource(model, size));
  // Beside the project's node_modules, so the script finds Typst's compiler.
  const typstScript = join(root, 'test', 'bench', '.typst-two.mjs');
  writeFileSync(typstScript, TYPST_TWO);
  writeFileSync(join(dir, 'la.md'), plainText); // our plain text is Markdown: setext headings, "- " lists
  const time = (cmd: string, args: string[]) => {
    const s = performance.now();
    execFileSync(cmd, args, { stdio: 'ignore', cwd: dir });
    return performance.now() - s;
  };
  const A = () => time(process.execPath, [cli, 'build', resolve(root, file), '--out', join(dir, 'out'), '--root', join(root, 'content')]);
  const B = () => time(process.execPath, [typstScript, join(root, 'assets', 'fonts'), dir]);
  const C = () => time('sh', ['-c', `pandoc la.md -o la.docx && soffice --headless --convert-to 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}' --outdir . la.docx`]);
  console.log(`\nWhole process, a fresh process each run, interleaved, ${runs} runs after a warm-up:`);
  if (missing.length) console.log(`  (${missing.join(' and ')} not installed: apt-get install pandoc libreoffice-writer-nogui; the pandoc comparison is left out)`);
  A(), B(), missing.length || C(); // warm the file cache and LibreOffice's profile
  const a: number[] = [], b: number[] = [], c: number[] = [], ab: number[] = [], ac: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(A());
    b.push(B());
    ab.push(a[i] / b[i]);
    if (!missing.length) {
      c.push(C());
      ac.push(a[i] / c[i]);
    }
  }
  console.log(`  docgen build, every output:             ${median(a).toFixed(0)} ms`);
  console.log(`  Typst, its two PDFs:                    ${median(b).toFixed(0)} ms   ratio ours/Typst ${median(ab).toFixed(2)} (target ≤ 2)`);
  if (!missing.length) console.log(`  pandoc → DOCX → LibreOffice tagged PDF: ${median(c).toFixed(0)} ms   ratio ours/theirs ${median(ac).toFixed(2)} (target < 1)`);
}
