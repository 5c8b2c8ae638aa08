// Builds the render function's bundle as the CDK stack does (esbuild, ESM, minified, SDK external),
// for the bench's bundle-size and cold-start figures.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { ESM_BANNER, EXTERNAL } from '../../lib/bundling.ts';

export async function buildLambdaBundle(outDir: string): Promise<{ zipBytes: number; zipBytesWithoutMap: number; files: string[] }> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: ['lambdas/render/handler.ts'],
    outfile: join(outDir, 'index.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    sourcemap: true,
    external: EXTERNAL,
    banner: { js: ESM_BANNER },
    logLevel: 'silent',
  });
  cpSync('assets/fonts', join(outDir, 'assets/fonts'), { recursive: true });
  const files = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : [join(d, f)]));
  const all = files(outDir);
  const zip = async (list: string[]) => {
    const z = new JSZip();
    for (const f of list) z.file(f.slice(outDir.length + 1), readFileSync(f));
    return (await z.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } })).byteLength;
  };
  return { zipBytes: await zip(all), zipBytesWithoutMap: await zip(all.filter((f) => !f.endsWith('.map'))), files: all };
}
