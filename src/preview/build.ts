// One preview build: a content file to its publication's files on disk, as `docgen build` makes
// them (the same inputs, the same isolated render, the same folder writer), but keeping render
// workers warm between saves and saying which files went in, so the watcher knows what to watch.
// A draft is the HTML publication alone, checked as fully as any build but not written: it takes
// a fraction of the time of every format, so the page can show a save while the PDFs are made.
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

/**
 * What a build ends in. `draft`: the HTML alone, not written (`dir` absent); `html`: the HTML
 * publication's text, when the publication has one; `inputs`: absolute paths of every file it
 * read besides the content.
 */
export type BuildOutcome =
  | { ok: true; draft: boolean; manifest: Manifest; dir?: string; html?: string; inputs: string[]; ms: number; at: Date }
  | { ok: false; draft: boolean; problems: Problem[]; inputs: string[]; ms: number; at: Date };

export interface Builder {
  /** Every format, written to the folder; or, as a draft, the HTML publication alone, not written. */
  build(opts?: { draft?: boolean }): Promise<BuildOutcome>;
  close(): Promise<void>;
}

/**
 * `file` is named in problems as given (so an editor can open file:line:col); `out` is the folder
 * the publication's own folder is written into; `root` is the content root that bounds the search
 * for organisation.yaml (src/storage/folder.ts folderProfile).
 */
export function builder(opts: { file: string; out: string; root?: string; fingerprint: string }): Builder {
  // Warm workers, so the renderer stays loaded between saves (most of a rebuild's speed): one for
  // drafts, and two that share every format between them (src/pipeline/lanes.ts), so the draft
  // of a new save need not wait for the PDFs of the one before; each started now.
  const pools = { draft: new RenderPool({ keepIdle: 1, maxWorkers: 1 }), full: new RenderPool({ keepIdle: 2, maxWorkers: 2 }) };
  pools.draft.warm();
  pools.full.warm();
  const { file, out, root, fingerprint } = opts;
  const here = dirname(resolve(file));
  return {
    async build({ draft = false } = {}) {
      const t0 = performance.now();
      const inputs: string[] = [];
      const done = (r: { ok: true; manifest: Manifest; dir?: string; html?: string } | { ok: false; problems: Problem[] }): BuildOutcome => ({ ...r, draft, inputs, ms: performance.now() - t0, at: new Date() });
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
      const result = await pools[draft ? 'draft' : 'full'].render({ key: file, content, pictures: [...gathered.pictures], texts: [...gathered.texts], ...(draft ? { formats: ['html'] } : {}), fingerprint, inputs: gathered.files, ...(org?.ok ? { organisation: org.organisation } : {}) });
      if (!result.ok) {
        if ('failure' in result) {
          const reference = faultReference(result.detail);
          // The details are for whoever works on the service, not for the author: only when asked for.
          if (process.env.DOCGEN_DEBUG) console.error(`reference ${reference}:\n${result.detail}`);
          return done({ ok: false, problems: [failureProblem(file, result.failure, reference)] });
        }
        return done({ ok: false, problems: result.problems });
      }
      const page = result.files.find((f) => f.file.format === 'html');
      const html = page ? new TextDecoder().decode(page.data) : undefined;
      if (draft) return done({ ok: true, manifest: result.manifest, html });
      const dir = writePublication(out, result.manifest, result.files, result.index);
      return done({ ok: true, manifest: result.manifest, dir, html });
    },
    close: async () => {
      await Promise.all([pools.draft.close(), pools.full.close()]);
    },
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
