// How long a communications officer waits between saving the Local Account and seeing the
// preview page reload with the change: a copy of it previewed in headless Chromium, the first
// (cold) build left out, then five saves each timed from the write to the page's load event
// showing the new heading (the HTML drafted first), and to the reload after every format is made.
// Prints each save and the medians.
//   npx tsx test/bench/preview-latency.ts
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBrowser } from '../support/browser.ts';
import { startPreview } from '../../src/preview/preview.ts';

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
const alls: number[] = [];
const text = () => page.evaluate('document.body.innerText') as Promise<string>;
for (let i = 1; i <= SAVES; i++) {
  const heading = `Foreword, save ${i}`;
  const loaded = page.waitForEvent('load', { timeout: 300_000 });
  const start = performance.now();
  writeFileSync(file, original.replace('\n    title: Foreword\n', `\n    title: ${heading}\n`));
  await loaded;
  const ms = performance.now() - start;
  const shown = (await page.evaluate(`document.getElementById('foreword')?.textContent.replace(/^\\s*\\d+\\s*/, '').trim() === ${JSON.stringify(heading)}`)) as boolean;
  if (!shown) throw new Error(`save ${i}: the page reloaded without the new heading`);
  // Then every format is made and the page reloads once more with their links current.
  while ((await text().catch(() => 'Being made again')).includes('Being made again')) await new Promise((r) => setTimeout(r, 50));
  const all = performance.now() - start;
  // Its load event past, so the next save's wait is for the next load.
  while ((await page.evaluate('document.readyState').catch(() => 'loading')) !== 'complete') await new Promise((r) => setTimeout(r, 50));
  waits.push(ms);
  alls.push(all);
  console.log(`save ${i}: page reloaded with the change ${(ms / 1000).toFixed(2)} s after the save; with every format made ${(all / 1000).toFixed(2)} s`);
  await preview.settled();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`median save → reloaded page: ${(median(waits) / 1000).toFixed(2)} s; → every format made and linked: ${(median(alls) / 1000).toFixed(2)} s (${SAVES} saves)`);

await browser.close();
await preview.close();
rmSync(tmp, { recursive: true, force: true });
