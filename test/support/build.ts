// Builds a content file through the real pipeline once per test file and keeps the outputs in memory.
import { readFileSync } from 'node:fs';
import { publish, type Rendered } from '../../src/pipeline/publish.ts';
import { folderImageLoader } from '../../src/storage/folder.ts';

export async function buildAll(file: string): Promise<Map<string, Rendered>> {
  const r = await publish(file, readFileSync(file), folderImageLoader(file));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.col} ${p.path} ${p.message}`).join('\n'));
  return new Map(r.files.map((f) => [`${f.file.profile}.${f.file.format}`, f]));
}

export const LOCAL_ACCOUNT = 'content/local-account-2016-17/local-account-2016-17.yaml';
