// EPUB 3 writer: the HTML publication's handlers (src/writers/html) make its content, one XHTML
// content document for the cover and one per top-level section, so a reading system opens each
// section on its own and a reader moves by section. Beside them: the navigation document (the
// contents and the page list of the print edition), the package document with its accessibility
// metadata (package.ts), the stylesheet adapted for reading systems (style.ts), the fonts with
// their licence, and the pictures as files of their own. Zipped deterministically (zip.ts): the
// same model gives the same bytes. See docs/decisions/0012-epub.md.
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Element, ElementContent, Root } from 'hast';
import type { Block, DocumentModel, Heading } from '../../model/types.ts';
import type { Profile } from '../../profiles/index.ts';
import { walkBlocks } from '../../model/walk.ts';
import { askParts } from '../../organisation/publication.ts';
import type { RenderContext, Writer } from '../context.ts';
import { blocks, drawSvg, lined, para, writerState, type W } from '../html/index.ts';
import { writePdfWith } from '../pdf/index.ts';
import { dataUri } from '../common/pictures.ts';
import { FONT_LICENCE } from './licence.ts';
import { CONTAINER, packageDocument, type Item } from './package.ts';
import { pageId, pagePlan, printPagesOf, type PrintPages } from './pages.ts';
import { epubStylesheet, FONT_FILES } from './style.ts';
import { packEpub } from './zip.ts';

const XHTML = 'application/xhtml+xml';
const text = (value: string): ElementContent => ({ type: 'text', value });

interface ContentDoc {
  file: string;
  title: string;
  body: ElementContent[];
}

/** The pages of this publication's PDF: the pipeline's, or laid out here when the EPUB is made alone. */
async function printPages(doc: DocumentModel, profile: Profile, ctx: RenderContext): Promise<PrintPages> {
  const given = printPagesOf(ctx);
  if (given) return given;
  // A context of its own: the PDF's ids must not use up the EPUB's.
  const counts = new Map<string, number>();
  const own: RenderContext = { ...ctx, nextId: (p) => `${p}-${counts.set(p, (counts.get(p) ?? 0) + 1).get(p)}` };
  const pdf = await writePdfWith(doc, profile, own);
  return { pages: pdf.pages, blocks: pdf.blockPages };
}

/** The top-level sections: the blocks before the first section's heading, then each level-2 heading with what follows it. */
function sections(bs: Block[]): { heading?: Heading; blocks: Block[] }[] {
  const out: { heading?: Heading; blocks: Block[] }[] = [{ blocks: [] }];
  for (const b of bs) {
    if (b.type === 'heading' && b.outline && b.level <= 2) out.push({ heading: b, blocks: [] });
    out[out.length - 1].blocks.push(b);
  }
  return out;
}

const headingText = (b: Heading) => (b.number ? `${b.number} ${b.text}` : b.text);

/** The contents: every heading in the outline, sections' sub-sections nested under them. */
function tocEntries(doc: DocumentModel): { heading: Heading; children: Heading[] }[] {
  const out: { heading: Heading; children: Heading[] }[] = [];
  walkBlocks(doc.blocks, (b) => {
    if (b.type !== 'heading' || !b.outline) return;
    if (b.level <= 2 || out.length === 0) out.push({ heading: b, children: [] });
    else if (b.level === 3) out[out.length - 1].children.push(b);
  });
  return out;
}

function elementsOf(n: Root | Element, visit: (e: Element) => void): void {
  for (const c of n.children) {
    if (c.type !== 'element') continue;
    visit(c);
    elementsOf(c, visit);
  }
}

function page(lang: string, title: string, body: ElementContent[], bodyClass: string): Element {
  return h('html', { xmlns: 'http://www.w3.org/1999/xhtml', 'xmlns:epub': 'http://www.idpf.org/2007/ops', lang, xmlLang: lang }, [
    h('head', [h('meta', { charset: 'utf-8' }), h('title', title), h('link', { rel: 'stylesheet', type: 'text/css', href: 'style.css' })]),
    h('body', { className: [bodyClass] }, body),
  ]);
}

const serialise = (html: Element) => `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n${toHtml(lined(html), { closeSelfClosing: true, closeEmptyElements: true })}\n`;

const EXT = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/svg+xml': 'svg' } as const;

export const writeEpub: Writer = async (doc: DocumentModel, profile: Profile, ctx: RenderContext) => {
  const print = await printPages(doc, profile, ctx);
  const w: W = writerState(doc, profile, ctx);
  const plan = pagePlan(print);
  w.before = plan.before;
  const m = doc.meta;
  const c = doc.cover;
  const [front, ...rest] = sections(doc.blocks);

  const docs: ContentDoc[] = [];
  docs.push({
    file: 'cover.xhtml',
    title: m.title,
    body: [
      h('section', { 'epub:type': 'titlepage', ariaLabelledBy: c.title.id }, [
        h('header.cover', [
          ...plan.first(),
          ...(m.logo ? [h('img.logo', { src: dataUri(m.logo.image), alt: m.logo.alt, width: m.logo.image.width, height: m.logo.image.height })] : []),
          h('h1', { id: c.title.id }, c.title.text),
          ...(c.subtitle ? [h('p.subtitle', c.subtitle)] : []),
          ...c.lines.map((l) => para(l, w)),
        ]),
      ]),
      ...(front.blocks.length ? [h('section', blocks(front.blocks, w))] : []),
    ],
  });
  rest.forEach((s, i) => {
    docs.push({ file: `section-${i + 1}.xhtml`, title: `${headingText(s.heading!)} – ${m.title}`, body: [h('section', { ariaLabelledBy: s.heading!.id }, blocks(s.blocks, w))] });
  });
  const last = docs[docs.length - 1];
  last.body.push(...plan.rest());
  // Whom to ask for another format, as at the end of the HTML publication.
  if (m.alternativeFormats) last.body.push(h('footer.page-footer', { ariaLabel: w.L.askForAnotherFormat }, [h('p.ask', askParts(m.alternativeFormats).map((part) => (part.href ? h('a', { href: part.href }, part.text) : text(part.text))))]));
  await drawSvg(w.svgs);

  // Where each id is, so links between documents name the document.
  const trees = docs.map((d) => page(m.language, d.title, d.body, profile.name));
  const home = new Map<string, string>();
  trees.forEach((t, i) =>
    elementsOf(t, (e) => {
      if (typeof e.properties.id === 'string') home.set(e.properties.id, docs[i].file);
    }),
  );
  const items: Item[] = [];
  const pictures = new Map<string, string>();
  let drawn = false;
  trees.forEach((t, i) => {
    const props: string[] = [];
    elementsOf(t, (e) => {
      const href = e.properties.href;
      if (e.tagName === 'a' && typeof href === 'string' && href.startsWith('#')) {
        const there = home.get(href.slice(1));
        if (there && there !== docs[i].file) e.properties.href = `${there}${href}`;
      }
      if (e.tagName === 'svg') {
        e.properties.xmlns = 'http://www.w3.org/2000/svg';
        if (!props.includes('svg')) props.push('svg');
        drawn = true;
      }
      const src = e.properties.src;
      if (e.tagName === 'img' && typeof src === 'string' && src.startsWith('data:')) {
        // A picture is a file of its own, once however often it is shown.
        let file = pictures.get(src);
        if (!file) {
          const mime = src.slice(5, src.indexOf(';')) as keyof typeof EXT;
          file = `images/picture-${pictures.size + 1}.${EXT[mime]}`;
          pictures.set(src, file);
        }
        e.properties.src = file;
        drawn = true;
      }
    });
    items.push({ id: `doc-${i + 1}`, href: docs[i].file, mediaType: XHTML, ...(props.length ? { properties: props } : {}) });
  });

  const files: [string, Uint8Array | string][] = [['META-INF/container.xml', CONTAINER]];
  trees.forEach((t, i) => files.push([`EPUB/${docs[i].file}`, serialise(t)]));
  files.push(['EPUB/nav.xhtml', serialise(navDocument(doc, w, home, plan.marked(), profile.name))]);
  files.push(['EPUB/style.css', epubStylesheet(profile, w.colours)]);
  files.push([`EPUB/${FONT_FILES.normal}`, ctx.assets.fonts.normal], [`EPUB/${FONT_FILES.bold}`, ctx.assets.fonts.bold], ['EPUB/fonts/OFL.txt', FONT_LICENCE]);
  for (const [src, file] of pictures) {
    const data = Buffer.from(decodeURIComponent(src.slice(src.indexOf(',') + 1)), src.includes(';base64,') ? 'base64' : 'utf8');
    files.push([`EPUB/${file}`, new Uint8Array(data)]);
    items.push({ id: file.replace(/\W/g, '-'), href: file, mediaType: src.slice(5, src.indexOf(';')) });
  }
  items.push(
    { id: 'nav', href: 'nav.xhtml', mediaType: XHTML, properties: ['nav'] },
    { id: 'style', href: 'style.css', mediaType: 'text/css' },
    { id: 'font-regular', href: FONT_FILES.normal, mediaType: 'font/ttf' },
    { id: 'font-bold', href: FONT_FILES.bold, mediaType: 'font/ttf' },
    { id: 'font-licence', href: 'fonts/OFL.txt', mediaType: 'text/plain' },
  );
  const opf = packageDocument({ meta: m, epoch: ctx.epoch, pageSource: `${m.id}.pdf`, items, spine: docs.map((_, i) => `doc-${i + 1}`), pictures: drawn });
  files.push(['EPUB/package.opf', opf]);
  return { bytes: packEpub(files, ctx.epoch) };
};

/** The navigation document: the contents, the print edition's pages, and where the publication starts (the landmarks). */
function navDocument(doc: DocumentModel, w: W, home: Map<string, string>, pages: number[], bodyClass: string): Element {
  const link = (id: string, words: string) => h('a', { href: `${home.get(id) ?? 'cover.xhtml'}#${id}` }, words);
  const toc = tocEntries(doc);
  const body: ElementContent[] = [
    h('nav', { 'epub:type': 'toc', id: 'toc', role: 'doc-toc', ariaLabelledBy: 'toc-title' }, [
      h('h1', { id: 'toc-title' }, w.L.contents),
      h('ol', [
        h('li', [link(doc.cover.title.id, doc.cover.title.text)]),
        ...toc.map((e) => h('li', [link(e.heading.id, headingText(e.heading)), ...(e.children.length ? [h('ol', e.children.map((x) => h('li', [link(x.id, headingText(x))])))] : [])])),
      ]),
    ]),
    h('nav', { 'epub:type': 'page-list', id: 'page-list', role: 'doc-pagelist', ariaLabelledBy: 'page-list-title' }, [
      h('h2', { id: 'page-list-title' }, 'Pages of the print edition'),
      h('ol', pages.map((n) => h('li', [link(pageId(n), String(n))]))),
    ]),
    h('nav', { 'epub:type': 'landmarks', id: 'landmarks', ariaLabelledBy: 'landmarks-title' }, [
      h('h2', { id: 'landmarks-title' }, 'Landmarks'),
      h('ol', [
        h('li', [h('a', { 'epub:type': 'bodymatter', href: 'cover.xhtml' }, doc.meta.title)]),
      ]),
    ]),
  ];
  return page(doc.meta.language, `${w.L.contents} – ${doc.meta.title}`, body, bodyClass);
}
