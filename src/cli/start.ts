// npm start: the whole pipeline on this machine, with no AWS account and no Docker.
// Starts the embedded S3, uploads everything in content/ to incoming/, lets the real handler
// publish it, copies the results into out/ and prints where to download them.
// --watch re-publishes a content file when it is saved; --once exits when done.
import { readdirSync, readFileSync, statSync, watch, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedS3, INPUT_BUCKET, OUTPUT_BUCKET } from '../local/embedded-s3.ts';
import { formatProblem } from '../parse/problems.ts';
import { isAgendaPack, type UploadOutcome } from '../pipeline/upload.ts';
import { isProfileKey } from '../organisation/find.ts';

const { values } = parseArgs({ options: { watch: { type: 'boolean' }, once: { type: 'boolean' }, port: { type: 'string', default: '4568' } } });

const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
const keyOf = (file: string) => `incoming/${relative('content', file).split(sep).join('/')}`;
const contentType = (f: string) => (/\.json$/.test(f) ? 'application/json' : /\.ya?ml$/.test(f) ? 'application/yaml' : /\.png$/.test(f) ? 'image/png' : /\.jpe?g$/.test(f) ? 'image/jpeg' : 'application/octet-stream');

let s3!: Awaited<ReturnType<typeof startEmbeddedS3>>;
let failed = 0;

async function report(key: string, o: UploadOutcome) {
  if (o.status === 'invalid') {
    failed++;
    console.log(`✗ ${key}: ${o.problems.length} problem(s), nothing published; report at s3://${INPUT_BUCKET}/${o.report}`);
    for (const p of o.problems) console.log(`  ${formatProblem(p)}`);
    return;
  }
  if (o.status !== 'published' && o.status !== 'unchanged') return;
  // Mirror the published files into out/<id>/ so they can be opened directly.
  const dir = join('out', o.id);
  mkdirSync(dir, { recursive: true });
  for (const k of await s3.storage.list(OUTPUT_BUCKET, o.prefix)) writeFileSync(join(dir, k.slice(o.prefix.length)), (await s3.storage.get(OUTPUT_BUCKET, k))!);
  console.log(`✓ ${key} → ${o.status === 'published' ? `${o.manifest.outputs.length} formats` : 'unchanged'}`);
  // The stable address, which always serves the latest version; each version keeps its own, published/<id>/<version>/.
  console.log(`  download page: ${s3.endpoint}/${OUTPUT_BUCKET}/published/${o.id}/${o.current ? '' : '  (a newer upload of this id is current)'}`);
  console.log(`  files:         ${dir}${sep}`);
}

s3 = await startEmbeddedS3({ port: Number(values.port), onOutcome: (key, o) => void report(key, o) });
console.log(`Embedded S3 at ${s3.endpoint} (buckets ${INPUT_BUCKET}, ${OUTPUT_BUCKET}). Uploading content/ to incoming/ …`);
const all = files('content').sort();
// Pictures first, so that each content file finds them when its render starts; agenda packs
// last, so that their papers are there.
// Organisation profiles before anything else, so that each render finds its council's.
const isContent = (f: string) => /\.(ya?ml|json)$/.test(f) && !isProfileKey(f);
const isPack = (f: string) => isContent(f) && isAgendaPack(readFileSync(f, 'utf8'));
for (const f of all.filter(isProfileKey)) await s3.storage.put(INPUT_BUCKET, keyOf(f), readFileSync(f), contentType(f));
await s3.idle();
for (const f of [...all.filter((f) => !isContent(f) && !isProfileKey(f)), ...all.filter((f) => isContent(f) && !isPack(f))]) {
  await s3.storage.put(INPUT_BUCKET, keyOf(f), readFileSync(f), contentType(f));
}
await s3.idle();
for (const f of all.filter(isPack)) await s3.storage.put(INPUT_BUCKET, keyOf(f), readFileSync(f), contentType(f));
await s3.idle();
await new Promise((r) => setTimeout(r, 100)); // let the out/ copies finish
console.log(`Every publication: ${s3.endpoint}/${OUTPUT_BUCKET}/published/`);

if (values.once) {
  await s3.close();
  process.exit(failed ? 1 : 0);
}
if (values.watch) {
  console.log('Watching content/ : save a file to publish it again.');
  const timers = new Map<string, NodeJS.Timeout>();
  watch('content', { recursive: true }, (_e, name) => {
    if (!name) return;
    const file = join('content', name.toString());
    clearTimeout(timers.get(file));
    timers.set(file, setTimeout(async () => {
      try {
        await s3.storage.put(INPUT_BUCKET, keyOf(file), readFileSync(file), contentType(file));
      } catch {
        /* the file was removed or is mid-save; the next save publishes it */
      }
    }, 200));
  });
}
console.log('Serving the downloads; press Ctrl+C to stop.');
process.on('SIGINT', async () => {
  await s3.close();
  process.exit(0);
});
