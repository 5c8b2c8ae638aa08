// The EPUB 3 publication (src/writers/epub): for every content file whose kind has an HTML page,
// its EPUB passes epubcheck (Debian's) with no errors and no warnings; each of its content
// documents passes axe-core at WCAG 2.2 AA in a real headless Chromium (Ace by DAISY would need
// a browser download of its own); its page list is the standard PDF's pages, in order, each
// marker where the PDF's page starts; its contents are the HTML page's headings; its package
// says what it offers in EPUB Accessibility 1.1's terms; and the same content gives the same
// bytes. A missing tool fails its test: run `bash scripts/ensure-test-tools.sh`.
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root, RootContent } from 'hast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish, type Rendered } from '../src/pipeline/publish.ts';
import { folderImageLoader, folderTextLoader } from '../src/storage/folder.ts';
import { CONFORMS_TO } from '../src/writers/epub/package.ts';
import { FONT_LICENCE } from '../src/writers/epub/licence.ts';
import { KINDS } from '../templates/index.ts';
import { auditPage, formatViolations, openBrowser, type Browser } from './support/browser.ts';
import { contentFiles } from './support/content.ts';

const run = promisify(execFile);

/** Kinds with an HTML page but no EPUB yet, and why: each is work still to do. */
const NO_EPUB_YET: Record<string, string> = {};

// ---- the tools ------------------------------------------------------------------------------

/** Debian's epubcheck on PATH: a jar run by java (the package's /usr/bin/epubcheck is the jar itself). */
function epubcheckCommand(): [string, string[]] {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'epubcheck');
    try {
      accessSync(candidate, constants.X_OK);
    } catch {
      continue;
    }
    const real = realpathSync(candidate);
    return real.endsWith('.jar') ? ['java', ['-jar', real]] : [candidate, []];
  }
  throw new Error("epubcheck is not on PATH: run `bash scripts/ensure-test-tools.sh` (npm test runs it first) to install Debian's epubcheck package");
}

/** epubcheck's verdict on a file: its counts and its messages. */
async function epubcheck(file: string): Promise<{ fatals: number; errors: number; warnings: number; messages: string[] }> {
  const [cmd, args] = epubcheckCommand();
  const out = await run(cmd, [...args, file], { maxBuffer: 16 * 1024 * 1024 }).catch((e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? '' }));
  const all = `${out.stdout}\n${out.stderr}`;
  const counts = /Messages: (\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/.exec(all);
  const messages = all.split('\n').filter((l) => /^(FATAL|ERROR|WARNING)/.test(l));
  if (!counts && !/No errors or warnings detected/.test(all)) throw new Error(`epubcheck said nothing it could be read by:\n${all}`);
  return counts ? { fatals: +counts[1], errors: +counts[2], warnings: +counts[3], messages } : { fatals: 0, errors: 0, warnings: 0, messages };
}

// ---- reading an EPUB back -------------------------------------------------------------------

const elements = (n: Root | Element | RootContent): Element[] =>
  n.type === 'element' ? [n, ...n.children.flatMap(elements)] : 'children' in n ? n.children.flatMap((c) => elements(c as RootContent)) : [];
const textOf = (n: RootContent | Root): string => (n.type === 'text' ? n.value : 'children' in n ? n.children.map((c) => textOf(c as RootContent)).join('') : '');
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const attr = (e: Element, name: string) => e.properties[name];

interface Book {
  files: Record<string, Uint8Array>;
  text(name: string): string;
  /** The spine's content documents, in reading order. */
  spine: string[];
  opf: string;
}

function readBook(bytes: Uint8Array): Book {
  const files = unzipSync(bytes);
  const text = (name: string) => strFromU8(files[name]);
  const opf = text('EPUB/package.opf');
  const hrefs = new Map([...opf.matchAll(/<item id="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((m) => hrefs.get(m[1])!);
  return { files, text, spine, opf };
}

/** The page-list's entries: the number each shows and where it goes. */
function pageList(book: Book): { n: string; href: string }[] {
  const nav = fromHtml(book.text('EPUB/nav.xhtml'));
  const list = elements(nav).find((e) => e.tagName === 'nav' && attr(e, 'epub:type') === 'page-list');
  if (!list) throw new Error('the navigation document has no page-list');
  return elements(list)
    .filter((e) => e.tagName === 'a')
    .map((a) => ({ n: norm(textOf(a)), href: String(attr(a, 'href')) }));
}

/** The nav's contents: its top entries' words. */
function tocTop(book: Book): string[] {
  const nav = fromHtml(book.text('EPUB/nav.xhtml'));
  const toc = elements(nav).find((e) => e.tagName === 'nav' && attr(e, 'epub:type') === 'toc')!;
  const ol = toc.children.find((c): c is Element => c.type === 'element' && c.tagName === 'ol')!;
  return ol.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li').map((li) => norm(textOf(li.children.find((c) => c.type === 'element' && c.tagName === 'a')!)));
}

/** The HTML page's top headings (its h1 and the h2s of its sections, not of its boxes), as read. */
function htmlTopHeadings(html: string): string[] {
  const out: string[] = [];
  const visit = (n: Root | Element, inAside: boolean) => {
    for (const c of n.children) {
      if (c.type !== 'element') continue;
      if ((c.tagName === 'h1' || c.tagName === 'h2') && !inAside) out.push(norm(textOf(c)));
      visit(c, inAside || c.tagName === 'aside');
    }
  };
  visit(fromHtml(html), false);
  return out;
}

/** In reading order over the spine: each heading's id with the page of the page break before it. */
function headingsUnderPages(book: Book): Map<string, number> {
  const out = new Map<string, number>();
  let page = 0;
  for (const doc of book.spine) {
    for (const e of elements(fromHtml(book.text(`EPUB/${doc}`)))) {
      if (attr(e, 'epub:type') === 'pagebreak') page = Number(attr(e, 'title'));
      if (/^h[1-6]$/.test(e.tagName) && typeof attr(e, 'id') === 'string') out.set(attr(e, 'id') as string, page);
    }
  }
  return out;
}

// ---- the publications -----------------------------------------------------------------------

interface Made {
  file: string;
  kind: string;
  html?: Rendered;
  pdf?: Rendered;
  epub?: Rendered;
}

const made = new Map<string, Promise<Made>>();
function make(file: string): Promise<Made> {
  let m = made.get(file);
  if (!m) {
    m = (async () => {
      const r = await publish(file, readFileSync(file), folderImageLoader(file), { loadText: folderTextLoader(file), formats: ['html', 'pdf', 'epub'] });
      if (!r.ok) throw new Error(r.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.message}`).join('\n'));
      const get = (format: string) => r.files.find((f) => f.file.format === format);
      return { file, kind: r.manifest.kind, html: get('html'), pdf: get('pdf'), epub: get('epub') };
    })();
    made.set(file, m);
  }
  return m;
}

const FILES = contentFiles();
let dir: string;
let browser: Browser | undefined;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'epub-test-'));
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('every kind with an HTML page has an EPUB', () => {
  it('each kind publishing html also publishes epub, unless it is named as still to do', () => {
    for (const k of Object.values(KINDS)) {
      const formats = k.outputs.map((o) => o.format);
      if (!formats.includes('html')) continue;
      if (Object.hasOwn(NO_EPUB_YET, k.kind)) expect(formats, `${k.kind} has an EPUB now: take it off NO_EPUB_YET`).not.toContain('epub');
      else expect(formats, `${k.kind} has an HTML page but no EPUB`).toContain('epub');
    }
  });
});

describe.each(FILES)('%s', (file) => {
  const epubOf = async () => {
    const m = await make(file);
    return m.epub;
  };

  it('has an EPUB if it has an HTML page', async () => {
    const m = await make(file);
    if (!m.html) return expect(m.epub).toBeUndefined();
    if (Object.hasOwn(NO_EPUB_YET, m.kind)) return expect(m.epub).toBeUndefined();
    expect(m.epub, `${file} has an HTML page but no EPUB`).toBeDefined();
    expect(m.epub!.file.contentType).toBe('application/epub+zip');
    expect(m.epub!.file.file).toMatch(/\.epub$/);
  });

  it('passes epubcheck with no errors and no warnings', { timeout: 600_000 }, async () => {
    const epub = await epubOf();
    if (!epub) return;
    const path = join(dir, epub.file.file);
    writeFileSync(path, epub.data);
    const v = await epubcheck(path);
    expect({ fatals: v.fatals, errors: v.errors, warnings: v.warnings }, v.messages.join('\n')).toEqual({ fatals: 0, errors: 0, warnings: 0 });
  });

  it('has content documents with no axe violations at WCAG 2.2 AA in Chromium', { timeout: 300_000 }, async () => {
    const epub = await epubOf();
    if (!epub) return;
    const book = readBook(epub.data);
    const root = join(dir, epub.file.file.replace(/\.epub$/, ''));
    for (const [name, data] of Object.entries(book.files)) {
      if (name.endsWith('/')) continue;
      mkdirSync(dirname(join(root, name)), { recursive: true });
      writeFileSync(join(root, name), data);
    }
    browser ??= await openBrowser();
    for (const doc of [...book.spine, 'nav.xhtml']) {
      const audit = await auditPage(browser, pathToFileURL(join(root, 'EPUB', doc)).href);
      // An XHTML document that is not well-formed shows Chromium's error page instead.
      expect(audit.text, `${doc} is not well-formed XML`).not.toMatch(/This page contains the following errors/);
      expect(audit.text.trim().length, `${doc} shows nothing`).toBeGreaterThan(0);
      expect(audit.violations, `${doc}: ${formatViolations(audit.violations)}`).toEqual([]);
      expect(audit.externalRequests, `${doc} asks for files outside the book`).toEqual([]);
    }
  });

  it("lists the standard PDF's pages in order, each marked where the PDF's page starts", async () => {
    const m = await make(file);
    if (!m.epub) return;
    const book = readBook(m.epub.data);
    const pages = pageList(book);
    expect(pages.map((p) => p.n)).toEqual(Array.from({ length: m.pdf!.file.pages! }, (_, i) => String(i + 1)));
    for (const p of pages) {
      const [doc, id] = p.href.split('#');
      const tree = fromHtml(book.text(`EPUB/${doc}`));
      const target = elements(tree).find((e) => attr(e, 'id') === id);
      expect(target, `page ${p.n}'s target ${p.href} is not in the book`).toBeDefined();
      expect(attr(target!, 'epub:type')).toBe('pagebreak');
      expect(attr(target!, 'title')).toBe(p.n);
    }
    // Each heading comes after the marker of the page the PDF sets it on (the PDF's own bookmarks' pages).
    const { writePdfWith } = await import('../src/writers/pdf/index.ts');
    const { loadContent } = await import('../src/pipeline/validate.ts');
    const { defaultAssets } = await import('../src/storage/assets.ts');
    const { renderContext } = await import('../src/writers/context.ts');
    const { PROFILES } = await import('../src/profiles/index.ts');
    const assets = defaultAssets();
    const loaded = loadContent(file, readFileSync(file), folderImageLoader(file), { loadText: folderTextLoader(file), symbols: new Set(assets.symbols.keys()) });
    if (!loaded.ok) throw new Error('content did not load');
    const pdf = await writePdfWith(loaded.model, PROFILES[m.epub.file.profile], renderContext(assets, loaded.model.meta.published));
    expect(pdf.pages).toBe(m.pdf!.file.pages);
    const under = headingsUnderPages(book);
    const wrong = [...pdf.anchors].filter(([id]) => under.has(id)).filter(([id, page]) => under.get(id) !== page);
    expect(wrong.map(([id, page]) => `${id}: on page ${page} in the PDF, after page ${under.get(id)}'s marker in the EPUB`)).toEqual([]);
    expect([...pdf.anchors.keys()].filter((id) => under.has(id)).length).toBeGreaterThan(0);
  });

  it("has contents that are the HTML page's top headings", async () => {
    const m = await make(file);
    if (!m.epub) return;
    expect(tocTop(readBook(m.epub.data))).toEqual(htmlTopHeadings(Buffer.from(m.html!.data).toString('utf8')));
  });

  it("says in its package what it is and what it offers readers, in EPUB Accessibility 1.1's terms", async () => {
    const m = await make(file);
    if (!m.epub) return;
    const book = readBook(m.epub.data);
    const opf = book.opf;
    const metas = (p: string) => [...opf.matchAll(new RegExp(`<meta property="${p}">([^<]*)</meta>`, 'g'))].map((x) => x[1]);
    const lang = /<dc:language>([^<]+)</.exec(opf)?.[1];
    expect(lang).toMatch(/^[a-z]{2}/);
    expect(opf).toMatch(/<dc:title>[^<]+<\/dc:title>/);
    expect(opf).toMatch(/<dc:identifier id="pub-id">urn:uuid:[0-9a-f-]{36}<\/dc:identifier>/);
    expect(metas('dcterms:modified')[0]).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
    expect(metas('dcterms:conformsTo')).toEqual([CONFORMS_TO]);
    expect(CONFORMS_TO).toBe('EPUB Accessibility 1.1 - WCAG 2.2 Level AA');
    expect(metas('schema:accessModeSufficient')).toEqual(['textual']);
    expect(metas('schema:accessibilityHazard')).toEqual(['none']);
    expect(metas('schema:accessibilitySummary')[0]?.length).toBeGreaterThan(40);
    expect(metas('schema:accessibilityFeature')).toEqual(expect.arrayContaining(['structuralNavigation', 'tableOfContents', 'printPageNumbers', 'readingOrder', 'displayTransformability']));
    const pictures = Object.keys(book.files).some((n) => n.startsWith('EPUB/images/')) || book.spine.some((d) => /<svg\b/.test(book.text(`EPUB/${d}`)));
    expect(metas('schema:accessMode')).toEqual(pictures ? ['textual', 'visual'] : ['textual']);
    if (pictures) expect(metas('schema:accessibilityFeature')).toContain('alternativeText');
    // Every content document in the publication's language; the fonts embedded, with their licence.
    for (const d of book.spine) expect(book.text(`EPUB/${d}`)).toContain(`lang="${lang}" xml:lang="${lang}"`);
    expect(book.files['EPUB/fonts/AtkinsonHyperlegible-Regular.ttf']).toEqual(new Uint8Array(readFileSync('assets/fonts/AtkinsonHyperlegible-Regular.ttf')));
    expect(book.files['EPUB/fonts/AtkinsonHyperlegible-Bold.ttf']).toEqual(new Uint8Array(readFileSync('assets/fonts/AtkinsonHyperlegible-Bold.ttf')));
    expect(book.text('EPUB/style.css')).toMatch(/@font-face\{font-family:"Atkinson Hyperlegible";font-weight:400[^}]*url\(fonts\/AtkinsonHyperlegible-Regular\.ttf\)/);
    expect(book.text('EPUB/fonts/OFL.txt')).toBe(readFileSync('assets/fonts/OFL-AtkinsonHyperlegible.txt', 'utf8'));
    // Reading systems set the width: no fixed widths in pixels, no page-width container.
    expect(book.text('EPUB/style.css')).not.toMatch(/(^|[{;])(max-)?width:\d+px/m);
  });

  it('is the same bytes for the same content, with or without the PDF made first', { timeout: 120_000 }, async () => {
    const m = await make(file);
    if (!m.epub) return;
    const again = await publish(file, readFileSync(file), folderImageLoader(file), { loadText: folderTextLoader(file), formats: ['epub'] });
    if (!again.ok) throw new Error('publish failed');
    expect(again.files.map((f) => f.file.format)).toEqual(['epub']);
    expect(Buffer.from(again.files[0].data).equals(Buffer.from(m.epub.data))).toBe(true);
    // The container's first entry is the mimetype, stored, as OCF requires.
    const head = Buffer.from(m.epub.data.subarray(0, 58));
    expect(head.readUInt16LE(8), 'mimetype is stored').toBe(0);
    expect(head.subarray(30, 38).toString('latin1')).toBe('mimetype');
    expect(head.subarray(38, 58).toString('latin1')).toBe('application/epub+zip');
  });
});

describe('the fonts\' licence', () => {
  it('is the bundled licence, word for word', () => {
    expect(FONT_LICENCE).toBe(readFileSync('assets/fonts/OFL-AtkinsonHyperlegible.txt', 'utf8'));
  });
});
