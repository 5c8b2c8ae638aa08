// Renders a publication in a worker thread, so that a render can be stopped. pdfmake lays out
// synchronously: a render that runs past its time budget, or past its heap, cannot be interrupted
// from inside, but its worker can be terminated, and the upload still ends in a report.
// The worker runs this same module: in the Lambda bundle that is the bundle file itself.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { esbuildOptions, RENDER_BUNDLE } from '../../lib/bundling.ts';
import { LIMITS } from '../limits.ts';
import { codeFingerprint } from './fingerprint.ts';
import type { Problem } from '../parse/problems.ts';
import type { PictureInput } from './inputs.ts';
import { publish, type PublishResult } from './publish.ts';
import { mergeLanes, planLanes } from './lanes.ts';
import { kindNamedIn } from './validate.ts';
import { preloadWriters } from './formats.ts';
import type { Organisation } from '../organisation/types.ts';

export interface RenderTask {
  key: string;
  content: Uint8Array;
  pictures: [string, PictureInput][];
  texts: [string, Uint8Array][];
  formats?: string[];
  templateVersion?: string;
  fingerprint: string;
  inputs: { name: string; sha256: string }[];
  /** The organisation profile that governs the content, already checked; the default profile if absent. */
  organisation?: Organisation;
}

/** What a render ends in: a result, or a failure the pipeline reports without a stack trace. */
export type IsolatedResult =
  | PublishResult
  | { ok: false; failure: 'timeout' | 'memory' | 'crash'; detail: string };

const ROLE = 'docgen-render-worker';

type Reply = { result: PublishResult } | { error: string };

/** The worker's side: render each task it is sent, one at a time. */
function serve() {
  parentPort!.on('message', async (task: RenderTask) => {
    let reply: Reply;
    try {
      const pictures = new Map(task.pictures);
      const texts = new Map(task.texts);
      const result = await publish(task.key, task.content, (f) => pictures.get(f), {
        formats: task.formats,
        templateVersion: task.templateVersion,
        fingerprint: task.fingerprint,
        inputs: task.inputs,
        loadText: (f) => texts.get(f),
        organisation: task.organisation,
      });
      reply = { result };
    } catch (e) {
      reply = { error: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) };
    }
    // Copied, not transferred: an output can be a view of a buffer the worker keeps using (pooled
    // Buffers, caches), and transferring would detach it under the next render.
    parentPort!.postMessage(reply);
  });
}

if (!isMainThread && (workerData as { role?: string } | undefined)?.role === ROLE) {
  serve();
  // A worker started ahead of its work loads the writers while it waits (they load on first use
  // otherwise, so a lane loads only its own). A writer that fails to load fails its render, which
  // reports it; here the failure is only an early attempt.
  if ((workerData as { preload?: boolean }).preload) preloadWriters().catch(() => {});
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let devWorkerFile: string | undefined;

/**
 * Unbundled (tsx, vitest), this module is TypeScript, which a worker cannot load without a loader,
 * and a loader's hooks hang new workers after one is terminated (seen under vitest). So the worker
 * runs the render function's own bundle, built once a process with the stack's esbuild options:
 * the code a worker runs in development is the code it runs in Lambda.
 */
function devBundle(): string {
  // Looked for again each time: another process may have removed it (below) since.
  if (!devWorkerFile || !existsSync(devWorkerFile)) {
    // Inside the repository, so that the bundle's one external (the AWS SDK) resolves from
    // node_modules; one folder per render fingerprint, so processes share it and it never piles up.
    const cache = join(ROOT, 'node_modules', '.cache');
    const final = join(cache, `docgen-worker-${codeFingerprint(ROOT)}`);
    if (!existsSync(join(final, RENDER_BUNDLE.outfile))) {
      mkdirSync(cache, { recursive: true });
      // Other fingerprints' bundles, once an hour old: never this one (another process may have
      // just made it and be starting workers from it), nor one a process running slightly older
      // code may still start workers from.
      for (const old of readdirSync(cache).filter((f) => f.startsWith('docgen-worker-') && join(cache, f) !== final)) {
        const made = statSync(join(cache, old), { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
        if (Date.now() - made > 3_600_000) rmSync(join(cache, old), { recursive: true, force: true });
      }
      const out = mkdtempSync(join(cache, 'building-docgen-worker-'));
      const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
      esbuild.buildSync({ ...esbuildOptions(ROOT, out), minify: false, sourcemap: false });
      try {
        renameSync(out, final);
      } catch {
        rmSync(out, { recursive: true, force: true }); // another process got there first
      }
    }
    devWorkerFile = join(final, RENDER_BUNDLE.outfile);
  }
  return devWorkerFile;
}

/**
 * A small pool of render workers, kept warm between renders and replaced when one is stopped.
 * One publication's outputs are shared between `lanes` workers at once (src/pipeline/lanes.ts),
 * each lane with its own time budget and heap.
 */
export class RenderPool {
  private idle: Worker[] = [];
  /** Workers that have rendered: their writers are compiled, which changes the best lane plan. */
  private readonly served = new WeakSet<Worker>();
  private busy = 0;
  private waiting: (() => void)[] = [];
  /**
   * maxWorkers: workers rendering at once, across publications (the rest wait; their time budget
   * starts when they start). lanes: workers one publication may use, by default two where there
   * are two CPUs; a pool that renders many publications at once gains nothing from more than one.
   */
  constructor(private readonly opts: { budgetMs?: number; heapMb?: number; keepIdle?: number; maxWorkers?: number; lanes?: number } = {}) {}

  private spawn(preload = false): Worker {
    const url = new URL(import.meta.url);
    const options = { workerData: { role: ROLE, preload }, resourceLimits: { maxOldGenerationSizeMb: this.opts.heapMb ?? LIMITS.renderHeapMb } };
    const w = url.pathname.endsWith('.ts') ? new Worker(devBundle(), { ...options, env: { ...process.env, DOCGEN_ASSETS: process.env.DOCGEN_ASSETS ?? join(ROOT, 'assets') } }) : new Worker(url, options);
    w.unref();
    return w;
  }

  /** Starts a worker now, so that a cold start loads the renderer while the event is read. */
  warm(): void {
    while (this.idle.length < this.lanes) this.idle.push(this.spawn(true));
  }

  private get lanes(): number {
    return Math.min(this.opts.lanes ?? 2, this.opts.maxWorkers ?? availableParallelism());
  }

  async render(task: RenderTask): Promise<IsolatedResult> {
    // Shared by the outputs its kind has (an agenda pack has four): the kind its text names is
    // enough to plan by, and content that names none fails in one lane like any other.
    const kind = kindNamedIn(Buffer.from(task.content).toString('utf8'));
    const kb = task.texts.reduce((n, [, t]) => n + t.byteLength, task.content.byteLength) / 1024;
    // Warm once a waiting worker has rendered: a lane then given to a fresh worker pays its
    // warm-up once, and the plan would otherwise keep every render in the one warm worker.
    const warm = this.idle.some((w) => this.served.has(w));
    const lanes = planLanes(task.formats?.length ? task.formats : kind?.outputs.map((o) => o.key), this.lanes, { kb, layoutPasses: kind?.layoutPasses, warm });
    if (lanes.length === 1) return this.renderLane({ ...task, formats: task.formats });
    // Each lane loads the content again (about a tenth of a second), in parallel with the others.
    return mergeLanes(await Promise.all(lanes.map((formats) => this.renderLane({ ...task, formats }))));
  }

  private async renderLane(task: RenderTask): Promise<IsolatedResult> {
    // Each worker holds a whole renderer (about 250 MB for the Local Account): bound how many run.
    while (this.busy >= (this.opts.maxWorkers ?? availableParallelism())) await new Promise<void>((r) => this.waiting.push(r));
    this.busy++;
    try {
      return await this.renderIn(this.idle.pop() ?? this.spawn(), task);
    } finally {
      this.busy--;
      this.waiting.shift()?.();
    }
  }

  private renderIn(worker: Worker, task: RenderTask): Promise<IsolatedResult> {
    const budget = this.opts.budgetMs ?? LIMITS.renderMs;
    return new Promise<IsolatedResult>((resolve) => {
      let done = false;
      const onMessage = (reply: Reply) => finish('result' in reply ? reply.result : { ok: false, failure: 'crash', detail: reply.error }, 'result' in reply);
      const onError = (e: Error & { code?: string }) =>
        finish({ ok: false, failure: e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash', detail: `${e.name}: ${e.message}\n${e.stack ?? ''}` }, false);
      const onExit = (code: number) => finish({ ok: false, failure: 'crash', detail: `the render worker exited with code ${code}` }, false);
      const finish = (r: IsolatedResult, reuse: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        // Only our own listeners: the Worker keeps listeners of its own that keep its port working.
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (reuse) this.served.add(worker);
        if (reuse && this.idle.length < (this.opts.keepIdle ?? 2)) this.idle.push(worker);
        else void worker.terminate();
        resolve(r);
      };
      const timer = setTimeout(() => finish({ ok: false, failure: 'timeout', detail: `still rendering after ${budget} ms` }, false), budget);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(task);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }
}

/** A short reference to a failure's details in the log: the same details give the same reference. */
export function faultReference(...details: string[]): string {
  return createHash('sha256').update(details.join('\n')).digest('hex').slice(0, 12);
}

/** The plain-English problem for a render that had to be stopped or failed unexpectedly. */
export function failureProblem(file: string, failure: 'timeout' | 'memory' | 'crash', reference: string, limits = LIMITS): Problem {
  const message = {
    timeout: `this publication took longer than the ${limits.renderMs / 1000} seconds a publication may take to make, so it was stopped; split it into smaller publications, or use fewer and smaller pictures`,
    memory: `this publication needed more than the ${limits.renderHeapMb} MB of memory a publication may use, so it was stopped; split it into smaller publications, or use fewer and smaller pictures`,
    crash: 'the publishing service failed while making this publication; this is a fault in the service, not in your content. Upload the file again; if it fails again, send this reference to the team that runs the service',
  }[failure];
  return { file, line: 1, col: 1, path: '', message: `${message} (reference ${reference}). Nothing was published.`, severity: 'error' };
}
