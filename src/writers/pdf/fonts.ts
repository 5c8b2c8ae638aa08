// The embedded fonts (Atkinson Hyperlegible, OFL-1.1; licence in assets/fonts). Read once per
// process and handed to pdfmake's in-memory file system, so rendering touches no files.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FONT_FILES = { normal: 'AtkinsonHyperlegible-Regular.ttf', bold: 'AtkinsonHyperlegible-Bold.ttf' } as const;

/** Where assets live: beside the bundle in Lambda (DOCGEN_ASSETS), else the repository's assets/. */
export function assetsDir(): string {
  return process.env.DOCGEN_ASSETS ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'assets');
}

let cache: Record<keyof typeof FONT_FILES, Buffer> | undefined;

export function fontData(): Record<keyof typeof FONT_FILES, Buffer> {
  cache ??= {
    normal: readFileSync(join(assetsDir(), 'fonts', FONT_FILES.normal)),
    bold: readFileSync(join(assetsDir(), 'fonts', FONT_FILES.bold)),
  };
  return cache;
}
