// npm start: builds every publication in content/ into out/ (the local stand-in for the pipeline).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from './docgen.ts';

const files = readdirSync('content')
  .flatMap((d) => (statSync(join('content', d)).isDirectory() ? readdirSync(join('content', d)).map((f) => join('content', d, f)) : [join('content', d)]))
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`${f}:`);
  if (!(await build(f, 'out'))) failed++;
}
console.log(failed ? `${failed} publication(s) had problems.` : `Published ${files.length} publication(s). Open the files in out/.`);
process.exit(failed ? 1 : 0);
