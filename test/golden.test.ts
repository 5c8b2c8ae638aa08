// Golden outputs (every content file in content/): any change to the plain text, the DOCX's
// document.xml or the PDFs' tag trees and page text fails here and shows as a diff to review.
// `npm run golden:update` rewrites them; commit the diff with the change that made it.
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { publish, type Rendered } from '../src/pipeline/publish.ts';
import { folderImageLoader, folderTextLoader } from '../src/storage/folder.ts';
import { docxGolden, pdfGolden } from './support/golden.ts';
import { contentFiles } from './support/content.ts';

const UPDATE = !!process.env.UPDATE_GOLDEN;


/** What each output is read back as, and the golden file it is kept in. */
async function goldenOf(r: Rendered): Promise<[suffix: string, text: string] | undefined> {
  const { format, profile } = r.file;
  const prefix = profile === 'large-print' ? 'large-print-' : '';
  if (format === 'txt') return [`${prefix}txt`, Buffer.from(r.data).toString('utf8')];
  if (format === 'docx' && profile !== 'large-print') return ['docx.xml', await docxGolden(r.data)];
  if (format === 'pdf') return [`${prefix}pdf.yaml`, await pdfGolden(r.data)];
  if (format === 'html') return [`${prefix}html`, Buffer.from(r.data).toString('utf8')];
  if (format === 'brf') return [`${prefix}brf`, Buffer.from(r.data).toString('latin1')];
  if (format === 'epub') return [`${prefix}epub.txt`, epubGolden(r.data)];
  return undefined;
}

/**
 * An EPUB read back: every entry with its size, then the package document and the navigation
 * document whole (metadata, contents, page list). The content documents are the HTML writer's
 * handlers, whose output the html golden already holds.
 */
function epubGolden(bytes: Uint8Array): string {
  const entries = unzipSync(bytes);
  const names = Object.keys(entries);
  const text = (n: string) => new TextDecoder().decode(entries[n]);
  const whole = names.filter((n) => /\.opf$|nav\.xhtml$/.test(n));
  return [...names.map((n) => `${n} ${entries[n].byteLength}`), '', ...whole.flatMap((n) => [`== ${n}`, text(n)])].join('\n');
}

describe('golden outputs', () => {
  for (const file of contentFiles()) {
    const name = basename(file, extname(file));
    it(`${file}: every output matches its golden`, async () => {
      const r = await publish(file, readFileSync(file), folderImageLoader(file), { loadText: folderTextLoader(file) });
      if (!r.ok) throw new Error(r.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.path} ${p.message}`).join('\n'));
      const dir = join('test/golden', name);
      const goldens = (await Promise.all(r.files.map(goldenOf))).filter((g): g is [string, string] => !!g);
      expect(goldens.length).toBeGreaterThan(0);
      for (const [suffix, text] of goldens) {
        const path = join(dir, suffix);
        if (UPDATE) {
          mkdirSync(dir, { recursive: true });
          writeFileSync(path, text);
        }
        expect(existsSync(path), `${path} is missing: run npm run golden:update and review it`).toBe(true);
        expect(text, `${path} differs: review the change, then npm run golden:update`).toBe(readFileSync(path, 'utf8'));
      }
      // A golden whose output is no longer made is stale.
      const kept = existsSync(dir) ? readdirSync(dir) : [];
      expect(kept.sort()).toEqual(goldens.map(([s]) => s).sort());
    });
  }
});
