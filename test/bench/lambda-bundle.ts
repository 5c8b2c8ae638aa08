// Builds the render function's bundle from the one definition the CDK stack deploys
// (lib/bundling.ts: esbuild options and the assets copied beside it), for the bench's
// bundle-size and cold-start figures.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { buildRenderBundle } from '../../lib/bundling.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

export async function buildLambdaBundle(outDir: string): Promise<{ zipBytes: number; zipBytesWithoutMap: number; files: string[] }> {
  await buildRenderBundle(ROOT, outDir);
  const files = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : [join(d, f)]));
  const all = files(outDir);
  const zip = async (list: string[]) => {
    const z = new JSZip();
    for (const f of list) z.file(f.slice(outDir.length + 1), readFileSync(f));
    return (await z.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } })).byteLength;
  };
  return { zipBytes: await zip(all), zipBytesWithoutMap: await zip(all.filter((f) => !f.endsWith('.map'))), files: all };
}
