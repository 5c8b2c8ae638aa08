// The edge that reads the bundled assets (fonts, Easy Read symbols, resvg's WebAssembly) from
// disk, once per process: beside the bundle in Lambda (DOCGEN_ASSETS), else the repository's assets/.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Assets } from '../writers/context.ts';

/** resvg's WebAssembly, copied from @resvg/resvg-wasm (test/docx.test.ts checks it is the installed version's). */
export const RESVG_WASM = 'resvg.wasm';
export const FONT_FILES = { normal: 'AtkinsonHyperlegible-Regular.ttf', bold: 'AtkinsonHyperlegible-Bold.ttf' } as const;

export function assetsDir(): string {
  return process.env.DOCGEN_ASSETS ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'assets');
}

export function loadAssets(dir = assetsDir()): Assets {
  const symbols = new Map<string, string>();
  for (const f of readdirSync(join(dir, 'symbols')).sort()) if (f.endsWith('.svg')) symbols.set(f.slice(0, -4), readFileSync(join(dir, 'symbols', f), 'utf8'));
  let resvg: Uint8Array | undefined;
  return {
    fonts: { normal: readFileSync(join(dir, 'fonts', FONT_FILES.normal)), bold: readFileSync(join(dir, 'fonts', FONT_FILES.bold)) },
    symbols,
    // 2.4 MB, needed only by outputs that draw bitmaps (DOCX pictures and charts).
    resvgWasm: () => (resvg ??= readFileSync(join(dir, 'resvg', RESVG_WASM))),
  };
}

let cached: Assets | undefined;

/** The assets of this installation, read on first use. */
export function defaultAssets(): Assets {
  cached ??= loadAssets();
  return cached;
}
