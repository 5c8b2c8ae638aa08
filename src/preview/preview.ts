// The live preview: builds a publication, serves it on a stable local address, and rebuilds it
// each time its content file, its pictures or its organisation.yaml is saved, telling the open
// page to reload: first with the HTML publication alone (a draft, quick), then with every format.
// The published files go to out/preview/<id>/ (or `out`), exactly as `docgen build` writes them.
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
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
  /** Resolves with the next build to finish: a draft (the HTML alone) or every format. */
  nextBuild(): Promise<BuildOutcome>;
  /** Resolves when no build is running or waiting: every format made for the newest save. */
  settled(): Promise<void>;
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
  const state: PageState = { file, build: `${run}-0`, making: false };
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
  let saves = 0;
  const watcher = watchFiles(always, () => {
    saves++;
    void drafts.run();
  }, { accept: isPicture });

  /** A new page for every open browser to load, and the outcome for whoever listens. */
  const announce = (o: BuildOutcome) => {
    state.build = `${run}-${++count}`;
    server.announce('build', state.build);
    events.emit('build', o);
  };

  // Each save is drafted (the HTML alone, in about a second) and the page reloads with it; then
  // every format is made and written, and the page reloads with their links. Drafts do not wait
  // for a previous save's formats: a save while they are made is drafted at once.
  const drafts = serially(async () => {
    const at = saves;
    server.announce('building', '');
    const d = await build.build({ draft: true });
    watcher.set([...always, ...d.inputs]);
    if (at !== saves) return; // saved again meanwhile: the next draft shows that
    state.latest = d;
    if (d.ok) {
      state.shown = { html: d.html, at: d.at };
      state.making = true;
      void full.run();
    } else {
      log(`✗ ${file}: ${d.problems.length} problem(s); the preview keeps the last files that built:`);
      for (const p of d.problems) log(formatProblem(p));
    }
    announce(d);
  });
  const full = serially(async () => {
    const at = saves;
    const o = await build.build();
    if (o.ok) {
      good = { dir: o.dir!, types: new Map([...o.manifest.outputs.map((f) => [f.file, f.contentType] as const), ['index.html', 'text/html; charset=utf-8']]) };
      state.files = { manifest: o.manifest, at: o.at };
      log(`✓ ${o.manifest.id}: ${o.manifest.outputs.length} files in ${(o.ms / 1000).toFixed(1)} s → ${shown(o.dir!)}${sep}`);
    }
    // Files for an older save than the newest: written, but the newest save's build will follow.
    if (at !== saves || (state.latest && !state.latest.ok)) return;
    state.latest = o;
    state.making = false;
    if (o.ok) {
      state.shown = { html: o.html, at: o.at };
      for (const w of o.manifest.warnings) log(formatProblem(w));
    } else {
      log(`✗ ${file}: ${o.problems.length} problem(s); the preview keeps the last files that built:`);
      for (const p of o.problems) log(formatProblem(p));
    }
    announce(o);
  });

  await drafts.run();
  await settled();
  await watcher.ready();
  log(`Preview of ${file} at ${server.url} : save the file and the page reloads. Press Ctrl+C to stop.`);
  async function settled() {
    while (drafts.busy() || full.busy()) await Promise.all([drafts.idle(), full.idle()]);
  }
  return {
    url: server.url,
    latest: () => state.latest!,
    nextBuild: () => new Promise((r) => events.once('build', r)),
    settled,
    events,
    async close() {
      await watcher.close();
      await settled();
      await server.close();
      await build.close();
    },
  };
}

/**
 * Runs `job` one at a time: a run asked for while one is going gives one more run after it,
 * however many were asked for.
 */
function serially(job: () => Promise<void>) {
  let running: Promise<void> | undefined;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await job();
        } while (again);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  return { run, busy: () => !!running, idle: () => running ?? Promise.resolve() };
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
