// Local-folder storage: reads a content file's pictures and sibling files from its folder, and
// writes a publication's files to out/<id>/ with manifest.json last, replacing the folder only
// once everything is made. Only files inside the content file's folder are read: a name that
// leads outside it, directly (../) or through a symbolic link, is refused.
import { lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ImageLoader } from '../../templates/common/blocks.ts';
import type { Manifest, Rendered } from '../pipeline/publish.ts';
import type { InputReader } from '../pipeline/inputs.ts';
import { LIMITS, type Limits } from '../limits.ts';
import { isPictureName, nameProblem, sizeProblem } from '../pictures/check.ts';
import { bytesImageLoader } from './images.ts';
import { PROFILE_NAME, profileCandidates } from '../organisation/find.ts';

/** Pictures beside the content file, each checked by checkPicture; see the ImageLoader contract. */
export function folderImageLoader(contentFile: string, limits: Limits = LIMITS): ImageLoader {
  const find = finder(contentFile);
  return bytesImageLoader((file) => {
    const found = find(file, 'picture');
    if (!found || 'problem' in found) return found;
    const problem = nameProblem(file) ?? sizeProblem(file, found.size, limits); // before reading it
    if (problem) return { problem };
    try {
      return readFileSync(found.path);
    } catch (e) {
      return { problem: `the picture "${file}" could not be read (${readError(e)}); upload it again` };
    }
  }, limits, () => picturesBeside(contentFile));
}

/** The picture files in the content file's folder (for "did you mean"); none if it cannot be read. */
function picturesBeside(contentFile: string): string[] {
  try {
    return readdirSync(dirname(resolve(contentFile))).filter(isPictureName).sort();
  } catch {
    return [];
  }
}

/**
 * Other content files beside this one (an agenda pack's papers). A file that is not there, or is
 * refused (outside the folder, a link to outside it, not a file), gives undefined, as the callers
 * expect; `onRefused` hears why a file that is there was refused.
 */
export function folderTextLoader(
  contentFile: string,
  onRefused?: (file: string, problem: string) => void,
): (file: string) => string | undefined {
  const find = finder(contentFile);
  return (file) => {
    const found = find(file, 'file');
    if (found && 'problem' in found) onRefused?.(file, found.problem);
    if (!found || 'problem' in found) return undefined;
    try {
      return readFileSync(found.path, 'utf8');
    } catch (e) {
      onRefused?.(file, `the file "${file}" could not be read (${readError(e)})`);
      return undefined;
    }
  };
}

/**
 * The CLI's InputReader (src/pipeline/inputs.ts): any file the content names, found as the loaders
 * above find it; a picture over the size limit is refused before it is read.
 */
export function folderInputReader(contentFile: string, limits: Limits = LIMITS): InputReader {
  const find = finder(contentFile);
  return async (file) => {
    const picture = isPictureName(file);
    const found = find(file, picture ? 'picture' : 'file');
    if (!found || 'problem' in found) return found;
    const problem = picture ? sizeProblem(file, found.size, limits) : undefined;
    if (problem) return { problem };
    try {
      return readFileSync(found.path);
    } catch (e) {
      return { problem: `the file "${file}" could not be read (${readError(e)}); upload it again` };
    }
  };
}

type Found = { path: string; size: number } | { problem: string } | undefined;

const readError = (e: unknown) =>
  ['EACCES', 'EPERM'].includes((e as NodeJS.ErrnoException).code ?? '') ? 'permission to read it is missing' : 'the disk reported an error';

/** Finds a named file inside the content file's folder, following links only to inside it. */
function finder(contentFile: string): (file: string, what: 'picture' | 'file') => Found {
  const dir = dirname(resolve(contentFile));
  let realDir: string | undefined;
  const inside = (root: string, path: string) => {
    const r = relative(root, path);
    return r !== '' && r !== '..' && !r.startsWith(`..${sep}`) && !isAbsolute(r);
  };
  return (file, what) => {
    const q = `the ${what} "${file}"`;
    const path = resolve(dir, file);
    if (!inside(dir, path)) return { problem: `${q} is not in the content file's folder; put it beside the content file and give just its name` };
    try {
      lstatSync(path);
    } catch {
      return undefined; // not there
    }
    let real: string;
    try {
      realDir ??= realpathSync(dir);
      real = realpathSync(path);
    } catch {
      return { problem: `${q} is a link to a file that is not there; copy the ${what} itself into the folder` };
    }
    if (!inside(realDir, real)) return { problem: `${q} is a link to a file outside the content folder; copy the ${what} itself into the folder` };
    let stat;
    try {
      stat = statSync(real);
    } catch {
      return undefined; // gone since
    }
    if (!stat.isFile()) return { problem: `${q} is a folder or device, not a file; give the name of the ${what} itself` };
    return { path: real, size: stat.size };
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

/**
 * The organisation profile that governs a content file on disk: the nearest organisation.yaml in
 * its folder or a folder above it, up to `root` (the content root), by the rule the uploads follow
 * (src/organisation/find.ts). `root` defaults to the working folder when the file is inside it,
 * else the file's own folder. Undefined when there is none (the default profile applies).
 */
export function folderProfile(contentFile: string, root?: string): { path: string; bytes: Uint8Array } | undefined {
  const file = resolve(contentFile);
  const cwd = process.cwd();
  const top = resolve(root ?? (relative(cwd, file).startsWith('..') ? dirname(file) : cwd));
  const slash = (p: string) => p.split(sep).join('/');
  const rootKey = slash(top).replace(/\/?$/, '/');
  for (const candidate of profileCandidates(slash(file), rootKey)) {
    const path = candidate.split('/').join(sep);
    try {
      if (!statSync(path).isFile()) continue;
      return { path: relative(cwd, path) || PROFILE_NAME, bytes: readFileSync(path) };
    } catch {
      // not there: look one folder up
    }
  }
  return undefined;
}
