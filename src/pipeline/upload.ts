// What happens to one uploaded content file, whatever the storage. The outcome is exactly one of:
// a complete publication under published/<id>/<version>/ (manifest.json last, then latest.json if
// this is the newest upload of that id), or reports/<key>.json listing every located problem.
// Safe to repeat: the version is a hash of every input byte (the organisation profile's too) and of
// the code that renders it. The contract is written down in docs/reliability.md. An upload of an
// organisation.yaml is checked (a report if it is wrong) and republishes the content it governs.
import { posix } from 'node:path';
import { LIMITS } from '../limits.ts';
import type { Problem } from '../parse/problems.ts';
import { parseSource } from '../parse/source.ts';
import { sha256, type Manifest } from './publish.ts';
import { Id } from '../../templates/common/schema.ts';
import { GENERATOR_VERSION } from './version.ts';
import { gatherInputs, namedFiles, type InputReader } from './inputs.ts';
import { failureProblem, faultReference, RenderPool } from './isolate.ts';
import { advanceLatest, type UploadOrder } from './latest.ts';
import { updateAddresses } from './addresses.ts';
import { CACHE, type Storage } from './storage.ts';
import { isPictureName, sizeProblem } from '../pictures/check.ts';
import { isAgendaPack } from './pack-detect.ts';
import { governingProfile, isProfileKey, profileCandidates } from '../organisation/find.ts';
import { loadOrganisation } from '../organisation/load.ts';
import { withLogo } from '../organisation/logo.ts';
import type { Organisation } from '../organisation/types.ts';

export type { Storage } from './storage.ts';

export interface UploadConfig {
  inputBucket: string;
  outputBucket: string;
  /** The commit the service was built from, recorded in each manifest. */
  templateVersion?: string;
  /** The render fingerprint (src/pipeline/fingerprint.ts): part of every version. */
  fingerprint: string;
  /** Where renders run; one pool per process. */
  pool: RenderPool;
  /** The clock, for event times missing from hand-made events and for clean-up ages. */
  now?: () => Date;
  /** Called with an unexpected failure's details (the stack goes to the log, never to staff). */
  log?: (line: Record<string, unknown>) => void;
}

/** One S3 event's object: the key, and what orders it among other uploads. */
export interface UploadEvent {
  key: string;
  versionId?: string;
  sequencer?: string;
  /** ISO time of the event. */
  time?: string;
}

export const INCOMING = 'incoming/';
/** The keys that are content files. The stack notifies for every key under incoming/ and this decides. */
export const CONTENT_FILE = /\.(ya?ml|json)$/i;

export type UploadOutcome =
  | { status: 'published'; id: string; version: string; prefix: string; manifest: Manifest; current: boolean }
  | { status: 'unchanged'; id: string; version: string; prefix: string; current: boolean }
  | { status: 'invalid'; report: string; problems: Problem[] }
  /** An organisation profile was uploaded and is valid; the content it governs is republished after it. */
  | { status: 'organisation'; key: string; id: string }
  | { status: 'ignored'; reason: string };

/** Publishes one upload, then every agenda pack beside it that names it (a corrected paper changes its packs). */
export async function processUploadAndDependents(store: Storage, cfg: UploadConfig, event: UploadEvent): Promise<{ key: string; outcome: UploadOutcome }[]> {
  const outcome = await processUpload(store, cfg, event);
  const results = [{ key: event.key, outcome }];
  if (outcome.status === 'ignored') return results;
  if (outcome.status === 'organisation') {
    // Every publication the profile governs is a new version now: its papers first, then packs.
    const time = event.time ?? (cfg.now?.() ?? new Date()).toISOString();
    for (const key of await governedBy(store, cfg.inputBucket, event.key)) results.push({ key, outcome: await processUpload(store, cfg, { key, time }) });
    return results;
  }
  for (const pack of await packsNaming(store, cfg.inputBucket, event.key)) {
    results.push({ key: pack, outcome: await processUpload(store, cfg, { key: pack, time: event.time ?? (cfg.now?.() ?? new Date()).toISOString() }) });
  }
  return results;
}

export async function processUpload(store: Storage, cfg: UploadConfig, upload: UploadEvent | string): Promise<UploadOutcome> {
  const event = typeof upload === 'string' ? { key: upload } : upload;
  const { key } = event;
  // S3 keys are literal, but "." and ".." segments would name another folder wherever a key is read as a path.
  if (!key.startsWith(INCOMING) || !CONTENT_FILE.test(key) || /(^|\/)\.\.?(\/|$)/.test(key)) return { status: 'ignored', reason: `not a content file under ${INCOMING}` };
  const content = await store.get(cfg.inputBucket, key, event.versionId ? { versionId: event.versionId } : undefined);
  if (!content) return { status: 'ignored', reason: 'the upload no longer exists' };
  const reportKey = `reports/${key}.json`;
  if (isProfileKey(key)) return checkProfile(store, cfg, key, content, reportKey);
  const order: UploadOrder = { key, time: event.time ?? (cfg.now?.() ?? new Date()).toISOString(), ...(event.sequencer ? { sequencer: event.sequencer } : {}), ...(event.versionId ? { versionId: event.versionId } : {}) };
  const refuse = async (problems: Problem[]): Promise<UploadOutcome> => {
    const report = { source: { key, sha256: sha256(content) }, generator: { version: GENERATOR_VERSION, fingerprint: cfg.fingerprint }, problems };
    await store.put(cfg.inputBucket, reportKey, JSON.stringify(report, null, 2) + '\n', 'application/json', { cacheControl: CACHE.never });
    return { status: 'invalid', report: reportKey, problems };
  };

  // Only the files the content names are read; the folder listing gives their sizes first, so an
  // oversized picture is refused without being downloaded.
  const dir = posix.dirname(key) + '/';
  const siblings = new Map((await store.listObjects(cfg.inputBucket, dir)).filter((o) => !o.key.slice(dir.length).includes('/')).map((o) => [o.key.slice(dir.length), o]));
  const read: InputReader = async (name) => {
    const o = siblings.get(name);
    if (!o || o.key === key) return undefined;
    const tooBig = isPictureName(name) ? sizeProblem(name, o.size) : undefined;
    if (tooBig) return { problem: tooBig };
    try {
      return await store.get(cfg.inputBucket, o.key);
    } catch (e) {
      throw new StorageFailure(e);
    }
  };
  // A fault or a bound, not a content problem staff can locate: report it with a reference that
  // finds the details in the log, and keep the stack trace out of the report.
  const fault = async (failure: 'timeout' | 'memory' | 'crash', detail: string) => {
    const reference = faultReference(key, detail);
    cfg.log?.({ level: 'error', key, reference, failure, detail });
    return refuse([failureProblem(key, failure, reference)]);
  };
  // The organisation profile that governs this file: the nearest organisation.yaml on the way up to incoming/.
  let profile: { files: { name: string; bytes: Uint8Array }[]; organisation: Organisation } | undefined;
  for (const candidate of profileCandidates(key, INCOMING)) {
    const bytes = await store.get(cfg.inputBucket, candidate);
    if (!bytes) continue;
    const loaded = loadOrganisation(candidate, bytes);
    if (!loaded.ok) return refuse(loaded.problems);
    const full = await withLogo(candidate, loaded, (k) => store.get(cfg.inputBucket, k));
    if (!full.ok) return refuse(full.problems);
    profile = { files: [{ name: candidate, bytes }, ...(full.bytes ? [full.bytes] : [])], organisation: full.organisation };
    break;
  }
  let inputs: Awaited<ReturnType<typeof gatherInputs>>;
  try {
    inputs = await gatherInputs(key, content, read, cfg.fingerprint, LIMITS, profile?.files);
  } catch (e) {
    // S3 failing is for Lambda to retry; anything else is a fault in reading the content, reported.
    if (e instanceof StorageFailure) throw e.cause;
    return fault('crash', e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e));
  }
  const { parsed } = inputs;
  if (!parsed.source) return refuse(parsed.problems);
  const version = inputs.digest.slice(0, 16);

  // A repeated event, or an upload of bytes already published: nothing to render.
  const known = Id.safeParse((parsed.source.data as { id?: unknown }).id);
  if (known.success) {
    const id = known.data;
    const prefix = `published/${id}/${version}/`;
    if (await store.get(cfg.outputBucket, `${prefix}manifest.json`)) {
      const current = await advanceLatest(store, cfg.outputBucket, latestOf(id, version, prefix, order));
      if (current) await updateAddresses(store, cfg.outputBucket, id); // again: a retry, or this version current once more
      return { status: 'unchanged', id, version, prefix, current };
    }
  }

  const result = await cfg.pool.render({
    key,
    content,
    pictures: [...inputs.pictures],
    texts: [...inputs.texts],
    templateVersion: cfg.templateVersion,
    fingerprint: cfg.fingerprint,
    inputs: inputs.files,
    ...(profile ? { organisation: profile.organisation } : {}),
  });
  if (!result.ok) {
    return 'failure' in result ? fault(result.failure, `${version}\n${result.detail}`) : refuse(result.problems);
  }

  const { manifest } = result;
  const prefix = `published/${manifest.id}/${version}/`;
  const immutable = { cacheControl: CACHE.immutable };
  // The outputs and index in parallel; the manifest only once they are all stored.
  await Promise.all([
    ...result.files.map((f) => store.put(cfg.outputBucket, prefix + f.file.file, f.data, f.file.contentType, immutable)),
    store.put(cfg.outputBucket, `${prefix}index.html`, result.index, 'text/html; charset=utf-8', immutable),
  ]);
  await store.put(cfg.outputBucket, `${prefix}manifest.json`, JSON.stringify(manifest, null, 2) + '\n', 'application/json', immutable);
  const current = await advanceLatest(store, cfg.outputBucket, latestOf(manifest.id, version, prefix, order));
  await store.delete(cfg.inputBucket, reportKey); // an earlier failed upload's report no longer applies
  // published/<id>/ and published/index.html follow latest.json (src/pipeline/addresses.ts).
  if (current) await updateAddresses(store, cfg.outputBucket, manifest.id);
  await removeIncompleteVersions(store, cfg.outputBucket, manifest.id, (cfg.now?.() ?? new Date()).getTime());
  return { status: 'published', id: manifest.id, version, prefix, manifest, current };
}

/** An uploaded organisation profile: a report listing its problems, or none (an earlier one no longer applies). */
async function checkProfile(store: Storage, cfg: UploadConfig, key: string, content: Uint8Array, reportKey: string): Promise<UploadOutcome> {
  const parsed = loadOrganisation(key, content);
  const loaded = parsed.ok ? await withLogo(key, parsed, (k) => store.get(cfg.inputBucket, k)) : parsed;
  if (!loaded.ok) {
    const report = { source: { key, sha256: sha256(content) }, generator: { version: GENERATOR_VERSION, fingerprint: cfg.fingerprint }, problems: loaded.problems };
    await store.put(cfg.inputBucket, reportKey, JSON.stringify(report, null, 2) + '\n', 'application/json', { cacheControl: CACHE.never });
    return { status: 'invalid', report: reportKey, problems: loaded.problems };
  }
  await store.delete(cfg.inputBucket, reportKey);
  return { status: 'organisation', key, id: loaded.organisation.id };
}

/** The content files a profile governs (no nearer profile between them and it), agenda packs last. */
async function governedBy(store: Storage, bucket: string, profileKey: string): Promise<string[]> {
  const dir = posix.dirname(profileKey) + '/';
  const keys = await store.list(bucket, dir);
  const profiles = new Set(keys.filter(isProfileKey));
  const governed = keys.filter((k) => !isProfileKey(k) && CONTENT_FILE.test(k) && !/(^|\/)\.\.?(\/|$)/.test(k) && governingProfile(k, INCOMING, profiles) === profileKey).sort();
  const packs = new Set<string>();
  for (const k of governed) {
    const bytes = await store.get(bucket, k);
    if (bytes && isAgendaPack(Buffer.from(bytes).toString('utf8'))) packs.add(k);
  }
  return [...governed.filter((k) => !packs.has(k)), ...governed.filter((k) => packs.has(k))];
}

/** An error from storage while reading inputs: infrastructure, not content. */
class StorageFailure extends Error {
  constructor(override readonly cause: unknown) {
    super('storage failed');
  }
}


function latestOf(id: string, version: string, prefix: string, source: UploadOrder) {
  return { id, version, manifest: `${prefix}manifest.json`, index: `${prefix}index.html`, source };
}

/**
 * A render that died between its first output and its manifest leaves a version folder that
 * latest.json never names. The next publish of that id removes such folders once they are older
 * than any render can be (LIMITS.staleVersionMs), so a render still in flight is never touched.
 */
async function removeIncompleteVersions(store: Storage, bucket: string, id: string, now: number): Promise<void> {
  const folders = new Map<string, { keys: string[]; complete: boolean; newest: number }>();
  for (const o of await store.listObjects(bucket, `published/${id}/`)) {
    const m = /^published\/[^/]+\/([^/]+)\/(.+)$/.exec(o.key);
    if (!m) continue;
    const f = folders.get(m[1]) ?? { keys: [], complete: false, newest: 0 };
    f.keys.push(o.key);
    f.complete ||= m[2] === 'manifest.json';
    f.newest = Math.max(f.newest, o.lastModified.getTime());
    folders.set(m[1], f);
  }
  for (const f of folders.values()) {
    if (!f.complete && now - f.newest > LIMITS.staleVersionMs) await Promise.all(f.keys.map((k) => store.delete(bucket, k)));
  }
}

/** The agenda packs beside a content file that name it as their agenda or a paper. */
async function packsNaming(store: Storage, bucket: string, key: string): Promise<string[]> {
  const dir = posix.dirname(key) + '/';
  const name = key.slice(dir.length);
  const packs: string[] = [];
  for (const k of await store.list(bucket, dir)) {
    if (k === key || k.slice(dir.length).includes('/') || !CONTENT_FILE.test(k)) continue;
    const bytes = await store.get(bucket, k);
    if (!bytes || !isAgendaPack(Buffer.from(bytes).toString('utf8'))) continue;
    const data = parseSource(k, bytes).source?.data;
    if (data && namedFiles(data, CONTENT_FILE).includes(name)) packs.push(k);
  }
  return packs;
}

export { isAgendaPack } from './pack-detect.ts';

/** S3 event keys arrive URL-encoded, with "+" for spaces; undefined if the encoding is malformed. */
export function decodeEventKey(key: string): string | undefined {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
