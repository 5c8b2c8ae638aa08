// Every content file under content/, the publications every output is checked against (not the
// organisation profile, organisation.yaml, which governs them and is not a publication).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function contentFiles(dir = 'content'): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? contentFiles(join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) && e.name !== 'organisation.yaml' ? [join(dir, e.name)] : []))
    .sort();
}
