// The render function's bundle, defined once: the CDK stack deploys it (renderBundling) and the
// bench builds the same thing without CDK (buildRenderBundle: esbuildOptions + assetCommands), so
// what is measured is what is deployed; test/deployed-bundle.test.ts checks the two are identical.
// Only type imports from aws-cdk-lib: the bench loads this file and must not pay for (or measure
// the memory of) the CDK library.
import type { BuildOptions } from 'esbuild';
import type { BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { join } from 'node:path';

// CommonJS dependencies in an ESM bundle expect require, __filename and __dirname.
export const ESM_BANNER =
  "import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);";
/** The Lambda Node.js runtime provides the AWS SDK v3. */
export const EXTERNAL = ['@aws-sdk/*'];

export const RENDER_BUNDLE = {
  /** Relative to the repository root. */
  entry: 'lambdas/render/handler.ts',
  /** The file esbuild writes for format esm (NodejsFunction names it; the handler is index.handler). */
  outfile: 'index.mjs',
  format: 'esm' as string,
  /** Matches the function's runtime (Runtime.NODEJS_24_X in the stack; test/cdk.test.ts checks they agree). */
  target: 'node24',
  minify: true,
  sourcemap: true,
  external: EXTERNAL,
  banner: ESM_BANNER,
  /**
   * Packages whose `main` esbuild cannot bundle, replaced by their own ES module build. jsonc-parser's
   * main is UMD: its factory requires ./impl/* through a parameter, which esbuild cannot follow, so
   * the bundle loads but throws "Cannot find module './impl/format'" when it parses a content file
   * (test/deployed-bundle.test.ts found it). Node, running the sources, loads the UMD file correctly.
   * Not `mainFields: module,main` for every package: pdfkit would then change build too, and the
   * bundle would differ from what the other tests run.
   */
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' } as Record<string, string>,
  /**
   * Folders of the repository copied whole beside index.mjs: assets/ holds the fonts (with their
   * licence) and the Easy Read symbols (with theirs). The function's DOCGEN_ASSETS names the copy.
   */
  assets: ['assets'],
} as const;

/**
 * Shell commands that copy RENDER_BUNDLE.assets into a bundle folder. NodejsFunction runs them as
 * its afterBundling hook (bash -c, in the project root); buildRenderBundle runs the same commands.
 */
export function assetCommands(inputDir: string, outputDir: string): string[] {
  return RENDER_BUNDLE.assets.map((dir) => `cp -R "${inputDir}/${dir}" "${outputDir}/${dir}"`);
}

/** NodejsFunction's bundling props for the render function (the entry is its own prop). */
export function renderBundling(): BundlingOptions {
  return {
    format: RENDER_BUNDLE.format as OutputFormat,
    target: RENDER_BUNDLE.target,
    minify: RENDER_BUNDLE.minify,
    sourceMap: RENDER_BUNDLE.sourcemap,
    // Bundle with the project's esbuild (CDK turns to Docker only when it finds no esbuild).
    forceDockerBundling: false,
    externalModules: [...RENDER_BUNDLE.external],
    banner: RENDER_BUNDLE.banner,
    // NodejsFunction has no alias prop: `--alias:<package>=<path>`, resolved in the project root.
    esbuildArgs: Object.fromEntries(Object.entries(RENDER_BUNDLE.alias).map(([from, to]) => [`--alias:${from}`, to])),
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (inputDir: string, outputDir: string) => assetCommands(inputDir, outputDir),
    },
  };
}

/**
 * The same build through esbuild's API. NodejsFunction runs the esbuild CLI as
 * `esbuild --bundle <entry> --target=<t> --platform=node --format=<f> --outfile=<out>/index.mjs
 * --minify --sourcemap --external:<e>... --banner:js=<b> --alias:<p>=<path>` (aws-cdk-lib/aws-lambda-nodejs
 * bundling.js, run in the project root); these are those flags, one for one.
 */
export function esbuildOptions(root: string, outDir: string): BuildOptions {
  return {
    entryPoints: [join(root, RENDER_BUNDLE.entry)],
    absWorkingDir: root,
    bundle: true,
    target: RENDER_BUNDLE.target,
    platform: 'node',
    format: RENDER_BUNDLE.format as BuildOptions['format'],
    outfile: join(outDir, RENDER_BUNDLE.outfile),
    minify: RENDER_BUNDLE.minify,
    sourcemap: RENDER_BUNDLE.sourcemap,
    external: [...RENDER_BUNDLE.external],
    banner: { js: RENDER_BUNDLE.banner },
    alias: { ...RENDER_BUNDLE.alias },
    logLevel: 'silent',
  };
}

/** Builds the bundle into outDir (emptied first) without CDK: esbuild, then the asset commands. */
export async function buildRenderBundle(root: string, outDir: string): Promise<void> {
  const { rmSync, mkdirSync } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  const { build } = await import('esbuild');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build(esbuildOptions(root, outDir));
  for (const cmd of assetCommands(root, outDir)) execFileSync('bash', ['-c', cmd], { cwd: root, stdio: 'inherit' });
}
