// published/<id>/latest.json names the current version of a publication: the newest accepted
// upload, whatever order renders finish in and however often S3 redelivers an event. It is
// written with a compare-and-swap (S3 conditional writes), so two renders cannot both win.
import type { Storage } from './storage.ts';
import { CACHE } from './storage.ts';

/** Which upload a version was made from, in the order S3 saw the uploads. */
export interface UploadOrder {
  key: string;
  /** The event's time (ISO 8601, milliseconds). */
  time: string;
  /** S3's per-key event sequencer (hexadecimal), where the event carried one. */
  sequencer?: string;
  versionId?: string;
}

export interface Latest {
  id: string;
  version: string;
  manifest: string;
  index: string;
  source: UploadOrder;
}

/**
 * > 0 if `a` is the later upload. For one key, S3's sequencers order events exactly (compare as
 * hexadecimal after right-padding the shorter with zeros, as S3's documentation says); across keys
 * the event times do; a tie falls back to the key so that every process decides the same way.
 */
export function compareUploads(a: UploadOrder, b: UploadOrder): number {
  if (a.key === b.key && a.sequencer && b.sequencer) {
    const n = Math.max(a.sequencer.length, b.sequencer.length);
    const [x, y] = [a.sequencer.toUpperCase().padEnd(n, '0'), b.sequencer.toUpperCase().padEnd(n, '0')];
    if (x !== y) return x < y ? -1 : 1;
  }
  const t = Date.parse(a.time) - Date.parse(b.time);
  if (t) return t;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Points latest.json at `next` unless a later upload is already current. True if it now names `next`. */
export async function advanceLatest(store: Storage, bucket: string, next: Latest): Promise<boolean> {
  const key = `published/${next.id}/latest.json`;
  const body = JSON.stringify(next, null, 2) + '\n';
  for (let attempt = 0; attempt < 20; attempt++) {
    const current = await store.getTagged(bucket, key);
    if (current) {
      const cur = parse(current.body);
      if (cur?.version === next.version) return true;
      // The same upload made again (a new template) replaces its older rendering; an older upload never does.
      if (cur?.source && compareUploads(next.source, cur.source) < 0) return false;
    }
    if (await store.putIfMatch(bucket, key, body, 'application/json', current?.etag ?? null, { cacheControl: CACHE.mutable })) return true;
  }
  throw new Error(`latest.json for ${next.id} kept changing under 20 attempts to update it`);
}

function parse(body: Uint8Array): Partial<Latest> | undefined {
  try {
    return JSON.parse(Buffer.from(body).toString('utf8')) as Partial<Latest>;
  } catch {
    return undefined;
  }
}
