// Stable addresses: published/<id>/ always serves the latest version, and published/ lists every
// publication. After a version has won latest.json's compare-and-swap (src/pipeline/latest.ts),
// the pipeline writes, from what is in storage:
//   published/<id>/index.html   the latest version's download page, linking into <version>/
//   published/<id>/<file>.html  a copy of each HTML output of that version (they are self-contained)
//   published/index.html        the publications index, from every published/*/latest.json
// These are mutable objects written by concurrent renders, so each is written and then checked
// against latest.json: a writer whose copies may have landed after a newer version's (its write
// finished before it saw latest.json change) writes the newer version's copies again. Whoever
// made the last change to latest.json writes after that change, so the copies converge on it.
import type { Latest } from './latest.ts';
import type { Manifest } from './publish.ts';
import { stableIndexPage, isHtml } from './index-page.ts';
import { publicationsIndex } from './publications-index.ts';
import { CACHE, type Storage } from './storage.ts';

export const PUBLISHED = 'published/';
export const PUBLICATIONS_INDEX = `${PUBLISHED}index.html`;
const HTML = 'text/html; charset=utf-8';
/** Stable copies change with each new version: cached for a minute at most, then revalidated. */
const stable = { cacheControl: CACHE.mutable };
const ATTEMPTS = 20;
const POINTER = /^published\/([^/]+)\/latest\.json$/;

/** Brings published/<id>/ and published/index.html up to date with latest.json. */
export async function updateAddresses(store: Storage, bucket: string, id: string): Promise<void> {
  await syncStableCopies(store, bucket, id);
  await rebuildPublicationsIndex(store, bucket);
}

/** Writes published/<id>/ for the version latest.json names, until latest.json stays put across a write. */
export async function syncStableCopies(store: Storage, bucket: string, id: string): Promise<void> {
  let written: string | undefined;
  for (let attempt = 0; attempt <= ATTEMPTS; attempt++) {
    const latest = await readLatest(store, bucket, `${PUBLISHED}${id}/latest.json`);
    if (!latest || latest.id !== id) return;
    if (latest.version === written) return; // what was written is still current
    const manifest = await readManifest(store, bucket, latest);
    if (!manifest) return; // latest.json names only complete versions; nothing sensible to copy otherwise
    await writeStableCopies(store, bucket, latest, manifest);
    written = latest.version;
  }
  throw new Error(`latest.json for ${id} kept changing under ${ATTEMPTS} attempts to copy it to published/${id}/`);
}

/** The stable file names of a version's HTML outputs: only plain names that cannot shadow the page or the pointer. */
export function stableHtmlFiles(m: Manifest): string[] {
  return m.outputs.filter((o) => isHtml(o) && /^[^/\\]+\.html$/i.test(o.file) && !['index.html', 'latest.json'].includes(o.file.toLowerCase())).map((o) => o.file);
}

async function writeStableCopies(store: Storage, bucket: string, latest: Latest, manifest: Manifest): Promise<void> {
  const folder = `${PUBLISHED}${latest.id}/`;
  const prefix = `${folder}${latest.version}/`;
  const files = stableHtmlFiles(manifest);
  await Promise.all([
    ...files.map(async (file) => {
      const bytes = await store.get(bucket, prefix + file);
      if (bytes) await store.put(bucket, folder + file, bytes, HTML, stable);
    }),
    store.put(bucket, `${folder}index.html`, stableIndexPage(manifest, latest.version), HTML, stable),
  ]);
  // An HTML file of an earlier version that this one does not have is no longer current.
  const keep = new Set(['index.html', 'latest.json', ...files]);
  const stale = (await store.list(bucket, folder)).filter((k) => {
    const name = k.slice(folder.length);
    return !name.includes('/') && /\.html$/i.test(name) && !keep.has(name);
  });
  await Promise.all(stale.map((k) => store.delete(bucket, k)));
}

/** Rebuilds published/index.html from every latest.json, until they stay put across a write. */
export async function rebuildPublicationsIndex(store: Storage, bucket: string): Promise<void> {
  const manifests = new Map<string, Manifest | undefined>(); // by manifest key: a version's manifest never changes
  let pointers = await readPointers(store, bucket);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current: Manifest[] = [];
    const named = [...pointers.values()].map(parseLatest).filter((l): l is Latest => l !== undefined);
    const unread = named.filter((l) => !manifests.has(l.manifest));
    const read = await mapLimited(unread, 16, (l) => readManifest(store, bucket, l));
    unread.forEach((l, i) => manifests.set(l.manifest, read[i]));
    for (const l of named) {
      const m = manifests.get(l.manifest);
      if (m) current.push(m);
    }
    await store.put(bucket, PUBLICATIONS_INDEX, publicationsIndex(current), HTML, stable);
    const after = await readPointers(store, bucket);
    if (samePointers(pointers, after)) return;
    pointers = after;
  }
  throw new Error(`the publications kept changing under ${ATTEMPTS} attempts to list them in ${PUBLICATIONS_INDEX}`);
}

/** Every published/<id>/latest.json, as text, by key. */
async function readPointers(store: Storage, bucket: string): Promise<Map<string, string>> {
  const keys = (await store.list(bucket, PUBLISHED)).filter((k) => POINTER.test(k)).sort();
  const bodies = await mapLimited(keys, 16, async (k) => {
    const b = await store.get(bucket, k);
    return b ? Buffer.from(b).toString('utf8') : undefined;
  });
  return new Map(keys.flatMap((k, i) => (bodies[i] === undefined ? [] : [[k, bodies[i]!] as const])));
}

const samePointers = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

async function readLatest(store: Storage, bucket: string, key: string): Promise<Latest | undefined> {
  const b = await store.get(bucket, key);
  return b ? parseLatest(Buffer.from(b).toString('utf8')) : undefined;
}

function parseLatest(body: string): Latest | undefined {
  try {
    const l = JSON.parse(body) as Partial<Latest>;
    // Only a pointer into its own publication's folder is followed.
    if (typeof l.id !== 'string' || typeof l.version !== 'string' || !/^[0-9a-z-]+$/.test(l.id) || !/^[0-9a-z]+$/.test(l.version)) return undefined;
    if (l.manifest !== `${PUBLISHED}${l.id}/${l.version}/manifest.json`) return undefined;
    return l as Latest;
  } catch {
    return undefined;
  }
}

async function readManifest(store: Storage, bucket: string, latest: Latest): Promise<Manifest | undefined> {
  const b = await store.get(bucket, latest.manifest);
  if (!b) return undefined;
  try {
    const m = JSON.parse(Buffer.from(b).toString('utf8')) as Manifest;
    return m && typeof m.title === 'string' && Array.isArray(m.outputs) ? m : undefined;
  } catch {
    return undefined;
  }
}

async function mapLimited<T, R>(items: readonly T[], limit: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
