// Stable addresses (src/pipeline/addresses.ts): published/<id>/ serves the latest version's
// download page and HTML, each version stays under published/<id>/<version>/, published/ lists
// every publication, and CloudFront (and the embedded S3) serve a folder address as its index.html.
import { afterAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { INPUT_BUCKET, OUTPUT_BUCKET } from '../src/local/embedded-s3.ts';
import { minimal, pixel, useEmbeddedS3 } from './support/embedded.ts';
import { RenderPool } from '../src/pipeline/isolate.ts';
import { processUpload, type Storage, type UploadOutcome } from '../src/pipeline/upload.ts';
import { PUBLICATIONS_INDEX, syncStableCopies } from '../src/pipeline/addresses.ts';
import { indexPage, stableIndexPage } from '../src/pipeline/index-page.ts';
import { publicationsIndex } from '../src/pipeline/publications-index.ts';
import type { Manifest, OutputFile } from '../src/pipeline/publish.ts';
import { localS3Config } from '../src/storage/s3.ts';
import { directoryIndexHandler, isResponse } from '../lib/functions/index.ts';
import { auditPage, formatViolations, openBrowser, type Browser } from './support/browser.ts';

const embedded = useEmbeddedS3();
const { text } = embedded;
const store = () => embedded.s3().storage;
const latestOf = async (id: string) => JSON.parse((await text(OUTPUT_BUCKET, `published/${id}/latest.json`)) ?? 'null');
/** The minimal fixture with another id and title (and so other bytes: another version). */
const doc = (id: string, title: string) => minimal.replace('id: minimal-account', `id: ${id}`).replace(/^title: .*$/m, `title: ${title}`);
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

async function upload(dir: string, id: string, title: string) {
  await store().put(INPUT_BUCKET, `incoming/${dir}/pixel.png`, pixel, 'image/png');
  await store().put(INPUT_BUCKET, `incoming/${dir}/doc.yaml`, doc(id, title), 'application/yaml');
  await embedded.s3().idle();
  return latestOf(id);
}

const output = (o: Partial<OutputFile> & Pick<OutputFile, 'format' | 'file'>): OutputFile => ({ profile: 'standard', bytes: 2048, sha256: '0'.repeat(64), contentType: 'application/octet-stream', ...o });
const manifest = (m: Partial<Manifest> = {}): Manifest => ({
  id: 'budget-2017',
  kind: 'local-account',
  title: 'Budget 2017',
  language: 'en-GB',
  published: '2017-07-01',
  summary: 'How the council spends its money.',
  source: { key: 'incoming/budget.yaml', sha256: '0'.repeat(64) },
  generator: { version: 'test' },
  outputs: [
    output({ format: 'pdf', file: 'budget-2017.pdf', pages: 12, bytes: 300_000, contentType: 'application/pdf' }),
    output({ format: 'html', file: 'budget-2017.html', bytes: 40_000, contentType: 'text/html; charset=utf-8' }),
    output({ format: 'docx', file: 'budget-2017.docx', bytes: 50_000, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }),
  ],
  warnings: [],
  ...m,
});

describe('published/<id>/ serves the latest version', () => {
  it('after a second version, published/<id>/index.html links into the newer version, and the older version is still there', async () => {
    const first = await upload('stable/v1', 'stable-doc', 'Stable document, first edition');
    const second = await upload('stable/v2', 'stable-doc', 'Stable document, second edition');
    expect(second.version).not.toBe(first.version);
    const page = (await text(OUTPUT_BUCKET, 'published/stable-doc/index.html'))!;
    expect(page).toContain('<h1>Stable document, second edition</h1>');
    const files = hrefs(page).filter((h) => !h.startsWith('#') && !h.startsWith('../') && !/^(tel|mailto):/.test(h));
    expect(files.length).toBeGreaterThan(0);
    for (const h of files) expect(h.startsWith(`${second.version}/`), h).toBe(true);
    // Every link of the stable page names a file of the newer version.
    const stored = await store().list(OUTPUT_BUCKET, `published/stable-doc/${second.version}/`);
    for (const h of files) expect(stored).toContain(`published/stable-doc/${h}`);
    // The older version keeps every file, its own download page and its manifest.
    const older = await store().list(OUTPUT_BUCKET, `published/stable-doc/${first.version}/`);
    expect(older).toEqual(expect.arrayContaining([`published/stable-doc/${first.version}/index.html`, `published/stable-doc/${first.version}/manifest.json`, `published/stable-doc/${first.version}/stable-doc.pdf`]));
    expect(await text(OUTPUT_BUCKET, `published/stable-doc/${first.version}/index.html`)).toContain('Stable document, first edition');
  });

  it('an older version finishing after a newer one does not overwrite the stable copies, even when its writes land last', async () => {
    // Both are first published by the embedded runner; then rendered again (a new fingerprint), the
    // older upload first. Its stable copies are held back until the newer upload is done.
    const old = await upload('race/old', 'race-doc', 'Race document, older');
    await upload('race/new', 'race-doc', 'Race document, newer');
    const hour = 60 * 60 * 1000;
    const times = { older: new Date(Date.now() + hour).toISOString(), newer: new Date(Date.now() + 2 * hour).toISOString() };
    let release!: () => void;
    const newerDone = new Promise<void>((r) => (release = r));
    const held: string[] = [];
    // The older render's store: its writes to the stable addresses wait for the newer render.
    const slow: Storage = {
      ...store(),
      put: async (bucket, key, ...rest) => {
        if (/^published\/(race-doc\/[^/]+|index\.html)$/.test(key)) {
          held.push(key);
          await newerDone;
        }
        return store().put(bucket, key, ...rest);
      },
    };
    const pool = new RenderPool();
    const cfg = { inputBucket: INPUT_BUCKET, outputBucket: OUTPUT_BUCKET, fingerprint: 'race-again', pool };
    try {
      const older = processUpload(slow, cfg, { key: 'incoming/race/old/doc.yaml', time: times.older });
      // The older upload wins latest.json first (nothing newer is current yet), then stalls writing.
      await expect.poll(() => held.length, { timeout: 60_000 }).toBeGreaterThan(0);
      expect((await latestOf('race-doc')).source.time).toBe(times.older);
      const newer = (await processUpload(store(), cfg, { key: 'incoming/race/new/doc.yaml', time: times.newer })) as Extract<UploadOutcome, { status: 'published' }>;
      expect(newer).toMatchObject({ status: 'published', current: true });
      release();
      expect(await older).toMatchObject({ status: 'published', current: true });
      const page = (await text(OUTPUT_BUCKET, 'published/race-doc/index.html'))!;
      expect(page).toContain('Race document, newer');
      expect(page).toContain(`href="${newer.version}/race-doc.pdf"`);
      expect((await latestOf('race-doc')).version).toBe(newer.version);
      const index = (await text(OUTPUT_BUCKET, PUBLICATIONS_INDEX))!;
      expect(index).toContain('Race document, newer');
      expect(index).not.toContain('Race document, older');
      expect(await store().list(OUTPUT_BUCKET, `published/race-doc/${old.version}/`)).not.toEqual([]);
    } finally {
      release();
      await pool.close();
    }
  }, 120_000);

  it('copies every HTML output of the latest version to published/<id>/, and removes one the latest version no longer has', async () => {
    const put = (key: string, body: string, type = 'text/html; charset=utf-8') => store().put(OUTPUT_BUCKET, key, body, type);
    const version = async (v: string, m: Manifest, pages: Record<string, string>) => {
      for (const [file, body] of Object.entries(pages)) await put(`published/${m.id}/${v}/${file}`, body);
      await put(`published/${m.id}/${v}/manifest.json`, JSON.stringify(m), 'application/json');
      await put(`published/${m.id}/latest.json`, JSON.stringify({ id: m.id, version: v, manifest: `published/${m.id}/${v}/manifest.json`, index: `published/${m.id}/${v}/index.html`, source: { key: 'k', time: new Date().toISOString() } }), 'application/json');
      await syncStableCopies(store(), OUTPUT_BUCKET, m.id);
    };
    const html = (file: string) => output({ format: 'html', file, contentType: 'text/html; charset=utf-8' });
    const pack = manifest({ id: 'html-pack', kind: 'agenda-pack', title: 'Committee pack', outputs: [html('agenda.html'), html('paper-a.html'), output({ format: 'pdf', file: 'html-pack.pdf' })] });
    await version('aaaa000000000001', pack, { 'agenda.html': '<p>agenda one</p>', 'paper-a.html': '<p>paper A</p>' });
    expect(await text(OUTPUT_BUCKET, 'published/html-pack/agenda.html')).toBe('<p>agenda one</p>');
    expect(await text(OUTPUT_BUCKET, 'published/html-pack/paper-a.html')).toBe('<p>paper A</p>');
    const client = new S3Client(localS3Config(embedded.s3().endpoint));
    const copy = await client.send(new GetObjectCommand({ Bucket: OUTPUT_BUCKET, Key: 'published/html-pack/agenda.html' }));
    expect(copy.ContentType).toBe('text/html; charset=utf-8');
    expect(copy.CacheControl).toBe('public, max-age=60, must-revalidate');

    await version('aaaa000000000002', { ...pack, outputs: [html('agenda.html'), output({ format: 'pdf', file: 'html-pack.pdf' })] }, { 'agenda.html': '<p>agenda two</p>' });
    expect(await text(OUTPUT_BUCKET, 'published/html-pack/agenda.html')).toBe('<p>agenda two</p>');
    expect(await text(OUTPUT_BUCKET, 'published/html-pack/paper-a.html')).toBeUndefined();
    expect(await text(OUTPUT_BUCKET, 'published/html-pack/aaaa000000000001/paper-a.html')).toBe('<p>paper A</p>'); // the version keeps it
    expect(hrefs((await text(OUTPUT_BUCKET, 'published/html-pack/index.html'))!)).toContain('aaaa000000000002/agenda.html');
  });

  it('stable copies are revalidated within a minute; a version’s files are immutable', async () => {
    const { version } = await latestOf('stable-doc');
    const client = new S3Client(localS3Config(embedded.s3().endpoint));
    const cache = async (key: string) => (await client.send(new GetObjectCommand({ Bucket: OUTPUT_BUCKET, Key: key }))).CacheControl;
    expect(await cache('published/stable-doc/index.html')).toBe('public, max-age=60, must-revalidate');
    expect(await cache(PUBLICATIONS_INDEX)).toBe('public, max-age=60, must-revalidate');
    expect(await cache(`published/stable-doc/${version}/index.html`)).toBe('public, max-age=31536000, immutable');
    expect(await cache(`published/stable-doc/${version}/stable-doc.pdf`)).toBe('public, max-age=31536000, immutable');
  });
});

describe('published/ lists every publication', () => {
  it('the publications index lists every current publication with its title, kind, date and formats', async () => {
    await upload('listed', 'listed-doc', 'Listed document');
    const index = (await text(OUTPUT_BUCKET, PUBLICATIONS_INDEX))!;
    for (const id of ['stable-doc', 'race-doc', 'html-pack', 'listed-doc']) expect(index).toContain(`href="${id}/"`);
    const m = JSON.parse((await text(OUTPUT_BUCKET, (await latestOf('listed-doc')).manifest))!) as Manifest;
    const entry = /<li>(?:(?!<\/li>).)*Listed document(?:(?!<\/li>).)*<\/li>/s.exec(index)?.[0] ?? '';
    expect(entry).toContain('<a href="listed-doc/">Listed document</a>');
    expect(entry).toContain('<dd>Local Account</dd>');
    expect(entry).toContain(`<time datetime="${m.published}">`);
    const formats = /<dt>Formats<\/dt><dd>([^<]*)<\/dd>/.exec(entry)?.[1].split(', ');
    expect(formats).toEqual(expect.arrayContaining(['PDF', 'Word', 'plain text', 'large print PDF', 'large print Word']));
    expect(entry).toContain(m.summary);
    // Each title once: the older edition of a publication is not listed beside the newer.
    expect(index.match(/Stable document/g)).toHaveLength(1);
  });

  it('the publications index is built from manifests alone: newest first, dates in long UK form, an empty list said so', () => {
    const html = publicationsIndex([
      manifest({ id: 'older', title: 'Older', published: '2016-10-11', kind: 'minutes' }),
      manifest({ id: 'newer', title: 'Newer', published: '2017-07-01' }),
    ]);
    expect(html.indexOf('Newer')).toBeLessThan(html.indexOf('Older'));
    expect(html).toContain('<time datetime="2017-07-01">1 July 2017</time>');
    expect(html).toContain('<dd>Committee minutes</dd>');
    expect(html).toContain('<dd>PDF, HTML, Word</dd>');
    expect(publicationsIndex([])).toContain('Nothing has been published yet.');
  });
});

describe('the download page', () => {
  it('lists the HTML publication first, then the files with format, size and pages, with the published date and summary', () => {
    const html = indexPage(manifest());
    const read = html.indexOf('Read online');
    const download = html.indexOf('Download a copy');
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(download);
    // The files, then how to ask for another format: a manifest that records no contact (made before
    // profiles) names the installation's default profile's.
    expect(hrefs(html).filter((h) => !h.startsWith('#'))).toEqual(['budget-2017.html', 'budget-2017.pdf', 'budget-2017.docx', 'tel:03000421553', 'mailto:alternativeformats@kent.gov.uk']);
    expect(html).toContain('PDF, 293 KB, 12 pages');
    expect(html).toContain('<time datetime="2017-07-01">1 July 2017</time>');
    expect(html).toContain('<p class="summary">How the council spends its money.</p>');
  });

  it('the stable page links into the version’s folder and to every publication', () => {
    const html = stableIndexPage(manifest(), 'abcdef0123456789');
    expect(hrefs(html)).toEqual(['#main', '../', 'abcdef0123456789/budget-2017.html', 'abcdef0123456789/budget-2017.pdf', 'abcdef0123456789/budget-2017.docx', 'tel:03000421553', 'mailto:alternativeformats@kent.gov.uk']);
  });

  it('is one language, one h1, a skip link to main, landmarks, a viewport, no scripts and nothing from elsewhere', () => {
    for (const html of [indexPage(manifest()), stableIndexPage(manifest(), 'abcdef0123456789'), publicationsIndex([manifest()])]) {
      expect(html).toMatch(/^<!doctype html><html lang="en-GB">/);
      expect(html.match(/<h1[ >]/g)).toHaveLength(1);
      expect(html).toMatch(/<body><a class="skip" href="#main">Skip to main content<\/a>/);
      expect(html).toContain('<main id="main">');
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(html).not.toMatch(/<script|<link|<img|<iframe|url\(|@import|https?:\/\//i);
      expect(html).toMatch(/a:focus\{[^}]*background-color:#fd0/);
    }
  });

  it('escapes what the content says: a title cannot become markup', () => {
    const html = indexPage(manifest({ title: 'Fees & charges <script>alert(1)</script>', summary: '"quoted" <b>' }));
    expect(html).not.toContain('<script>');
    expect(html).toContain('Fees &#x26; charges &#x3C;script>');
  });
});

describe('folder addresses', () => {
  const run = (uri: string) => directoryIndexHandler()({ version: '1.0', request: { uri, method: 'GET', querystring: {}, headers: {} } });

  it('the CloudFront function serves /published/x/ and /published/ as their index.html, and leaves /published/x/a.pdf alone', () => {
    expect(run('/published/x/')).toMatchObject({ uri: '/published/x/index.html' });
    expect(run('/published/')).toMatchObject({ uri: '/published/index.html' });
    expect(run('/published/x/a.pdf')).toMatchObject({ uri: '/published/x/a.pdf' });
    expect(run('/published/x/0123456789abcdef/index.html')).toMatchObject({ uri: '/published/x/0123456789abcdef/index.html' });
  });

  it('the CloudFront function sends /published/x to /published/x/, so the page’s relative links resolve inside the folder', () => {
    const r = run('/published/x');
    expect(isResponse(r) && r).toMatchObject({ statusCode: 301, headers: { location: { value: '/published/x/' } } });
  });

  it('the embedded S3 serves published/<id>/ and published/ as a browser asks for them, and the SDK as it always has', async () => {
    const base = `${embedded.s3().endpoint}/${OUTPUT_BUCKET}/published/`;
    const page = await fetch(`${base}stable-doc/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe(await text(OUTPUT_BUCKET, 'published/stable-doc/index.html'));
    const index = await fetch(base);
    expect(await index.text()).toBe(await text(OUTPUT_BUCKET, PUBLICATIONS_INDEX));
    const bare = await fetch(`${base}stable-doc`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe(`/${OUTPUT_BUCKET}/published/stable-doc/`);
    // A link from the stable page, followed as a browser would.
    const first = hrefs(await (await fetch(`${base}stable-doc/`)).text()).find((h) => h.endsWith('.pdf'))!;
    const pdf = await fetch(new URL(first, `${base}stable-doc/`));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    // The SDK's listing and reads of the same bucket are not mapped.
    expect(await store().list(OUTPUT_BUCKET, 'published/stable-doc/')).toContain('published/stable-doc/index.html');
    expect(await store().get(OUTPUT_BUCKET, 'published/stable-doc/')).toBeUndefined();
  });
});

describe('the pages pass an accessibility audit', () => {
  // One chromium for these tests, opened by the first; a missing chromium fails them (never a skip).
  let launched: Promise<Browser> | undefined;
  const browser = () => (launched ??= openBrowser());
  afterAll(async () => {
    await launched?.then((b) => b.close(), () => undefined);
  });

  it('the stable download pages and the publications index pass axe at WCAG 2.2 AA, on a wide screen and at 320 pixels', async () => {
    const base = `${embedded.s3().endpoint}/${OUTPUT_BUCKET}/published/`;
    // A page rendered by the pipeline, one with HTML outputs (a manifest made in a test above), and the index.
    for (const url of [`${base}stable-doc/`, `${base}html-pack/`, base]) {
      for (const viewport of [undefined, { width: 320, height: 640 }]) {
        const audit = await auditPage(await browser(), url, viewport ? { viewport } : {});
        expect(audit.violations, `${url} at ${viewport?.width ?? 1280} px: ${formatViolations(audit.violations)}`).toEqual([]);
        expect(audit.h1Count, url).toBe(1);
        expect(audit.horizontalOverflow, `${url} scrolls sideways at ${viewport?.width ?? 1280} px`).toBe(false);
        expect(audit.externalRequests, url).toEqual([]);
      }
    }
  }, 120_000);
});
