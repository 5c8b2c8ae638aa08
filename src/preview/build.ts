// One preview build: a content file to its publication's files on disk, as `docgen build` makes
// them (the same inputs, the same isolated render, the same folder writer), but keeping the render
// worker warm between saves and saying which files went in, so the watcher knows what to watch.
// Written against the lower-level pieces (gatherInputs, RenderPool, writePublication) rather than
// the CLI's build, so the preview does not depend on how the CLI is arranged.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Problem } from '../parse/problems.ts';
import { folderInputReader, folderProfile, writePublication } from '../storage/folder.ts';
import { loadOrganisation } from '../organisation/load.ts';
import { withLogo } from '../organisation/logo.ts';
import { LIMITS } from '../limits.ts';
import { gatherInputs } from '../pipeline/inputs.ts';
import { failureProblem, faultReference, RenderPool } from '../pipeline/isolate.ts';
import type { Manifest } from '../pipeline/publish.ts';

/** What a build ends in. `inputs`: absolute paths of every file it read besides the content. */
export type BuildOutcome =
  | { ok: true; manifest: Manifest; dir: string; inputs: string[]; ms: number; at: Date }
  | { ok: false; problems: Problem[]; inputs: string[]; ms: number; at: Date };

export interface Builder {
  build(): Promise<BuildOutcome>;
  close(): Promise<void>;
}

/**
 * `file` is named in problems as given (so an editor can open file:line:col); `out` is the folder
 * the publication's own folder is written into; `root` is the content root that bounds the search
 * for organisation.yaml (src/storage/folder.ts folderProfile).
 */
export function builder(opts: { file: string; out: string; root?: string; fingerprint: string }): Builder {
  // One warm worker: the renderer stays loaded between saves, which is most of a rebuild's speed.
  const pool = new RenderPool({ keepIdle: 1, maxWorkers: 1 });
  pool.warm();
  const { file, out, root, fingerprint } = opts;
  const here = dirname(resolve(file));
  return {
    async build() {
      const t0 = performance.now();
      const inputs: string[] = [];
      const done = (r: { ok: true; manifest: Manifest; dir: string } | { ok: false; problems: Problem[] }): BuildOutcome => ({ ...r, inputs, ms: performance.now() - t0, at: new Date() });
      let content: Buffer;
      try {
        content = readFileSync(file);
      } catch {
        return done({ ok: false, problems: [{ file, line: 1, col: 1, path: '', severity: 'error', message: 'this file cannot be read (it is not there, or is being saved); save it again' }] });
      }
      const profile = folderProfile(file, root);
      if (profile) inputs.push(resolve(profile.path));
      const parsedProfile = profile && loadOrganisation(profile.path, profile.bytes);
      const org = profile && parsedProfile?.ok ? await withLogo(profile.path, parsedProfile, async (p) => readIfThere(p)) : parsedProfile;
      if (org?.ok && 'bytes' in org && org.bytes) inputs.push(resolve(org.bytes.name));
      if (org && !org.ok) return done({ ok: false, problems: org.problems });
      const profileFiles = profile && org?.ok ? [{ name: profile.path, bytes: profile.bytes }, ...('bytes' in org && org.bytes ? [org.bytes] : [])] : [];
      const read = folderInputReader(file);
      // Every file the content names, found or not: a picture named before it is saved beside the
      // content is watched too, so saving it rebuilds.
      const gathered = await gatherInputs(file, content, async (name) => {
        inputs.push(join(here, name));
        return read(name);
      }, fingerprint, LIMITS, profileFiles);
      if (!gathered.parsed.source) return done({ ok: false, problems: gathered.parsed.problems });
      const result = await pool.render({ key: file, content, pictures: [...gathered.pictures], texts: [...gathered.texts], fingerprint, inputs: gathered.files, ...(org?.ok ? { organisation: org.organisation } : {}) });
      if (!result.ok) {
        if ('failure' in result) return done({ ok: false, problems: [failureProblem(file, result.failure, faultReference(result.detail))] });
        return done({ ok: false, problems: result.problems });
      }
      const dir = writePublication(out, result.manifest, result.files, result.index);
      return done({ ok: true, manifest: result.manifest, dir });
    },
    close: () => pool.close(),
  };
}

/** A file's bytes, or undefined if it cannot be read (the caller says what is missing). */
function readIfThere(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
