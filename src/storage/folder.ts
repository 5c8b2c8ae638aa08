// Local-folder storage: reads a content file and its pictures, writes a publication's files
// to out/<id>/ with manifest.json last, replacing the folder only once everything is made.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ImageLoader } from '../../templates/common/blocks.ts';
import type { Manifest, Rendered } from '../pipeline/publish.ts';
import { imageFromBytes } from './images.ts';

export function folderImageLoader(contentFile: string): ImageLoader {
  const dir = dirname(resolve(contentFile));
  return (file) => {
    const path = join(dir, file);
    if (!path.startsWith(dir) || !existsSync(path)) return undefined;
    return imageFromBytes(readFileSync(path));
  };
}

export function folderTextLoader(contentFile: string): (file: string) => string | undefined {
  const dir = dirname(resolve(contentFile));
  return (file) => {
    const path = join(dir, file);
    return path.startsWith(dir) && existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  };
}

export function writePublication(outDir: string, manifest: Manifest, files: Rendered[], index: string): string {
  const final = join(outDir, manifest.id);
  const staging = `${final}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const f of files) writeFileSync(join(staging, f.file.file), f.data);
  writeFileSync(join(staging, 'index.html'), index);
  writeFileSync(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  rmSync(final, { recursive: true, force: true });
  renameSync(staging, final);
  return final;
}
