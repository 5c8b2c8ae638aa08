// The HTML publication (src/writers/html): every content file's page in a real headless Chromium
// (axe at WCAG 2.2 AA, reflow at 320 px, keyboard, requests), its headings against the tagged
// PDF's, its words against the model's; and generated documents, whose pages must parse cleanly
// with one h1, unique ids and only safe addresses.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root, RootContent } from 'hast';
import { afterAll, describe, expect, it } from 'vitest';
import { publish, type Rendered } from '../src/pipeline/publish.ts';
import { loadContent } from '../src/pipeline/validate.ts';
import { folderImageLoader, folderTextLoader } from '../src/storage/folder.ts';
import { defaultAssets } from '../src/storage/assets.ts';
import { labelsFor } from '../src/model/labels.ts';
import { walkBlocks } from '../src/model/walk.ts';
import { MODEL_VERSION, type Block, type DocumentModel, type Heading, type Inline } from '../src/model/types.ts';
import { PROFILES } from '../src/profiles/index.ts';
import { renderContext } from '../src/writers/context.ts';
import { writeHtml } from '../src/writers/html/index.ts';
import { auditPage, formatViolations, openBrowser, type Audit, type Browser } from './support/browser.ts';
import { readPdf, walk, type StructNode } from './support/pdf-reader.ts';

/** Every content file under content/, not the organisation profile that governs them. */
function contentFiles(dir = 'content'): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? contentFiles(join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) && e.name !== 'organisation.yaml' ? [join(dir, e.name)] : []))
    .sort();
}

// ---- reading a page back -------------------------------------------------------------------

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

function elements(tree: Root | Element): Element[] {
  const out: Element[] = [];
  const visit = (n: RootContent | Root) => {
    if (n.type === 'element') {
      out.push(n);
      // A <template>'s content is a tree of its own; there are none, but count them if there were.
      if (n.content) visit(n.content);
    }
    if ('children' in n) for (const c of n.children) visit(c as RootContent);
  };
  visit(tree);
  return out;
}

const textOf = (n: RootContent | Root): string => (n.type === 'text' ? n.value : 'children' in n ? n.children.map((c) => textOf(c as RootContent)).join('') : '');
const prop = (e: Element, name: string) => e.properties[name];
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : []);

/** Parses a page, with every HTML parse error the parser reports. */
function parse(html: string): { tree: Root; errors: string[] } {
  const errors: string[] = [];
  const tree = fromHtml(html, {
    onerror: (e) => {
      errors.push(`${e.ruleId ?? ''} ${e.message} at ${e.place ? JSON.stringify(e.place) : '?'}`);
    },
  });
  return { tree, errors };
}

/** The H1–H6 elements of a tagged PDF's structure trees, with their text, in order. */
async function pdfHeadings(bytes: Uint8Array): Promise<{ level: number; text: string }[]> {
  const pdf = await readPdf(bytes);
  const out: { level: number; text: string }[] = [];
  pdf.trees.forEach((tree, page) => {
    const byMcid = pdf.text[page].byMcid;
    const collect = (n: StructNode): string => (n.type === 'content' ? (n.id ? (byMcid.get(n.id) ?? '') : '') : (n.children ?? []).map(collect).join(' '));
    walk(tree, (n) => {
      const m = /^H([1-6])$/.exec(n.role ?? '');
      if (m) out.push({ level: Number(m[1]), text: norm(collect(n)) });
    });
  });
  return out;
}

/**
 * Every word the model gives the reader to see: the page must show them all. (Section numbers are
 * the writers' to show or not: a heading with a number of its own, "10. Membership", gets no other.)
 */
function modelText(doc: DocumentModel): string {
  const parts: string[] = [doc.meta.title, doc.cover.subtitle ?? ''];
  const inl = (xs: Inline[]) => {
    for (const i of xs) {
      if (i.type === 'text') parts.push(i.text);
      else if (i.type === 'xref') parts.push(i.title);
      else if (i.type === 'link' || i.type === 'term') inl(i.children);
    }
  };
  for (const l of doc.cover.lines) inl(l.inlines);
  walkBlocks(doc.blocks, (b) => {
    if (b.type === 'heading') parts.push(b.text);
    else if (b.type === 'paragraph') inl(b.inlines);
    else if (b.type === 'table') {
      parts.push(b.caption);
      [...b.columns, ...b.rows.flat()].forEach(inl);
    } else if (b.type === 'definitions') parts.push(...b.items.map((i) => i.term));
    else if (b.type === 'figure') parts.push(b.caption ?? '');
    else if (b.type === 'quote') parts.push(b.by ?? '');
    else if (b.type === 'list') parts.push(...(b.labels ?? []));
    else if (b.type === 'contents') parts.push(...b.entries.map((e) => e.text));
  });
  return parts.join(' ');
}

/** Structural rules any page must keep, read from its tree: returns what breaks them. */
function structuralFaults(tree: Root): string[] {
  const faults: string[] = [];
  const els = elements(tree);
  const ids = new Map<string, number>();
  for (const e of els) {
    const id = prop(e, 'id');
    if (typeof id === 'string') ids.set(id, (ids.get(id) ?? 0) + 1);
  }
  for (const [id, n] of ids) if (n > 1) faults.push(`id "${id}" is used ${n} times`);
  const h1s = els.filter((e) => e.tagName === 'h1');
  if (h1s.length !== 1) faults.push(`${h1s.length} h1 elements`);
  for (const e of els) {
    if (e.tagName === 'script' || e.tagName === 'link' || e.tagName === 'iframe' || e.tagName === 'object' || e.tagName === 'embed') faults.push(`a <${e.tagName}>`);
    for (const k of Object.keys(e.properties)) if (/^on/i.test(k)) faults.push(`an event handler ${k} on <${e.tagName}>`);
    const href = prop(e, 'href');
    if (typeof href === 'string') {
      if (href.startsWith('#')) {
        if (!ids.has(decodeURIComponent(href.slice(1)))) faults.push(`a link to ${href}, which is nowhere on the page`);
      } else if (!/^(https?:\/\/|mailto:|tel:)/i.test(href)) faults.push(`a link to ${href}`);
    }
    const src = prop(e, 'src');
    if (src !== undefined && !String(src).startsWith('data:')) faults.push(`<${e.tagName} src="${src}">, not inline`);
    for (const ref of [...list(prop(e, 'ariaLabelledBy')), ...list(prop(e, 'ariaDescribedBy'))]) if (!ids.has(ref)) faults.push(`<${e.tagName}> refers to id "${ref}", which is not on the page`);
  }
  const style = els.filter((e) => e.tagName === 'style').map(textOf).join('\n');
  for (const m of style.matchAll(/url\(\s*['"]?([^'")]*)/g)) if (!m[1].startsWith('data:')) faults.push(`the stylesheet loads ${m[1]}`);
  if (/@import/.test(style)) faults.push('the stylesheet imports another');
  return faults;
}

/** Every picture has a name: an <img> its alt, an SVG picture its title; other SVG is hidden. */
function unnamedPictures(tree: Root): string[] {
  const els = elements(tree);
  const byId = new Map(els.filter((e) => typeof prop(e, 'id') === 'string').map((e) => [prop(e, 'id') as string, e]));
  const faults: string[] = [];
  for (const e of els) {
    if (e.tagName === 'img' && !norm(String(prop(e, 'alt') ?? ''))) faults.push(`an <img> without alt text`);
    if (e.tagName !== 'svg') continue;
    if (prop(e, 'role') === 'img') {
      const name = list(prop(e, 'ariaLabelledBy')).map((id) => norm(byId.has(id) ? textOf(byId.get(id)!) : '')).join(' ');
      if (!name.trim()) faults.push('an SVG picture without a name');
    } else {
      // Decorative SVG (a tick, a colour key) is hidden itself or inside something hidden.
      const hidden = (x: Element) => prop(x, 'ariaHidden') === 'true';
      const ancestors = ancestorsOf(tree, e);
      if (!hidden(e) && !ancestors.some(hidden)) faults.push('an SVG that is neither named nor hidden');
    }
  }
  return faults;
}

function ancestorsOf(tree: Root, target: Element): Element[] {
  const path: Element[] = [];
  const find = (n: Root | Element): boolean => {
    for (const c of n.children) {
      if (c.type !== 'element') continue;
      if (c === target) return true;
      path.push(c);
      if (find(c)) return true;
      path.pop();
    }
    return false;
  };
  find(tree);
  return path;
}

/** Tables have a caption with words, header cells with a scope, and sit in a named, focusable region. */
function tableFaults(tree: Root): string[] {
  const faults: string[] = [];
  for (const t of elements(tree).filter((e) => e.tagName === 'table')) {
    const caption = t.children.find((c): c is Element => c.type === 'element' && c.tagName === 'caption');
    if (!caption || !norm(textOf(caption))) faults.push('a table without a caption');
    const ths = elements(t).filter((e) => e.tagName === 'th');
    if (ths.length === 0) faults.push(`table "${caption ? norm(textOf(caption)) : '?'}" has no header cells`);
    for (const th of ths) if (prop(th, 'scope') !== 'col' && prop(th, 'scope') !== 'row') faults.push(`a <th> without scope in "${caption ? norm(textOf(caption)) : '?'}"`);
    const thead = elements(t).find((e) => e.tagName === 'thead');
    if (!thead || elements(thead).some((e) => e.tagName === 'th' && prop(e, 'scope') !== 'col')) faults.push('a table whose head row is not column headers');
  }
  return faults;
}

// ---- every content file --------------------------------------------------------------------

const TIMEOUT = 120_000;
let launched: Promise<Browser> | undefined;
const browser = () => (launched ??= openBrowser());
const dir = mkdtempSync(join(tmpdir(), 'html-test-'));

afterAll(async () => {
  await launched?.then((b) => b.close(), () => undefined);
  rmSync(dir, { recursive: true, force: true });
});

interface Page {
  html: string;
  url: string;
  tree: Root;
  parseErrors: string[];
  pdf?: Rendered;
  txt?: Rendered;
  model: DocumentModel;
}

/** Published once per file, and audited once per viewport, whichever test asks first. */
function memo<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
}

const symbols = new Set(defaultAssets().symbols.keys());

// Files run side by side: while one publishes (Node), another's page is audited (Chromium).
// With every content file, the Easy Read fixture of every row shape (two pictures, a drawing, steps, the contact row).
describe.concurrent('the HTML publication of every content file', () => {
  for (const file of [...contentFiles(), 'test/fixtures/easy-read/rows.yaml']) {
    const name = basename(file, extname(file));
    const bytes = readFileSync(file);
    const loaded = loadContent(file, bytes, folderImageLoader(file), { loadText: folderTextLoader(file), symbols });
    if (!loaded.ok) throw new Error(`${file}: ${loaded.problems.map((p) => `${p.line}:${p.col} ${p.message}`).join('; ')}`);
    const hasHtml = loaded.kind.outputs.some((o) => o.format === 'html');

    describe(`${file}`, () => {
      if (!hasHtml) {
        it('is not made: this kind (an agenda pack) publishes its papers as one PDF', async () => {
          const r = await publish(file, bytes, folderImageLoader(file), { loadText: folderTextLoader(file), formats: ['html'] });
          expect(r.ok && r.files.filter((f) => f.file.format === 'html')).toEqual([]);
        }, TIMEOUT);
        return;
      }

      const page = memo(async (): Promise<Page> => {
        const r = await publish(file, bytes, folderImageLoader(file), { loadText: folderTextLoader(file), formats: ['html', 'pdf', 'txt'] });
        if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.col} ${p.message}`).join('\n'));
        const out = r.files.find((f) => f.file.format === 'html');
        if (!out) throw new Error('no HTML output');
        const html = Buffer.from(out.data).toString('utf8');
        const path = join(dir, `${name}.html`);
        writeFileSync(path, html);
        const { tree, errors } = parse(html);
        return { html, url: pathToFileURL(path).href, tree, parseErrors: errors, pdf: r.files.find((f) => f.file.format === 'pdf' && f.file.profile !== 'large-print'), txt: r.files.find((f) => f.file.format === 'txt'), model: loaded.model };
      });
      const wide = memo(async (): Promise<Audit> => auditPage(await browser(), (await page()).url, { viewport: { width: 1280, height: 900 } }));
      const narrow = memo(async (): Promise<Audit> => auditPage(await browser(), (await page()).url, { viewport: { width: 320, height: 640 } }));

      it('has no axe violations at WCAG 2.2 AA, 1280 and 320 px wide', async () => {
        const [a, b] = [await wide(), await narrow()];
        expect(a.violations, formatViolations(a.violations)).toEqual([]);
        expect(b.violations, formatViolations(b.violations)).toEqual([]);
      }, TIMEOUT);

      it('has exactly one h1, the title', async () => {
        const a = await wide();
        expect(a.h1Count).toBe(1);
        expect(a.headings[0]).toEqual({ level: 1, text: norm(loaded.model.meta.title) });
      }, TIMEOUT);

      it("has the tagged PDF's headings, in its order and at its levels", async () => {
        const p = await page();
        expect(p.pdf, 'a PDF in the profile of the page').toBeDefined();
        const pdf = await pdfHeadings(p.pdf!.data);
        const html = (await wide()).headings;
        // The page shows a section number in its own span before the words; the PDF does not.
        // (The PDF's text of a heading broken over lines may gain or lose a space at the break.)
        const bare = (x: string) => x.replace(/\s/g, '');
        const same = (x: string, y: string) => bare(x) === bare(y) || bare(x.replace(/^\d+(\.\d+)*\s+/, '')) === bare(y);
        const shown = html.map((h, i) => ({ level: h.level, text: pdf[i] && same(h.text, pdf[i].text) ? pdf[i].text : h.text }));
        expect(shown).toEqual(pdf);
      }, TIMEOUT);

      it("shows every word of the model's text", async () => {
        const seen = words((await wide()).text);
        const missing = [...words(modelText(loaded.model))].filter((w) => !seen.has(w));
        expect(missing).toEqual([]);
      }, TIMEOUT);

      it('shows every word of the plain text, but the words the text writer adds of its own (labels)', async () => {
        const txt = (await page()).txt;
        if (!txt) return expect(loaded.kind.outputs.some((o) => o.format === 'txt')).toBe(false); // an agenda pack has no plain text
        const L = loaded.model.labels;
        const own = words([...Object.values(L).filter((v) => typeof v === 'string'), L.pageOf(1, 2), L.endOf('x')].join(' '));
        // What the text says in words the page gives as pictures' alt text, drawings' titles and links' addresses.
        const attributes = elements((await page()).tree).flatMap((e) => [prop(e, 'alt'), prop(e, 'href')].filter((v): v is string => typeof v === 'string'));
        const titles = elements((await page()).tree).filter((e) => e.tagName === 'title').map(textOf);
        // A numbered list's numbers are the browser's markers, which innerText leaves out.
        const numbers = elements((await page()).tree)
          .filter((e) => e.tagName === 'ol')
          .flatMap((ol) => ol.children.filter((c) => c.type === 'element' && c.tagName === 'li').map((_, i) => String(Number(prop(ol, 'start') ?? 1) + i)));
        const seen = words([(await wide()).text, ...attributes, ...titles, ...numbers].join(' '));
        const missing = [...words(Buffer.from(txt.data).toString('utf8'))].filter((w) => !seen.has(w) && !own.has(w));
        expect(missing).toEqual([]);
      }, TIMEOUT);

      it('does not scroll sideways at 320 px', async () => {
        expect((await narrow()).horizontalOverflow).toBe(false);
      }, TIMEOUT);

      it('makes no request to anywhere else and loads nothing but itself', async () => {
        expect((await wide()).externalRequests).toEqual([]);
        expect((await narrow()).externalRequests).toEqual([]);
        expect(structuralFaults((await page()).tree)).toEqual([]);
      }, TIMEOUT);

      it('parses without an HTML error, with unique ids and links only to its own ids or http(s), mailto and tel', async () => {
        const p = await page();
        expect(p.parseErrors).toEqual([]);
        expect(p.html.startsWith('<!doctype html>')).toBe(true);
      }, TIMEOUT);

      it('has a skip link, the first thing to take focus, to the main landmark', async () => {
        const ctx = await (await browser()).newContext({ viewport: { width: 1280, height: 900 } });
        try {
          const tab = await ctx.newPage();
          await tab.goto((await page()).url);
          await tab.keyboard.press('Tab');
          const focus = await tab.evaluate(() => {
            const d = (globalThis as unknown as { document: any }).document;
            const a = d.activeElement;
            const href: string = a?.getAttribute('href') ?? '';
            const target = href.startsWith('#') ? d.getElementById(href.slice(1)) : null;
            const box = a?.getBoundingClientRect();
            return { tag: a?.tagName, href, text: a?.textContent, target: target?.tagName, shown: !!box && box.width > 10 && box.height > 10 };
          });
          expect(focus).toEqual({ tag: 'A', href: '#main-content', text: loaded.model.labels.skipToContent, target: 'MAIN', shown: true });
        // Following it puts the focus on the main content.
        await tab.keyboard.press('Enter');
        expect(await tab.evaluate(() => (globalThis as unknown as { document: any }).document.activeElement?.id)).toBe('main-content');
        } finally {
          await ctx.close();
        }
      }, TIMEOUT);

      it('names every picture: each img by its alt, each SVG picture by its title', async () => {
        const p = await page();
        expect(unnamedPictures(p.tree)).toEqual([]);
      }, TIMEOUT);

      it('gives every table a caption and header cells with a scope', async () => {
        expect(tableFaults((await page()).tree)).toEqual([]);
      }, TIMEOUT);

      it('has no script', async () => {
        const p = await page();
        expect(elements(p.tree).filter((e) => e.tagName === 'script')).toEqual([]);
        expect(p.html).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
      }, TIMEOUT);
    });
  }
});

// ---- generated documents -------------------------------------------------------------------

// Words with the characters HTML must escape, other scripts and emoji; no control characters
// (content validation refuses them before a model is made).
// Text fields are never blank: the schemas trim them and refuse empty ones.
const word = fc.string({ unit: fc.constantFrom(...[...'abcxyzABC019 <>&"\'=/é中😀-.:']), minLength: 1, maxLength: 12 }).filter((w) => w.trim() !== '');
const idChars = fc.string({ unit: fc.constantFrom(...'abcmain-content1'.split('')), minLength: 1, maxLength: 14 });
// Ids the writer's own might collide with, and others.
const idPool = fc.uniqueArray(fc.oneof(fc.constantFrom('main-content', 'title', 'contents', 'svg-title-1', 'caption-1', 'glossary-a', 'glossary-b'), idChars), { minLength: 80, maxLength: 80 });

const hrefs = fc.oneof(fc.webUrl(), fc.constantFrom('mailto:someone@example.org', 'tel:+443000421553', 'https://example.org/a?b=c&d="e"', 'javascript:alert(1)', 'data:text/html,<script>x</script>', '//evil.example/x'));

const inline: fc.Arbitrary<Inline> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('text' as const), text: word, bold: fc.option(fc.boolean(), { nil: undefined }), lang: fc.option(fc.constantFrom('cy', 'fr', 'en-GB'), { nil: undefined }) }, { requiredKeys: ['type', 'text'] }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('link' as const), href: hrefs, children: fc.array(fc.record({ type: fc.constant('text' as const), text: word }), { minLength: 1, maxLength: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('term' as const), id: fc.constantFrom('a', 'b', 'missing'), children: fc.array(fc.record({ type: fc.constant('text' as const), text: word }), { minLength: 1, maxLength: 2 }) }) },
  // Targets are filled in once the headings have ids; "?" stays a target that is not there.
  { weight: 1, arbitrary: fc.record({ type: fc.constant('xref' as const), target: fc.constantFrom('?', '0', '1', '2'), title: word }) },
  { weight: 1, arbitrary: fc.constant({ type: 'break' as const }) },
);
const inlines = fc.array(inline, { minLength: 1, maxLength: 6 });
const paragraph = fc.record({ type: fc.constant('paragraph' as const), id: fc.constant(''), inlines, role: fc.option(fc.constantFrom('note' as const, 'small' as const), { nil: undefined }) }, { requiredKeys: ['type', 'id', 'inlines'] });
const heading = fc.record({ type: fc.constant('heading' as const), id: fc.constant(''), level: fc.constantFrom(2, 3, 4, 5, 6) as fc.Arbitrary<Heading['level']>, text: word, number: fc.option(fc.constantFrom('1', '2.3', '10'), { nil: undefined }), outline: fc.boolean() }, { requiredKeys: ['type', 'id', 'level', 'text', 'outline'] });
const listBlock = fc.record({
  type: fc.constant('list' as const),
  id: fc.constant(''),
  style: fc.constantFrom('bullet' as const, 'check' as const, 'ordered' as const),
  start: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
  items: fc.array(fc.array(paragraph, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 4 }),
}, { requiredKeys: ['type', 'id', 'style', 'items'] });
const labelledList = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.record({ type: fc.constant('list' as const), id: fc.constant(''), style: fc.constant('ordered' as const), labels: fc.array(word, { minLength: n, maxLength: n }), items: fc.array(fc.array(paragraph, { minLength: 1, maxLength: 1 }), { minLength: n, maxLength: n }) }),
);
const tableBlock = fc.integer({ min: 1, max: 4 }).chain((cols) =>
  fc.record({
    type: fc.constant('table' as const),
    id: fc.constant(''),
    caption: word,
    columns: fc.array(inlines, { minLength: cols, maxLength: cols }),
    rows: fc.array(fc.array(fc.array(inline, { maxLength: 3 }), { minLength: cols, maxLength: cols }), { maxLength: 4 }),
    rowHeaders: fc.boolean(),
  }),
);
const glossary = fc.constant({ type: 'definitions' as const, id: '', style: 'glossary' as const, items: [{ id: 'glossary-a', term: 'A', body: [{ type: 'paragraph' as const, id: '', inlines: [{ type: 'text' as const, text: 'The first.' }] }] }] });
const block = fc.oneof(
  { weight: 3, arbitrary: heading },
  { weight: 4, arbitrary: paragraph },
  { weight: 2, arbitrary: listBlock },
  { weight: 1, arbitrary: labelledList },
  { weight: 2, arbitrary: tableBlock },
  { weight: 1, arbitrary: glossary },
) as fc.Arbitrary<Block>;

const documents = fc.tuple(fc.array(block, { maxLength: 14 }), idPool, word, word).map(([drafts, pool, title, subject]): DocumentModel => {
  // A copy that shares no object (fast-check may hand the same constant twice), so each node gets its own id.
  const blocks = JSON.parse(JSON.stringify(drafts)) as Block[];
  let next = 0;
  const used = new Set<string>(['title', 'cover-author', 'cover-published']);
  const fresh = () => {
    let id = pool[next++] ?? `generated-${next}`;
    while (used.has(id)) id = pool[next++] ?? `generated-${next}`;
    used.add(id);
    return id;
  };
  const headings: string[] = [];
  walkBlocks(blocks, (b) => {
    if (b.type === 'definitions') {
      for (const item of b.items) item.id = used.has(item.id) ? fresh() : (used.add(item.id), item.id);
    }
    b.id = fresh();
    if (b.type === 'heading') headings.push(b.id);
  });
  const fix = (xs: Inline[]) => {
    for (const i of xs) {
      if (i.type === 'xref' && i.target !== '?') i.target = headings[Number(i.target)] ?? 'nowhere';
      if (i.type === 'link' || i.type === 'term') fix(i.children);
    }
  };
  walkBlocks(blocks, (b) => {
    if (b.type === 'paragraph') fix(b.inlines);
    if (b.type === 'table') [...b.columns, ...b.rows.flat()].forEach(fix);
  });
  return {
    version: MODEL_VERSION,
    meta: { id: 'generated', kind: 'report', title, author: 'Author <&>', subject, language: 'en-GB', published: '2017-08-24', keywords: ['a', 'b'] },
    cover: {
      ownPage: true,
      title: { type: 'heading', id: 'title', level: 1, text: title, outline: true },
      lines: [{ type: 'paragraph', id: 'cover-author', inlines: [{ type: 'text', text: 'Author <&>', bold: true }] }],
    },
    blocks,
    labels: labelsFor('en-GB'),
  };
});

describe('generated documents: the HTML writer', () => {
  it('always writes a page that parses cleanly, with one h1, unique ids, no script and only http(s), mailto, tel and own-fragment links, the same bytes each time', async () => {
    const assets = defaultAssets();
    await fc.assert(
      fc.asyncProperty(documents, fc.constantFrom('standard' as const, 'easy-read' as const), async (doc, profile) => {
        const render = async () => Buffer.from((await writeHtml(doc, PROFILES[profile], renderContext(assets, doc.meta.published))).bytes).toString('utf8');
        const html = await render();
        const { tree, errors } = parse(html);
        expect(errors).toEqual([]);
        expect(structuralFaults(tree)).toEqual([]);
        expect(tableFaults(tree)).toEqual([]);
        expect(unnamedPictures(tree)).toEqual([]);
        const h1 = elements(tree).filter((e) => e.tagName === 'h1');
        expect(norm(textOf(h1[0]))).toBe(norm(doc.meta.title));
        expect(html).not.toMatch(/<script|javascript:/i);
        expect(await render()).toBe(html);
      }),
      { numRuns: 150 },
    );
  }, TIMEOUT);
});
