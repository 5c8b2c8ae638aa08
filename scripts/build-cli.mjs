// Bundles the docgen command (src/cli/docgen.ts) into dist/cli/docgen.mjs with esbuild, so that
// `npx docgen` starts in plain Node, without tsx compiling TypeScript on every run. npm runs this
// as the `prepare` script (on `npm install` and `npm ci` of a clone); test/cli.test.ts runs it too.
//
// docgen.mjs holds the commands; what a command loads when it runs (the renderer, for build) is in
// chunk files beside it, so --help and --version start without it. The chunk that holds RenderPool
// (src/pipeline/isolate.ts) is also the render worker: RenderPool starts a worker on its own
// module's file when that is not TypeScript. Every chunk is in dist/cli/ itself, because
// src/storage/assets.ts finds fonts, symbols and resvg's WebAssembly two folders above its own
// file, in the repository's assets/ (DOCGEN_ASSETS still overrides).
//
// Plain JavaScript, because it runs before anything is compiled. The banner, the externals and the
// aliases are the render function's (lib/bundling.ts), read from that file rather than copied:
// esbuild compiles it in memory and this script imports the result.
import { build, buildSync } from 'esbuild';
import { chmodSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = join(ROOT, 'dist', 'cli', 'docgen.mjs');

/** lib/bundling.ts's exports (ESM_BANNER, RENDER_BUNDLE), compiled without its type-only imports. */
async function renderBundleSettings() {
  const compiled = buildSync({ entryPoints: [join(ROOT, 'lib', 'bundling.ts')], bundle: true, platform: 'node', format: 'esm', write: false, external: ['esbuild', 'aws-cdk-lib'], logLevel: 'silent' });
  return import(`data:text/javascript;base64,${Buffer.from(compiled.outputFiles[0].text).toString('base64')}`);
}

export async function buildCli() {
  const { ESM_BANNER, RENDER_BUNDLE } = await renderBundleSettings();
  const dir = dirname(CLI_BUNDLE);
  mkdirSync(dir, { recursive: true });
  // The chunks of an earlier build, whose names (hashes) this build does not reuse.
  for (const f of readdirSync(dir)) if (f.endsWith('.mjs')) rmSync(join(dir, f));
  await build({
    entryPoints: { docgen: join(ROOT, 'src', 'cli', 'docgen.ts') },
    absWorkingDir: ROOT,
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The oldest Node this project runs on (package.json engines), not Lambda's Node 24.
    target: 'node20',
    // The shebang makes docgen.mjs the `bin` (harmless in the chunks, which get it too); the rest
    // gives CommonJS dependencies require and __dirname.
    banner: { js: `#!/usr/bin/env node\n${ESM_BANNER}` },
    external: [...RENDER_BUNDLE.external],
    alias: { ...RENDER_BUNDLE.alias },
    // Not minified: a fault's details (DOCGEN_DEBUG) then name real functions, and start-up is the
    // same (measured in docs/decisions/0002-dependencies-added.md).
    minify: false,
    sourcemap: false,
    logLevel: 'warning',
  });
  // Runnable as ./dist/cli/docgen.mjs too, not only through npx and node.
  chmodSync(CLI_BUNDLE, 0o755);
  return CLI_BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = await buildCli();
  console.log(`built ${file.slice(ROOT.length + 1)}`);
}
