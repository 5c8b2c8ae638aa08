// npm start: the whole pipeline on this machine, with no AWS account and no Docker.
// Starts the embedded S3, uploads everything in content/ to incoming/, lets the real handler
// publish it, copies the results into out/ and prints where to find them, as local paths: the
// published files in out/<id>/, a refused file's report in out/reports/ and its problems named by
// the content file's own path, which an editor opens at file:line:col.
// --watch re-publishes a content file when it is saved (chokidar, as docgen preview watches:
// saves that rename a new file over the old, and git checkout, are seen); --once exits when done.
import { readdirSync, readFileSync, statSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedS3, INPUT_BUCKET, OUTPUT_BUCKET } from '../local/embedded-s3.ts';
import { formatProblem, type Problem } from '../parse/problems.ts';
import { INCOMING, isAgendaPack, type UploadOutcome } from '../pipeline/upload.ts';
import { isProfileKey } from '../organisation/find.ts';
import { watchFolder } from '../preview/watch.ts';
import { portInUse, portIsFree } from '../preview/port.ts';

const { values } = parseArgs({ options: { watch: { type: 'boolean' }, once: { type: 'boolean' }, port: { type: 'string', default: '4568' } } });

const CONTENT = 'content';
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
const keyOf = (file: string) => `${INCOMING}${relative(CONTENT, file).split(sep).join('/')}`;
/** The content file an incoming/ key was uploaded from. */
const fileOf = (key: string) => (key.startsWith(INCOMING) ? join(CONTENT, ...key.slice(INCOMING.length).split('/')) : key);
/** Where a report (reports/incoming/<path>.json in the input bucket) is mirrored: out/reports/<path>.json. */
const reportFile = (reportKey: string) => join('out', 'reports', ...reportKey.replace(/^reports\//, '').slice(INCOMING.length).split('/'));
const contentType = (f: string) => (/\.json$/.test(f) ? 'application/json' : /\.ya?ml$/.test(f) ? 'application/yaml' : /\.png$/.test(f) ? 'image/png' : /\.jpe?g$/.test(f) ? 'image/jpeg' : 'application/octet-stream');

const port = Number(values.port);
// s3rver reports a taken port as an uncaught error with a stack trace: ask first.
if (!(await portIsFree(port))) {
  console.error(portInUse(port));
  process.exit(1);
}

let s3!: Awaited<ReturnType<typeof startEmbeddedS3>>;
let failed = 0;

async function report(key: string, o: UploadOutcome) {
  if (o.status === 'invalid') {
    failed++;
    // The report mirrored to a local file, and the problems named by the file's own path.
    const local = reportFile(o.report);
    const body = await s3.storage.get(INPUT_BUCKET, o.report);
    if (body) {
      mkdirSync(dirname(local), { recursive: true });
      writeFileSync(local, body);
    }
    const source = fileOf(o.report.replace(/^reports\//, '').replace(/\.json$/, ''));
    console.log(`✗ ${source}: ${o.problems.length} problem(s), nothing published${body ? `; report: ${local}` : ''}`);
    for (const p of o.problems) console.log(`  ${formatProblem(localProblem(p))}`);
    return;
  }
  if (o.status !== 'published' && o.status !== 'unchanged') return;
  // Mirror the published files into out/<id>/ so they can be opened directly.
  const dir = join('out', o.id);
  mkdirSync(dir, { recursive: true });
  for (const k of await s3.storage.list(OUTPUT_BUCKET, o.prefix)) writeFileSync(join(dir, k.slice(o.prefix.length)), (await s3.storage.get(OUTPUT_BUCKET, k))!);
  const source = o.status === 'published' ? o.manifest.source.key : key;
  // A report from an earlier, refused save of this file no longer applies.
  rmSync(reportFile(`reports/${source}.json`), { force: true });
  console.log(`✓ ${fileOf(source)} → ${o.status === 'published' ? `${o.manifest.outputs.length} formats` : 'unchanged'}`);
  // The stable address, which always serves the latest version; each version keeps its own, published/<id>/<version>/.
  console.log(`  download page: ${s3.endpoint}/${OUTPUT_BUCKET}/published/${o.id}/${o.current ? '' : '  (a newer upload of this id is current)'}`);
  console.log(`  files:         ${dir}${sep}`);
}

/** A problem named by the local path of its file, not its incoming/ key. */
const localProblem = (p: Problem): Problem => ({ ...p, file: fileOf(p.file) });

const upload = (f: string) => s3.storage.put(INPUT_BUCKET, keyOf(f), readFileSync(f), contentType(f));
const isContent = (f: string) => /\.(ya?ml|json)$/.test(f) && !isProfileKey(f);
const isPack = (f: string) => {
  try {
    return isContent(f) && isAgendaPack(readFileSync(f, 'utf8'));
  } catch {
    return false;
  }
};
/**
 * Uploads in the order a render needs them: organisation profiles first, so that each render
 * finds its council's; then pictures, so that each content file finds them; agenda packs last,
 * so that their papers are there.
 */
async function uploadAll(list: string[]) {
  for (const f of list.filter(isProfileKey)) await upload(f);
  await s3.idle();
  for (const f of [...list.filter((f) => !isContent(f) && !isProfileKey(f)), ...list.filter((f) => isContent(f) && !isPack(f))]) await upload(f);
  await s3.idle();
  for (const f of list.filter(isPack)) await upload(f);
  await s3.idle();
}

s3 = await startEmbeddedS3({ port, onOutcome: (key, o) => void report(key, o) });
console.log(`Embedded S3 at ${s3.endpoint} (buckets ${INPUT_BUCKET}, ${OUTPUT_BUCKET}). Uploading ${CONTENT}/ to ${INCOMING} …`);
await uploadAll(files(CONTENT).sort());
await new Promise((r) => setTimeout(r, 100)); // let the out/ copies finish
console.log(`Every publication: ${s3.endpoint}/${OUTPUT_BUCKET}/published/`);

if (values.once) {
  await s3.close();
  process.exit(failed ? 1 : 0);
}
if (values.watch) {
  console.log(`Watching ${CONTENT}/ : save a file to publish it again.`);
  let queue = Promise.resolve();
  watchFolder(CONTENT, (paths) => {
    const saved = paths.map((p) => relative(process.cwd(), p) || p).filter((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false; // removed: there is nothing to publish
      }
    });
    // One batch at a time, in the order the renders need.
    queue = queue.then(() => uploadAll(saved.sort())).catch(() => {
      /* a file removed or mid-save between the check and the read: the next save publishes it */
    });
  });
}
console.log('Serving the downloads; press Ctrl+C to stop.');
process.on('SIGINT', async () => {
  await s3.close();
  process.exit(0);
});
