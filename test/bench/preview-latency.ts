// How long a communications officer waits between saving the Local Account and seeing the
// preview page reload with the change: a copy of it previewed in headless Chromium, the first
// (cold) build left out, then five saves each timed from the write to the page's load event
// showing the new heading. Prints each save, the median, and the build's own share.
//   npx tsx test/bench/preview-latency.ts
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBrowser } from '../support/browser.ts';
import { startPreview, type BuildOutcome } from '../../src/preview/preview.ts';

const REPO = join(import.meta.dirname, '..', '..');
const ID = 'local-account-2016-17';
const SAVES = 5;

const tmp = mkdtempSync(join(tmpdir(), 'docgen-preview-bench-'));
const root = join(tmp, 'content');
cpSync(join(REPO, 'content', ID), join(root, ID), { recursive: true });
cpSync(join(REPO, 'content', 'organisation.yaml'), join(root, 'organisation.yaml'));
const file = join(root, ID, `${ID}.yaml`);
const original = readFileSync(file, 'utf8');

const t0 = performance.now();
const preview = await startPreview({ file, port: 0, root, out: join(tmp, 'out'), log: () => {} });
console.log(`first (cold) build: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const browser = await openBrowser();
const page = await (await browser.newContext()).newPage();
await page.goto(preview.url);

const waits: number[] = [];
const builds: number[] = [];
for (let i = 1; i <= SAVES; i++) {
  const heading = `Foreword, save ${i}`;
  const built = preview.nextBuild();
  const loaded = page.waitForEvent('load', { timeout: 300_000 });
  const start = performance.now();
  writeFileSync(file, original.replace('\n    title: Foreword\n', `\n    title: ${heading}\n`));
  await loaded;
  const ms = performance.now() - start;
  const shown = (await page.evaluate(`document.getElementById('foreword')?.textContent.replace(/^\\s*\\d+\\s*/, '').trim() === ${JSON.stringify(heading)}`)) as boolean;
  if (!shown) throw new Error(`save ${i}: the page reloaded without the new heading`);
  const outcome: BuildOutcome = await built;
  waits.push(ms);
  builds.push(outcome.ms);
  console.log(`save ${i}: page reloaded with the change ${(ms / 1000).toFixed(2)} s after the save (the build itself ${(outcome.ms / 1000).toFixed(2)} s)`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`median save → reloaded page: ${(median(waits) / 1000).toFixed(2)} s over ${SAVES} saves (median build ${(median(builds) / 1000).toFixed(2)} s)`);

await browser.close();
await preview.close();
rmSync(tmp, { recursive: true, force: true });
