// What happens to one uploaded content file, whatever the storage: validate, render every
// output, write them under published/<id>/<version>/ with manifest.json last, then
// published/<id>/latest.json; or write reports/<key>.json and nothing else. Safe to repeat:
// the version is derived from the content and the generator, and outputs are deterministic.
import { posix } from 'node:path';
import type { ImageData } from '../model/types.ts';
import { publish, sha256, type Manifest } from './publish.ts';
import { GENERATOR_VERSION } from './version.ts';
import { imageFromBytes } from '../storage/images.ts';
import type { Problem } from '../parse/problems.ts';
import { parseSource } from '../parse/source.ts';

export interface Storage {
  get(bucket: string, key: string): Promise<Uint8Array | undefined>;
  put(bucket: string, key: string, body: Uint8Array | string, contentType: string): Promise<void>;
  list(bucket: string, prefix: string): Promise<string[]>;
  delete(bucket: string, key: string): Promise<void>;
}

export interface UploadConfig {
  inputBucket: string;
  outputBucket: string;
  templateVersion?: string;
}

export const INCOMING = 'incoming/';
export const CONTENT_FILE = /\.(ya?ml|json)$/i;
const PICTURE = /\.(png|jpe?g)$/i;
const MAX_PICTURE_BYTES = 10 * 1024 * 1024;

export type UploadOutcome =
  | { status: 'published'; id: string; version: string; prefix: string; manifest: Manifest }
  | { status: 'unchanged'; id: string; version: string; prefix: string }
  | { status: 'invalid'; report: string; problems: Problem[] }
  | { status: 'ignored'; reason: string };

export async function processUpload(store: Storage, cfg: UploadConfig, key: string): Promise<UploadOutcome> {
  if (!key.startsWith(INCOMING) || !CONTENT_FILE.test(key)) return { status: 'ignored', reason: `not a content file under ${INCOMING}` };
  const content = await store.get(cfg.inputBucket, key);
  if (!content) return { status: 'ignored', reason: 'the upload no longer exists' };

  // Pictures sit beside the content file; fetch them before rendering (rendering does no I/O).
  const dir = posix.dirname(key) + '/';
  const pictures = new Map<string, ImageData>();
  const siblings = new Map<string, string>(); // other content files, for an agenda pack
  const isPack = isAgendaPack(Buffer.from(content).toString('utf8'));
  for (const k of await store.list(cfg.inputBucket, dir)) {
    const name = k.slice(dir.length);
    if (name.includes('/') || k === key) continue;
    if (PICTURE.test(k)) {
      const bytes = await store.get(cfg.inputBucket, k);
      const img = bytes && bytes.byteLength <= MAX_PICTURE_BYTES ? imageFromBytes(bytes) : undefined;
      if (img) pictures.set(name, img);
    } else if (isPack && CONTENT_FILE.test(k)) {
      const bytes = await store.get(cfg.inputBucket, k);
      if (bytes) siblings.set(name, Buffer.from(bytes).toString('utf8'));
    }
  }

  // A repeated event (S3 delivers at least once): the version is derived from the exact bytes, so
  // if its manifest exists, everything was published already; skip the render.
  const version = versionOf(sha256(content), cfg.templateVersion);
  const parsed = parseSource(key, new TextDecoder('utf-8', { fatal: false }).decode(content));
  const id = (parsed.source?.data as { id?: unknown } | undefined)?.id;
  if (typeof id === 'string' && /^[a-z0-9-]+$/.test(id)) {
    const prefix = `published/${id}/${version}/`;
    if (await store.get(cfg.outputBucket, `${prefix}manifest.json`)) {
      await store.put(cfg.outputBucket, `published/${id}/latest.json`, latestJson(id, version, prefix), 'application/json');
      return { status: 'unchanged', id, version, prefix };
    }
  }

  const reportKey = `reports/${key}.json`;
  const result = await publish(key, content, (file) => pictures.get(file), { templateVersion: cfg.templateVersion, loadText: (file) => siblings.get(file), parsed });
  if (!result.ok) {
    const report = { source: { key, sha256: sha256(content) }, generator: { version: GENERATOR_VERSION }, problems: result.problems };
    await store.put(cfg.inputBucket, reportKey, JSON.stringify(report, null, 2) + '\n', 'application/json');
    return { status: 'invalid', report: reportKey, problems: result.problems };
  }

  const { manifest } = result;
  const prefix = `published/${manifest.id}/${version}/`;
  const latest = latestJson(manifest.id, version, prefix);
  // The outputs and index in parallel; the manifest only once they are all stored.
  await Promise.all([
    ...result.files.map((f) => store.put(cfg.outputBucket, prefix + f.file.file, f.data, f.file.contentType)),
    store.put(cfg.outputBucket, `${prefix}index.html`, result.index, 'text/html; charset=utf-8'),
  ]);
  await store.put(cfg.outputBucket, `${prefix}manifest.json`, JSON.stringify(manifest, null, 2) + '\n', 'application/json');
  await store.put(cfg.outputBucket, `published/${manifest.id}/latest.json`, latest, 'application/json');
  await store.delete(cfg.inputBucket, reportKey); // an earlier failed upload's report no longer applies
  return { status: 'published', id: manifest.id, version, prefix, manifest };
}

function versionOf(sourceSha: string, templateVersion?: string): string {
  return sha256(`${sourceSha}\n${GENERATOR_VERSION}\n${templateVersion ?? ''}`).slice(0, 16);
}

function latestJson(id: string, version: string, prefix: string): string {
  return JSON.stringify({ id, version, manifest: `${prefix}manifest.json`, index: `${prefix}index.html` }, null, 2) + '\n';
}

/** An agenda pack names other content files, which must be uploaded before it. */
export function isAgendaPack(text: string): boolean {
  return /^\s*kind:\s*agenda-pack\b|"kind"\s*:\s*"agenda-pack"/m.test(text);
}

/** S3 event keys arrive URL-encoded, with "+" for spaces. */
export function decodeEventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}
