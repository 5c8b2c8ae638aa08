// The live preview (docgen preview), driven as a communications officer uses it: a copy of the
// Local Account is previewed in real headless Chromium, and each way of saving the file (in
// place, by writing a new file and renaming it over, by deleting and making it again, by
// `git checkout`) reloads the open page with the new text, then again once every format is
// made. Invalid content shows its problems, located, in the page, over the last files that
// built; fixing it recovers. The files on disk stay exactly as published, without the
// preview's reload script. A taken port is one line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBrowser, type Browser } from './support/browser.ts';
import { PortInUseError, startPreview, type Preview } from '../src/preview/preview.ts';

type Page = Awaited<ReturnType<Awaited<ReturnType<Browser['newContext']>>['newPage']>>;

const REPO = join(import.meta.dirname, '..');
const ID = 'local-account-2016-17';
const tmp = mkdtempSync(join(tmpdir(), 'docgen-preview-'));
const root = join(tmp, 'content');
const file = join(root, ID, `${ID}.yaml`);
const out = join(tmp, 'out');
const original = readFileSync(join(REPO, 'content', ID, `${ID}.yaml`), 'utf8');
const FOREWORD = '\n    title: Foreword\n';
/** The Local Account with its Foreword heading renamed. */
const withHeading = (heading: string) => original.replace(FOREWORD, `\n    title: ${heading}\n`);

let preview: Preview;
let browser: Browser;
let page: Page;
const log: string[] = [];

/** Runs `git` in a folder of the copy (never in the repository's own). */
function git(dir: string, ...args: string[]): string {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.org' };
  for (const v of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[v];
  return execFileSync('git', ['-C', dir, ...args], { cwd: dir, stdio: 'pipe', env }).toString();
}

/** Evaluates `expression` in the page until it is true, riding over reloads; false at the deadline. */
async function until(expression: string, ms = 180_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if (await page.evaluate(expression)) return true;
    } catch {
      // the page is between loads
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}
/** The Foreword's heading (h2#foreword) reads `text`, after its section number. */
const headingShown = (text: string) => until(`document.getElementById('foreword')?.textContent.replace(/^\\s*\\d+\\s*/, '').trim() === ${JSON.stringify(text)}`);
/** When the page's document was loaded: another value after a reload. */
async function documentStart(): Promise<number> {
  for (;;) {
    try {
      return (await page.evaluate('performance.timeOrigin')) as number;
    } catch {
      await new Promise((r) => setTimeout(r, 100)); // between loads
    }
  }
}
const pageText = () => page.evaluate('document.body.innerText') as Promise<string>;

/** Saves the file some way, then expects the open page to reload and show the new heading. */
async function expectReloadWith(heading: string, save: () => void | Promise<void>) {
  const before = await documentStart();
  await save();
  expect(await headingShown(heading), `the page shows "${heading}" after the save; the preview said:\n${log.join('\n')}`).toBe(true);
  expect(await documentStart(), 'the page reloaded itself').not.toBe(before);
  // Then every format is made and the page reloads again with their links current.
  await preview.settled();
  expect(await until(`!document.body.innerText.includes('Being made again') && document.body.innerText.includes('Save the file and this page reloads')`), 'the page shows the files made for this save').toBe(true);
}

beforeAll(async () => {
  cpSync(join(REPO, 'content', ID), join(root, ID), { recursive: true });
  cpSync(join(REPO, 'content', 'organisation.yaml'), join(root, 'organisation.yaml'));
  preview = await startPreview({ file, port: 0, root, out, log: (l) => log.push(l) });
  browser = await openBrowser();
  page = await (await browser.newContext()).newPage();
  await page.goto(preview.url);
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('docgen preview', () => {
  it('serves the HTML publication on a local address, with links to every other format', async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await headingShown('Foreword')).toBe(true);
    const links = (await page.evaluate(`[...document.querySelectorAll('.docgen-preview a')].map((a) => a.textContent + ' ' + a.getAttribute('href'))`)) as string[];
    for (const name of [`${ID}.pdf`, `${ID}.docx`, `${ID}.txt`, `${ID}-large-print.pdf`, `${ID}-large-print.docx`]) {
      expect(links.some((l) => l.endsWith(`/files/${name}`)), `a link to ${name} in ${links.join(', ')}`).toBe(true);
    }
    const pdf = await fetch(new URL(`/files/${ID}.pdf`, preview.url));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await fetch(new URL('/files/..%2Fcontent%2Forganisation.yaml', preview.url))).status).toBe(404);
  }, 240_000);

  it('reloads the page with the new text when the file is saved in place', async () => {
    await expectReloadWith('Foreword, saved in place', () => writeFileSync(file, withHeading('Foreword, saved in place')));
  }, 240_000);

  it('still sees saves after an editor saves by writing a new file and renaming it over the old', async () => {
    await expectReloadWith('Foreword, renamed over', () => {
      writeFileSync(`${file}.tmp`, withHeading('Foreword, renamed over'));
      renameSync(`${file}.tmp`, file);
    });
    // The watch followed the new file, not the replaced one: a later save in place is seen too.
    await expectReloadWith('Foreword, after the rename', () => writeFileSync(file, withHeading('Foreword, after the rename')));
  }, 360_000);

  it('still sees saves after the file is deleted and made again', async () => {
    await expectReloadWith('Foreword, made again', async () => {
      unlinkSync(file);
      await new Promise((r) => setTimeout(r, 1000));
      writeFileSync(file, withHeading('Foreword, made again'));
    });
    await expectReloadWith('Foreword, after making it again', () => writeFileSync(file, withHeading('Foreword, after making it again')));
  }, 360_000);

  it('still sees saves after git checkout replaces the file', async () => {
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'as it was');
    // The heading changed on a branch made in a clone, so the watched file is touched only by the checkout.
    const clone = join(tmp, 'clone');
    git(tmp, 'clone', '-q', root, clone);
    writeFileSync(join(clone, ID, `${ID}.yaml`), withHeading('Foreword, from git'));
    git(clone, 'commit', '-q', '-am', 'heading changed');
    git(root, 'fetch', '-q', clone, 'main:edited');
    await expectReloadWith('Foreword, from git', () => void git(root, 'checkout', '-q', 'edited'));
    await expectReloadWith('Foreword, after git', () => writeFileSync(file, withHeading('Foreword, after git')));
  }, 360_000);

  it('shows invalid content\'s problems with their line in the page, over the last files that built, marked out of date', async () => {
    const lines = withHeading('Foreword, after git').split('\n');
    const at = lines.findIndex((l) => l.startsWith('published: ')) + 1;
    lines[at - 1] = 'published: 2017-13-45';
    const before = await documentStart();
    writeFileSync(file, lines.join('\n'));
    expect(await until(`document.body.innerText.includes('${ID}.yaml:${at}:')`), `the page names ${ID}.yaml:${at}; the preview said:\n${log.join('\n')}`).toBe(true);
    expect(await documentStart(), 'the page reloaded itself').not.toBe(before);
    const text = await pageText();
    expect(text).toContain('Out of date');
    expect(text).toMatch(new RegExp(`${ID}\\.yaml:${at}:\\d+: error: published`));
    // The last good publication is still shown and linked.
    expect(await headingShown('Foreword, after git')).toBe(true);
    expect((await fetch(new URL(`/files/${ID}.pdf`, preview.url))).status).toBe(200);
  }, 240_000);

  it('recovers when the content is fixed', async () => {
    await expectReloadWith('Foreword, fixed', () => writeFileSync(file, withHeading('Foreword, fixed')));
    const text = await pageText();
    expect(text).not.toContain('Out of date');
    expect(text).not.toMatch(/\.yaml:\d+:\d+: error/);
  }, 240_000);

  it('adds the reload script only to the page it serves: the published HTML on disk has none', async () => {
    await preview.settled();
    const onDisk = readFileSync(join(out, ID, `${ID}.html`), 'utf8');
    expect(onDisk).toContain('Foreword, fixed'); // the file the preview last built
    expect(onDisk).not.toMatch(/<script|EventSource|docgen-preview/);
    const served = await (await fetch(preview.url)).text();
    expect(served).toMatch(/<script[^>]*>[^<]*EventSource/);
    // The file itself, as served for download, is the file on disk.
    expect(await (await fetch(new URL(`/files/${ID}.html`, preview.url))).text()).toBe(onDisk);
    expect(readFileSync(join(out, ID, 'index.html'), 'utf8')).not.toMatch(/<script|EventSource/);
  });

  it('refuses a port in use with one line and exit code 1, no stack trace', async () => {
    const port = Number(new URL(preview.url).port);
    await expect(startPreview({ file, port, root, out: join(tmp, 'second'), log: () => {} })).rejects.toBeInstanceOf(PortInUseError);
    const run = await runTsx(['src/preview/main.ts', file, '--port', String(port), '--root', root, '--out', join(tmp, 'second')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`port ${port} is in use; choose another with --port`);
    expect(run.stdout).toBe('');
  }, 120_000);

  it('npm start refuses a port in use the same way', async () => {
    const port = Number(new URL(preview.url).port);
    const run = await runTsx(['src/cli/start.ts', '--once', '--port', String(port)]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`port ${port} is in use; choose another with --port`);
  }, 120_000);
});

function runTsx(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(join(REPO, 'node_modules', '.bin', 'tsx'), args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
