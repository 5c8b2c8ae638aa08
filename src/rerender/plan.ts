// The re-render plan: every current publication (each published/<id>/latest.json) with the exact
// upload it was made from, in two stages. Publications made from other content files (an agenda
// pack from its agenda and papers, minutes from their agenda) are planned after the rest, so that
// what they are made from has been re-rendered first. Read from storage, decided by pure functions.
import type { Latest, UploadOrder } from '../pipeline/latest.ts';
import type { Manifest } from '../pipeline/publish.ts';
import type { Storage } from '../pipeline/storage.ts';

export type Stage = 'papers' | 'packs';
/** The stages in the order they run. */
export const STAGES: readonly Stage[] = ['papers', 'packs'];

export interface RerenderItem {
  id: string;
  /** latest.json's source, unchanged: the same upload made again replaces its older rendering. */
  source: UploadOrder;
  /** The version current when planned, whose manifest the new rendering is compared with. */
  version: string;
  /** The render fingerprint recorded in that manifest (the code it was made with). */
  fingerprint?: string;
  stage: Stage;
}

export interface RerenderPlan {
  papers: RerenderItem[];
  packs: RerenderItem[];
  /** Pointers that could not be followed (damaged or naming a missing manifest), with why. */
  skipped: { key: string; reason: string }[];
}

const POINTER = /^published\/([^/]+)\/latest\.json$/;
/** A content file named beside the content (no folder): an input that is another publication's source. */
const CONTENT_NAME = /^[^/\\]+\.(ya?ml|json)$/i;

/** The stage of a publication, from what its manifest says it was made from. */
export function stageOf(manifest: Pick<Manifest, 'inputs'>): Stage {
  return manifest.inputs?.some((i) => CONTENT_NAME.test(i.name)) ? 'packs' : 'papers';
}

/** latest.json's text as a pointer into its own publication's folder, or why it is not one. */
export function parsePointer(key: string, body: string): Latest | string {
  let l: Partial<Latest>;
  try {
    l = JSON.parse(body) as Partial<Latest>;
  } catch {
    return 'latest.json is not JSON';
  }
  const id = POINTER.exec(key)?.[1];
  if (typeof l.id !== 'string' || l.id !== id || typeof l.version !== 'string' || !/^[0-9a-z]+$/.test(l.version)) return 'latest.json does not name a version of its own publication';
  if (l.manifest !== `published/${l.id}/${l.version}/manifest.json`) return 'latest.json names a manifest outside its version';
  if (!l.source || typeof l.source.key !== 'string' || typeof l.source.time !== 'string') return 'latest.json does not say which upload it was made from';
  return l as Latest;
}

/** Every current publication, papers first then packs, each stage in key order. */
export async function planRerender(store: Storage, bucket: string, opts: { parallel?: number } = {}): Promise<RerenderPlan> {
  const pointers = (await store.list(bucket, 'published/')).filter((k) => POINTER.test(k)).sort();
  const plan: RerenderPlan = { papers: [], packs: [], skipped: [] };
  const found = await mapLimited(pointers, opts.parallel ?? 16, async (key): Promise<RerenderItem | { key: string; reason: string }> => {
    const body = await store.get(bucket, key);
    if (!body) return { key, reason: 'latest.json disappeared while planning' };
    const latest = parsePointer(key, Buffer.from(body).toString('utf8'));
    if (typeof latest === 'string') return { key, reason: latest };
    const m = await store.get(bucket, latest.manifest);
    if (!m) return { key, reason: `${latest.manifest} does not exist` };
    let manifest: Manifest;
    try {
      manifest = JSON.parse(Buffer.from(m).toString('utf8')) as Manifest;
    } catch {
      return { key, reason: `${latest.manifest} is not JSON` };
    }
    return { id: latest.id, source: latest.source, version: latest.version, ...(manifest.generator?.fingerprint ? { fingerprint: manifest.generator.fingerprint } : {}), stage: stageOf(manifest) };
  });
  for (const f of found) {
    if ('reason' in f) plan.skipped.push(f);
    else plan[f.stage].push(f);
  }
  for (const s of STAGES) plan[s].sort((a, b) => (a.source.key < b.source.key ? -1 : a.source.key > b.source.key ? 1 : 0));
  return plan;
}

/** f over items, at most `limit` at once, results in the items' order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, f: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
