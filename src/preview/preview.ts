// The live preview: builds a publication, serves it on a stable local address, and rebuilds it
// each time its content file, its pictures or its organisation.yaml is saved, telling the open
// page to reload. Builds run one at a time; saves during a build give one more build after it.
// The published files go to out/preview/<id>/ (or `out`), exactly as `docgen build` writes them.
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { formatProblem } from '../parse/problems.ts';
import { codeFingerprint } from '../pipeline/fingerprint.ts';
import { profileCandidates } from '../organisation/find.ts';
import { builder, type BuildOutcome } from './build.ts';
import { previewPage, type PageState } from './page.ts';
import { publishedFile, startServer } from './server.ts';
import { isPicture, watchFiles } from './watch.ts';

export { PortInUseError } from './server.ts';
export type { BuildOutcome } from './build.ts';

export const DEFAULT_PORT = 4570;

export interface PreviewOptions {
  /** The content file. */
  file: string;
  /** 4570 unless given; 0 picks a free port. */
  port?: number;
  /** The content root: organisation.yaml is looked for from the file's folder up to it. */
  root?: string;
  /** Where the publication's folder is written; out/preview under the working folder unless given. */
  out?: string;
  /** Progress lines; console.log unless given. */
  log?: (line: string) => void;
}

export interface Preview {
  /** http://127.0.0.1:<port>/ */
  url: string;
  /** The newest build. */
  latest(): BuildOutcome;
  /** Resolves with the next build to finish. */
  nextBuild(): Promise<BuildOutcome>;
  /** 'build' with each build's outcome. */
  events: EventEmitter<{ build: [BuildOutcome] }>;
  close(): Promise<void>;
}

const ROOT = join(import.meta.dirname, '..', '..');

/** Starts the preview: listens first (a taken port fails at once), then builds, then watches. */
export async function startPreview(opts: PreviewOptions): Promise<Preview> {
  const log = opts.log ?? console.log;
  const file = opts.file;
  const out = resolve(opts.out ?? join('out', 'preview'));
  const events = new EventEmitter<{ build: [BuildOutcome] }>();
  // A token per run, so a page left open across a restart of the preview reloads too.
  const run = randomBytes(4).toString('hex');
  let count = 0;
  const state: PageState = { file, build: `${run}-0` };
  let good: { dir: string; types: Map<string, string> } | undefined;
  let page: { build: string; html: string } | undefined;

  const server = await startServer(
    {
      page() {
        if (page?.build !== state.build) page = { build: state.build, html: previewPage(state) };
        return page.html;
      },
      file: (name) => (good ? publishedFile(good.dir, good.types, name) : undefined),
      build: () => state.build,
    },
    opts.port ?? DEFAULT_PORT,
  );
  const build = builder({ file, out, root: opts.root, fingerprint: codeFingerprint(ROOT) });
  const always = [file, ...profilePaths(file, opts.root)];
  const watcher = watchFiles(always, () => rebuild(), { accept: isPicture });

  const record = (o: BuildOutcome) => {
    state.latest = o;
    if (o.ok) {
      const html = o.manifest.outputs.find((f) => f.format === 'html' && f.profile !== 'large-print');
      state.good = { outcome: o, html: html ? readFileSync(join(o.dir, html.file), 'utf8') : undefined };
      good = { dir: o.dir, types: new Map([...o.manifest.outputs.map((f) => [f.file, f.contentType] as const), ['index.html', 'text/html; charset=utf-8']]) };
      log(`✓ ${o.manifest.id}: ${o.manifest.outputs.length} files in ${(o.ms / 1000).toFixed(1)} s → ${shown(o.dir)}${sep}`);
      for (const w of o.manifest.warnings) log(formatProblem(w));
    } else {
      log(`✗ ${file}: ${o.problems.length} problem(s); the preview keeps the last files that built:`);
      for (const p of o.problems) log(formatProblem(p));
    }
    state.build = `${run}-${++count}`;
    watcher.set([...always, ...o.inputs]);
    server.announce('build', state.build);
    events.emit('build', o);
  };

  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;
  function rebuild(): Promise<void> {
    if (closed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        server.announce('building', '');
        record(await build.build());
      } while (again && !closed);
      running = undefined;
    })();
    return running;
  }

  await rebuild();
  await watcher.ready();
  log(`Preview of ${file} at ${server.url} : save the file and the page reloads. Press Ctrl+C to stop.`);
  return {
    url: server.url,
    latest: () => state.latest!,
    nextBuild: () => new Promise((r) => events.once('build', r)),
    events,
    async close() {
      closed = true;
      await watcher.close();
      await running;
      await server.close();
      await build.close();
    },
  };
}

/** Every place organisation.yaml may be for this file, nearest first, by the uploads' rule. */
function profilePaths(file: string, root?: string): string[] {
  const abs = resolve(file);
  const cwd = process.cwd();
  // The same default root as folderProfile (src/storage/folder.ts).
  const top = resolve(root ?? (relative(cwd, abs).startsWith('..') ? dirname(abs) : cwd));
  const slash = (p: string) => p.split(sep).join('/');
  return profileCandidates(slash(abs), slash(top).replace(/\/?$/, '/')).map((p) => p.split('/').join(sep));
}

/** A path as the person running the preview would type it: relative to the working folder when inside it. */
function shown(path: string): string {
  const r = relative(process.cwd(), path);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : path;
}
