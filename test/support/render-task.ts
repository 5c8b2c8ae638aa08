// A publication in content/ as the pipeline sends it to a render worker (src/pipeline/isolate.ts
// RenderTask): its bytes and the files it names, read from beside it.
import { readFileSync } from 'node:fs';
import type { RenderTask } from '../../src/pipeline/isolate.ts';
import { gatherInputs } from '../../src/pipeline/inputs.ts';
import { folderInputReader } from '../../src/storage/folder.ts';
import { LIMITS } from '../../src/limits.ts';

export async function folderTask(file: string, fingerprint = 'test'): Promise<RenderTask> {
  const content = readFileSync(file);
  const inputs = await gatherInputs(file, content, folderInputReader(file), fingerprint, LIMITS);
  return { key: file, content, pictures: [...inputs.pictures], texts: [...inputs.texts], fingerprint, inputs: inputs.files };
}
