// The browser harness is real: a bad page fails axe with the rules it breaks, a good page passes,
// third-party requests are seen, and the publication's download page passes WCAG 2.2 AA.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../src/pipeline/publish.ts';
import { folderImageLoader } from '../src/storage/folder.ts';
import { auditPage, formatViolations, openBrowser, type Browser } from './support/browser.ts';

const TIMEOUT = 60_000;
// A 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

// Opened by the first test that needs it and reused: if chromium is missing, every test fails
// with openBrowser's error (a failing beforeAll would only mark them skipped).
let launched: Promise<Browser> | undefined;
const browser = () => (launched ??= openBrowser());
let dir: string;

const page = (name: string, html: string) => {
  const file = join(dir, name);
  writeFileSync(file, html);
  return pathToFileURL(file).href;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'browser-test-'));
  writeFileSync(join(dir, 'local.png'), PNG);
});

afterAll(async () => {
  await launched?.then((b) => b.close(), () => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the axe audit in a real chromium', () => {
  it('reports image-alt, label and html-has-lang on a page with an unlabelled picture, an unlabelled input and no language', async () => {
    const url = page(
      'bad.html',
      `<!doctype html>
<html>
<head><meta charset="utf-8"><title>Bad page</title></head>
<body>
  <main>
    <h1>Bad page</h1>
    <img src="local.png">
    <form><input type="text" name="q"></form>
  </main>
</body>
</html>`,
    );
    const a = await auditPage(await browser(), url);
    const ids = a.violations.map((v) => v.id);
    expect(ids, formatViolations(a.violations)).toEqual(expect.arrayContaining(['image-alt', 'label', 'html-has-lang']));
    const img = a.violations.find((v) => v.id === 'image-alt')!;
    expect(img.nodes[0].html).toContain('<img src="local.png">');
    expect(img.nodes[0].target).toEqual(['img']);
    expect(formatViolations(a.violations)).toMatch(/^image-alt \(critical\): Images must have alternative text/m);
  }, TIMEOUT);

  it('passes a small accessible page with its heading outline, its text and no sideways scrolling at 320 px', async () => {
    const url = page(
      'good.html',
      `<!doctype html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Good page</title>
  <style>body{font-family:sans-serif;color:#111;background:#fff;margin:1rem}a{color:#0b4f9c}</style>
</head>
<body>
  <main>
    <h1>  Bin   collections </h1>
    <p>Your bins are collected every week.</p>
    <img src="local.png" alt="A green bin" width="40" height="40">
    <h2>Garden waste</h2>
    <h3>How to <em>join</em></h3>
    <form>
      <label for="postcode">Postcode</label>
      <input id="postcode" name="postcode" type="text" autocomplete="postal-code">
      <button type="submit">Find my day</button>
    </form>
    <h2>Contact us</h2>
    <p><a href="mailto:waste@example.org">Email the waste team</a></p>
  </main>
</body>
</html>`,
    );
    const a = await auditPage(await browser(), url, { viewport: { width: 320, height: 640 } });
    expect(a.violations, formatViolations(a.violations)).toEqual([]);
    expect(a.headings).toEqual([
      { level: 1, text: 'Bin collections' },
      { level: 2, text: 'Garden waste' },
      { level: 3, text: 'How to join' },
      { level: 2, text: 'Contact us' },
    ]);
    expect(a.h1Count).toBe(1);
    expect(a.text).toContain('Your bins are collected every week.');
    expect(a.horizontalOverflow).toBe(false);
    expect(a.externalRequests).toEqual([]);
  }, TIMEOUT);

  it('sees sideways scrolling when something is wider than a 320 px viewport', async () => {
    const url = page(
      'wide.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Wide</title></head>
<body><main><h1>Wide</h1><div style="width:900px">A table too wide for a phone</div></main></body></html>`,
    );
    const a = await auditPage(await browser(), url, { viewport: { width: 320, height: 640 } });
    expect(a.horizontalOverflow).toBe(true);
  }, TIMEOUT);
});

describe('requests to third parties', () => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/same.png') {
        res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
      } else {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Served</title></head>
<body><main><h1>Served</h1><img src="/same.png" alt="Same origin"><img src="https://example.com/x.png" alt="Third party"></main></body></html>`,
        );
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('records a picture a file page loads from another site, and not one beside the file', async () => {
    const url = page(
      'external.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>External</title></head>
<body><main><h1>External</h1><img src="local.png" alt="Local"><img src="https://example.com/x.png" alt="Remote"></main></body></html>`,
    );
    const t0 = performance.now();
    const a = await auditPage(await browser(), url);
    expect(a.externalRequests).toEqual(['https://example.com/x.png']);
    expect(performance.now() - t0, 'the request is aborted, not waited on').toBeLessThan(20_000);
  }, TIMEOUT);

  it('records a request to another site from a served page, and not one to the same origin', async () => {
    const a = await auditPage(await browser(), `${origin}/page.html`);
    expect(a.externalRequests).toEqual(['https://example.com/x.png']);
  }, TIMEOUT);
});

describe('the publication download page', () => {
  it('has no WCAG 2.2 AA violations for a real publication, at desktop width and at 320 px', async () => {
    const source = 'content/strategy/your-life-your-wellbeing-strategy.yaml';
    const r = await publish(source, readFileSync(source), folderImageLoader(source));
    if (!r.ok) throw new Error(`publish failed: ${JSON.stringify(r.problems)}`);
    const url = page('index.html', r.index);
    const desktop = await auditPage(await browser(), url);
    expect(desktop.violations, formatViolations(desktop.violations)).toEqual([]);
    expect(desktop.h1Count).toBe(1);
    expect(desktop.headings[0]).toEqual({ level: 1, text: r.manifest.title });
    expect(desktop.externalRequests).toEqual([]);
    const narrow = await auditPage(await browser(), url, { viewport: { width: 320, height: 640 } });
    expect(narrow.violations, formatViolations(narrow.violations)).toEqual([]);
  }, TIMEOUT);
});
