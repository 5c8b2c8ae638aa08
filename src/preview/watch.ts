// Watches a set of files for saves, by watching the folders they are in (chokidar). A folder's
// watch survives what a watch on the file itself does not: editors that save by writing a new
// file and renaming it over the old one, `git checkout` replacing the file, a file deleted and
// made again. Saves close together (an editor's several writes, a checkout of many files) are
// gathered into one call after a quiet moment, so a half-written file is not read mid-save.
import { basename, dirname, resolve } from 'node:path';
import { watch } from 'chokidar';

export interface Watcher {
  /** Replace the files watched (absolute or relative paths); their folders are watched as needed. */
  set(files: Iterable<string>): void;
  /** Resolves when the current folders' first scans are done, so a save after it is seen. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** A quiet moment long enough for an editor's write-and-rename, short enough not to be felt. */
export const SETTLE_MS = 120;

/**
 * Calls `onChange` with the paths saved, added or removed, `settleMs` after the last of them.
 * `accept` widens what counts: a path it accepts in a watched folder counts although not listed.
 */
export function watchFiles(files: Iterable<string>, onChange: (paths: string[]) => void, opts: { settleMs?: number; accept?: (path: string) => boolean } = {}): Watcher {
  let wanted = new Set<string>();
  let dirs = new Set<string>();
  const counts = (p: string) => wanted.has(p) || (dirs.has(dirname(p)) && (opts.accept?.(p) ?? false));
  const gather = gathering(onChange, opts.settleMs);
  const saw = (p: string) => {
    const abs = resolve(p);
    if (counts(abs)) gather.add(abs);
  };
  // One chokidar watcher for the current folders; made again when the folders change (rarely:
  // the folders are the content's and those above it that may hold organisation.yaml).
  const open = (folders: string[]) => {
    const w = watch(folders, {
      ignoreInitial: true,
      depth: 0,
      // Everything in a watched folder but the files wanted is ignored, so a folder of many files
      // (a content root, a temporary folder) costs nothing to watch.
      ignored: (p: string) => {
        const abs = resolve(p);
        return !dirs.has(abs) && !counts(abs);
      },
    });
    w.on('add', saw).on('change', saw).on('unlink', saw);
    // A watch error (a folder removed under it) must not end the preview.
    w.on('error', () => {});
    return { w, ready: new Promise<void>((r) => w.once('ready', () => r())) };
  };
  let current: ReturnType<typeof open> | undefined;

  const set = (list: Iterable<string>) => {
    wanted = new Set([...list].map((f) => resolve(f)));
    const next = new Set([...wanted].map((f) => dirname(f)));
    const same = next.size === dirs.size && [...next].every((d) => dirs.has(d));
    dirs = next;
    if (same && current) return;
    void current?.w.close();
    current = open([...dirs]);
  };
  set(files);
  return {
    set,
    ready: () => current!.ready,
    async close() {
      gather.cancel();
      await current?.w.close();
    },
  };
}

/** Close saves gathered into one call: `onChange` hears every path seen, `settleMs` after the last. */
function gathering(onChange: (paths: string[]) => void, settleMs = SETTLE_MS) {
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  return {
    add(p: string) {
      pending.add(p);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const paths = [...pending];
        pending = new Set();
        onChange(paths);
      }, settleMs);
    },
    cancel: () => clearTimeout(timer),
  };
}

/**
 * Watches every file in a folder and the folders in it (npm start's content/), with the same
 * chokidar folder watches and the same gathering of close saves as watchFiles.
 */
export function watchFolder(folder: string, onChange: (paths: string[]) => void, opts: { settleMs?: number } = {}): Watcher {
  const gather = gathering(onChange, opts.settleMs);
  const saw = (p: string) => gather.add(p);
  const w = watch(folder, { ignoreInitial: true, ignored: (p: string) => basename(p).startsWith('.') });
  w.on('add', saw).on('change', saw).on('unlink', saw).on('error', () => {});
  const ready = new Promise<void>((r) => w.once('ready', () => r()));
  return {
    set: () => {},
    ready: () => ready,
    async close() {
      gather.cancel();
      await w.close();
    },
  };
}

/** Whether a path is a picture (a PNG or JPEG), which a content file may name once it is saved. */
export const isPicture = (p: string) => /\.(png|jpe?g)$/i.test(basename(p));
