// HTML publication writer, in the manner of GOV.UK's HTML publications: one self-contained,
// accessible page (no scripts, no other files, no requests elsewhere; pictures inline as data:
// URIs, charts inline as SVG, the stylesheet inline). The page is built as one hast tree with
// hastscript and serialised by hast-util-to-html, which escapes every text and attribute; the SVG
// drawn by src/writers/common (charts, symbols, ticks) is parsed into the same tree. One handler
// per node type, for blocks and for inlines. Deterministic: the same model gives the same bytes.
import { h, s } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Element, ElementContent, Root } from 'hast';
import type { Block, Contents, DocumentModel, Heading, Inline, Labels, List, Paragraph, Picture, Table } from '../../model/types.ts';
import type { Profile } from '../../profiles/index.ts';
import { allBlocks, hasGlossary, inlineText } from '../../model/walk.ts';
import { TICK_SVG, chartSvg, swatchSvg } from '../common/chart-svg.ts';
import { symbolSvg } from '../common/symbols.ts';
import { dataUri } from '../common/pictures.ts';
import { dispatch, type Handlers, type RenderContext, type Writer } from '../context.ts';
import { stylesheet } from './style.ts';
import { identityOf } from '../../organisation/identity.ts';
import { askParts } from '../../organisation/publication.ts';
import type { Identity } from '../../organisation/types.ts';

type Out = ElementContent[];

/** What every handler is given (the EPUB writer, src/writers/epub, renders its documents with the same handlers). */
export interface W {
  L: Labels;
  p: Profile;
  ctx: RenderContext;
  /** The organisation's colours (its profile's identity): symbols are drawn in its accent. */
  colours: Identity;
  /** Every id in the model and every id the writer has given out: the writer's own must differ. */
  ids: Set<string>;
  /** The ids a link may go to: the headings' and the definitions' items', which are on the page. */
  anchors: Set<string>;
  /** Glossary terms link to their entries only where the document has a glossary. */
  glossary: boolean;
  /** Each <svg> still to be drawn, with its drawing's source. */
  svgs: Map<Element, string>;
  /** What goes before a block, if anything (the EPUB's page breaks); the HTML page has nothing there. */
  before?: (b: Block) => Out;
}

/** The only addresses a link may have (the model has no others; anything else stays text). */
const SAFE_HREF = /^(https?:\/\/|mailto:|tel:)/i;

const text = (value: string): ElementContent => ({ type: 'text', value });
const squash = (t: string) => t.replace(/\s+/g, '').toLowerCase();

/** A fresh id for the writer's own elements (captions, SVG titles) that no model id has: `base` itself if it is free and `bare`. */
function ownId(w: W, base: string, bare = false): string {
  let id = bare && !w.ids.has(base) ? base : w.ctx.nextId(base);
  while (w.ids.has(id)) id = w.ctx.nextId(base);
  w.ids.add(id);
  return id;
}

const INLINES: Handlers<Inline, [W], Out> = {
  text: (i) => {
    let n: ElementContent = text(i.text);
    if (i.bold) n = h('strong', [n]);
    if (i.lang) n = h('span', { lang: i.lang }, [n]);
    return [n];
  },
  link: (i, w) => {
    const kids = inlines(i.children, w);
    if (!SAFE_HREF.test(i.href)) return kids;
    // On paper an address is shown after its link, unless the link's words already give it.
    // (A telephone link's words are its number, however it is written.)
    const words = squash(inlineText(i.children));
    const shown = i.href.replace(/^mailto:|^tel:/i, '');
    const bare = squash(shown.replace(/^https?:\/\/(www\.)?/i, '').replace(/\/$/, ''));
    const given = /^tel:/i.test(i.href) ? /\d/.test(words) : words.includes(bare);
    const printed = given ? {} : { className: ['print-url'], dataUrl: shown };
    return [h('a', { href: i.href, ...printed }, kids)];
  },
  term: (i, w) => {
    const target = `glossary-${i.id}`;
    const kids = inlines(i.children, w);
    return w.glossary && w.anchors.has(target) ? [h('a.term', { href: `#${target}` }, kids)] : kids;
  },
  xref: (i, w) => (w.anchors.has(i.target) ? [h('a', { href: `#${i.target}` }, i.title)] : [text(i.title)]),
  break: () => [h('br')],
};

const inlines = (xs: Inline[], w: W): Out => xs.flatMap((i) => dispatch(INLINES, i, w));

/** Blocks in order; a heading just before the contents list goes inside its <nav>. */
export function blocks(bs: Block[], w: W): Out {
  const out: Out = [];
  for (let i = 0; i < bs.length; i++) {
    const b = bs[i];
    const next = bs[i + 1];
    out.push(...(w.before?.(b) ?? []));
    if (b.type === 'heading' && next?.type === 'contents') {
      out.push(contents(next, w, b));
      i++;
    } else out.push(...dispatch(BLOCKS, b, w));
  }
  return out;
}

/**
 * A heading with its section number, as a span of its own. Headings that print a number of their
 * own ("8. Supporting independence", a minute's "10. Membership") keep theirs, once, and get no other.
 */
function numbered(num: string | undefined, words: string, className = 'section-number'): Out {
  if (!num) return [text(words)];
  return [h('span', { className: [className] }, num), text(' '), text(words)];
}

function heading(b: Heading): Element {
  // The cover's title is the page's one h1; every other heading is at least an h2.
  const level = Math.min(Math.max(b.level, 2), 6);
  return h(`h${level}`, { id: b.id }, numbered(b.number, b.text));
}

function contents(b: Contents, w: W, title?: Heading): Element {
  return h('nav.contents', { ariaLabel: w.L.contents }, [
    ...(title ? [heading(title)] : []),
    ...(b.entries.length
      ? [h('ol', b.entries.map((e) => h('li', [h('a', { href: `#${e.target}` }, numbered(e.number, e.text, 'contents-number'))])))]
      : []),
  ]);
}

/** A paragraph's words with something before them, for a list item's first line. */
export function para(b: Paragraph, w: W, before: Out = []): Element {
  return h('p', { className: b.role ? [b.role] : undefined }, [...before, ...inlines(b.inlines, w)]);
}

/** A list item: a lone paragraph's words sit in the <li> itself; `before` goes with the first words. */
function item(bs: Block[], w: W, marker: Out): Out {
  const [first, ...rest] = bs;
  const before = first && w.before ? [...w.before(first), ...marker] : marker;
  if (first?.type === 'paragraph' && !first.role && rest.length === 0) return [...before, ...inlines(first.inlines, w)];
  if (first?.type === 'paragraph') return [para(first, w, before), ...blocks(rest, w)];
  return [...before, ...blocks(bs, w)];
}

function list(b: List, w: W): Out {
  if (b.labels) {
    // Printed labels ("a)", "m)") are content, kept as written: no generated markers.
    const longest = Math.max(0, ...b.labels.map((l) => l.length));
    const width = Math.max(2.5, +(longest * 0.65 + 1).toFixed(2));
    return [
      h('ol.labelled', { style: width === 2.5 ? undefined : `--label-width:${width}em` }, b.items.map((it, n) => h('li', item(it, w, [h('span.list-label', b.labels![n] ?? ''), text(' ')])))),
    ];
  }
  if (b.style === 'check') {
    // The tick is decorative; its meaning is said in words to those who do not see it.
    return [h('ul.check', b.items.map((it) => h('li', item(it, w, [h('span.tick', { ariaHidden: 'true' }, [decorative(svg(w, TICK_SVG(16)))]), h('span.visually-hidden', `${w.L.achieved}: `)]))))];
  }
  const start = b.style === 'ordered' && b.start !== undefined && b.start !== 1 ? b.start : undefined;
  return [h(b.style === 'ordered' ? 'ol' : 'ul', { start }, b.items.map((it) => h('li', item(it, w, []))))];
}

function table(b: Table, w: W): Out {
  const captionId = ownId(w, `${b.id}-caption`, true);
  const cell = (xs: Inline[], tag: 'th' | 'td', scope?: 'col' | 'row', before: Out = []) => h(tag, { scope }, [...before, ...inlines(xs, w)]);
  const swatch = (i: number): Out => {
    const colour = b.keyColours?.[i];
    return colour ? [h('span.swatch', { ariaHidden: 'true' }, [decorative(svg(w, swatchSvg(colour, 16)))])] : [];
  };
  const rows = b.rows.map((r, i) => h('tr', r.map((c, j) => (j === 0 ? cell(c, b.rowHeaders ? 'th' : 'td', b.rowHeaders ? 'row' : undefined, swatch(i)) : cell(c, 'td')))));
  // A caption the author did not write (the product's name for the table) names it without being shown.
  const caption = h('caption', { id: captionId, className: b.hiddenCaption ? ['visually-hidden'] : undefined }, [h('span.caption-text', b.caption)]);
  // A table with no header row has no <thead>: every row is data.
  const head = b.columns.length ? [h('thead', [h('tr', b.columns.map((c) => cell(c, 'th', 'col')))])] : [];
  // A wide table scrolls inside its own region (named by its caption, reachable by keyboard), not the page.
  return [h('div.table-wrap', { role: 'region', ariaLabelledBy: captionId, tabIndex: 0 }, [h('table', [caption, ...head, h('tbody', rows)])])];
}

/**
 * SVG drawn as text (charts, symbols, ticks, colour keys): an empty <svg> for now, which the
 * handlers may give attributes and a title; `drawSvg` parses the drawings into them at the end.
 */
function svg(w: W, source: string): Element {
  const e = s('svg');
  w.svgs.set(e, source);
  return e;
}

/**
 * Parses each drawing once and puts a copy into each of its <svg>s (the writer's attributes win).
 * The HTML parser is loaded only for a page that has a drawing: most committee papers have none,
 * and a fresh Lambda would otherwise spend some 50 ms loading parse5 for nothing.
 */
export async function drawSvg(pending: Map<Element, string>): Promise<void> {
  if (pending.size === 0) return;
  const { fromHtml } = await import('hast-util-from-html');
  const parsed = new Map<string, Element>();
  for (const [e, source] of pending) {
    let drawing = parsed.get(source);
    if (!drawing) {
      drawing = fromHtml(source, { fragment: true }).children.find((c): c is Element => c.type === 'element' && c.tagName === 'svg');
      if (!drawing) throw new Error('a drawing has no <svg> element');
      clean(drawing);
      parsed.set(source, drawing);
    }
    const copy = structuredClone(drawing);
    e.properties = { ...copy.properties, ...e.properties };
    e.children = [...e.children, ...copy.children];
  }
}

/** Drops the parser's positions and the whitespace between elements. */
function clean(e: Element): void {
  delete e.position;
  e.children = e.children.filter((c) => !(c.type === 'text' && !c.value.trim()) && c.type !== 'comment');
  for (const c of e.children) if (c.type === 'element') clean(c);
}

function decorative(e: Element): Element {
  e.properties = { ...e.properties, ariaHidden: 'true', focusable: 'false' };
  return e;
}

/** A picture with a name: role=img, named by its <title>. */
function named(e: Element, w: W, alt: string): Element {
  const id = ownId(w, 'svg-title');
  e.properties = { ...e.properties, role: 'img', ariaLabelledBy: [id], focusable: 'false' };
  e.children = [s('title', { id }, alt), ...e.children];
  return e;
}

function picture(pic: Picture, w: W): Element {
  // Beside a report's blocks (a story's service icon) a symbol is an icon, not an Easy Read picture.
  const size = Math.round(((w.p.maxPicturesAPage ? w.p.picture : w.p.body * 3.5) * 4) / 3);
  if (pic.symbol) {
    const e = named(svg(w, symbolSvg(w.ctx.assets, pic.symbol, w.colours.accent)), w, pic.alt);
    e.properties = { ...e.properties, width: size, height: size };
    return e;
  }
  // An author's drawing is an <img> too: a picture in an <img> never runs anything, whatever is in it.
  const im = pic.image!;
  const scale = size / Math.max(im.width, im.height, 1);
  return h('img', { src: dataUri(im), alt: pic.alt, width: Math.round(im.width * scale), height: Math.round(im.height * scale) });
}

const BOX_LABEL = { box: 'box', story: 'caseStudy', facts: 'keyFacts', quote: 'quote', panel: 'panel' } as const;

const BLOCKS: Handlers<Block, [W], Out> = {
  heading: (b) => [heading(b)],
  paragraph: (b, w) => [para(b, w)],
  list,
  definitions: (b, w) =>
    b.style === 'facts'
      ? [h('dl.key-facts', b.items.map((f) => h('div', [h('dt', { id: f.id }, f.term), h('dd', item(f.body, w, []))])))]
      : [h(`dl.${b.style}`, b.items.flatMap((e) => [h('dt', { id: e.id }, e.term), h('dd', blocks(e.body, w))]))],
  table,
  quote: (b, w) => {
    const paras = b.blocks.filter((x) => x.type === 'paragraph');
    const quoted = b.blocks.map((x) => {
      if (x.type !== 'paragraph') return dispatch(BLOCKS, x, w);
      const first = x === paras[0];
      const last = x === paras[paras.length - 1];
      return [h('p', [...(first ? [text('“')] : []), ...inlines(x.inlines, w), ...(last ? [text('”')] : [])])];
    });
    const quote = h('blockquote', quoted.flat());
    return [b.by ? h('figure.quote', [quote, h('figcaption', `– ${b.by}`)]) : quote];
  },
  box: (b, w) => {
    // An aside named by its heading, else by what kind of box it is.
    const first = b.blocks[0];
    const name = first?.type === 'heading' ? { ariaLabelledBy: first.id } : { ariaLabel: b.label ?? w.L[BOX_LABEL[b.style]] };
    return [h(`aside.box.box-${b.style}`, name, blocks(b.blocks, w))];
  },
  figure: (b, w) => {
    const g = b.graphic;
    const graphic =
      g.type === 'chart'
        ? named(svg(w, chartSvg(g.chart, 240)), w, b.alt)
        : h('img', { src: dataUri(g.image), alt: b.alt, width: g.image.width, height: g.image.height });
    const kind = g.type === 'chart' ? 'chart' : 'figure';
    return [b.caption ? h(`figure.${kind}`, [graphic, h('figcaption', b.caption)]) : h(`div.${kind}`, [graphic])];
  },
  group: (b, w) => {
    // A side panel and the paragraph it interrupts: on a wide screen the panel's <aside> floats beside it.
    if (b.role !== 'contact') return [h(`div.group.group-${b.role}`, blocks(b.blocks, w))];
    // A contact's lines: <address> holds only its paragraphs; a contact with more is a plain block.
    const tag = b.blocks.every((x) => x.type === 'paragraph') ? 'address' : 'div';
    return [h(`${tag}.contact`, blocks(b.blocks, w))];
  },
  pictureRow: (b, w) => [h('div.picture-row', [h('div.picture', b.pictures.map((p) => picture(p, w))), h('div.picture-text', blocks(b.blocks, w))])],
  // Nothing on screen; a new page on paper.
  pageBreak: () => [h('div.page-break', { ariaHidden: 'true' })],
  contents: (b, w) => [contents(b, w)],
};

/** Elements whose children are all elements get one a line, so the file reads (and diffs) by block. */
const LINED = new Set(['html', 'head', 'body', 'header', 'main', 'nav', 'div', 'ol', 'ul', 'dl', 'table', 'thead', 'tbody', 'tr', 'aside', 'figure', 'blockquote', 'address', 'dd']);

export function lined(e: Element): Element {
  if (e.tagName === 'svg') return e;
  for (const c of e.children) if (c.type === 'element') lined(c);
  if (LINED.has(e.tagName) && e.children.length > 1 && e.children.every((c) => c.type === 'element')) {
    e.children = e.children.flatMap((c, i) => (i === 0 ? [c] : [text('\n'), c]));
  }
  return e;
}

/** The handlers' state for a document: its ids, the anchors links may go to, its colours. */
export function writerState(doc: DocumentModel, profile: Profile, ctx: RenderContext): W {
  const ids = new Set<string>();
  const anchors = new Set<string>();
  for (const b of allBlocks(doc)) {
    ids.add(b.id);
    if (b.type === 'heading') anchors.add(b.id);
    if (b.type === 'definitions') for (const i of b.items) ids.add(i.id), anchors.add(i.id);
  }
  return { L: doc.labels, p: profile, ctx, colours: identityOf(doc), ids, anchors, glossary: hasGlossary(doc), svgs: new Map() };
}

export const writeHtml: Writer = async (doc: DocumentModel, profile: Profile, ctx: RenderContext) => {
  const w = writerState(doc, profile, ctx);
  const m = doc.meta;
  const c = doc.cover;
  const mainId = ownId(w, 'main-content', true);
  const html = h('html', { lang: m.language }, [
    h('head', [
      h('meta', { charset: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('title', m.title),
      h('meta', { name: 'description', content: m.subject }),
      h('meta', { name: 'author', content: m.author }),
      ...(m.keywords.length ? [h('meta', { name: 'keywords', content: m.keywords.join(', ') })] : []),
      h('style', stylesheet(profile, w.colours)),
    ]),
    h('body', { className: [profile.name] }, [
      h('a.skip-link', { href: `#${mainId}` }, w.L.skipToContent),
      h('header.cover', [
        h('div.width-container', [
          // The organisation's logo, from its profile, with what it says.
          ...(m.logo ? [h('img.logo', { src: dataUri(m.logo.image), alt: m.logo.alt, width: m.logo.image.width, height: m.logo.image.height })] : []),
          h('h1', { id: c.title.id }, c.title.text),
          ...(c.subtitle ? [h('p.subtitle', c.subtitle)] : []),
          ...c.lines.map((l) => para(l, w)),
        ]),
      ]),
      // tabindex -1: the skip link's target takes the focus, so the next Tab goes on from there.
      h('main.width-container', { id: mainId, tabIndex: -1 }, blocks(doc.blocks, w)),
      // Whom to ask for another format, on every HTML publication as on its download page: a named
      // footer landmark, not a heading, so the page's headings stay the tagged PDF's.
      ...(m.alternativeFormats
        ? [h('footer.page-footer', { ariaLabel: w.L.askForAnotherFormat }, [h('div.width-container', [h('p.ask', askParts(m.alternativeFormats).map((part) => (part.href ? h('a', { href: part.href }, part.text) : text(part.text))))])])]
        : []),
    ]),
  ]);
  await drawSvg(w.svgs);
  const tree: Root = { type: 'root', children: [{ type: 'doctype' }, text('\n'), lined(html)] };
  return { bytes: new TextEncoder().encode(toHtml(tree, { closeEmptyElements: true }) + '\n') };
};
