// Document model → pdfmake document definition, with a planned structure tree (`_tag` on
// every node that holds content): one handler per node type. Styling comes only from the profile.
//
// Print layouts never lose, clip or strand content (issue 13):
// - every width is the room the block really has (the page's text area, less a box's inset or a
//   list's label column), so nothing is set past the margin and a word too long for its line
//   is broken rather than clipped; tables are planned by measuring (common/table.ts);
// - what must not end a page (a heading, a table's caption and header row, a list label, a
//   glossary term) carries a keep (`_keep`): the first part of what follows it, which pdfmake
//   measures where it stands and which starts a new page if it does not fit (installKeeps);
// - a box, quote or story is kept whole when it fits on a page, and is otherwise started only
//   where its first lines fit, with no empty fragment of fill at a page's foot or top;
// - an unbreakable block taller than a page flows over pages instead of being dropped.
import * as LayoutBuilderModule from 'pdfmake/js/LayoutBuilder.js';
import * as PageElementWriterModule from 'pdfmake/js/PageElementWriter.js';
// @ts-expect-error pdfmake ships no types; src/types/pdfmake.d.ts declares the modules the writer uses.
import * as TableProcessorModule from 'pdfmake/js/TableProcessor.js';
import type { Block, DocumentModel, Heading, ImageData, Inline, Labels, Paragraph } from '../../model/types.ts';
import { pageFrame, type PageFrame, type Profile } from '../../profiles/index.ts';
import { hasGlossary, inlineText } from '../../model/walk.ts';
import { TICK_SVG, chartSvg, swatchSvg } from '../common/chart-svg.ts';
import { cjsClass, tag as tagNode, type TagNode } from './tagging.ts';
import { dataUri, imageSvg, pictureSvg } from '../common/pictures.ts';
import { unseenAddress } from '../common/links.ts';
import { lineCount, planPrintTable, rowHeights, textWidth } from '../common/table.ts';
import { dispatch, type Handlers, type RenderContext } from '../context.ts';
import { identityOf } from '../../organisation/identity.ts';
import type { Identity } from '../../organisation/types.ts';

type Node = Record<string, unknown>;

const INK = '#111111';
const NBSP = '\u00a0';
/** The bundled face's line box (ascender + descender) in ems: a line is this × size × line height. */
const LINE_BOX = 1.24;
/** A box's accent rule and its inset (as shares of the body size). */
const BAR = 4;
const INSET = { side: 0.6, top: 0.6, bottom: 0.5 };
/** A table cell's padding and rules, in points. */
const CELL = { padX: 5, padY: 4, rule: 1 };

export interface Layout {
  definition: Node;
  root: TagNode;
}

/**
 * What must stay with what follows it, measured by pdfmake where the node is about to be placed:
 * `together` (the whole, kept on one page when it fits on one), `first` (what must be on the page
 * the node starts on: its first lines, or a heading with the first part of what it heads), or
 * `need` (that many points of room).
 */
interface Keep {
  together?: Node;
  first?: Node;
  /** A heading's: the first part of what follows it, alone (when heading and it are taller than a page). */
  tail?: Node;
  need?: number;
  /** Estimates erring tall of `together` and `first`: where they fit, nothing need be measured. */
  togetherBound?: number;
  firstBound?: number;
}

const marginOf = (n: Node): [number, number, number, number] => {
  const m = n.margin;
  if (typeof m === 'number') return [m, m, m, m];
  if (Array.isArray(m) && m.length === 4) return m as [number, number, number, number];
  if (Array.isArray(m) && m.length === 2) return [m[0], m[1], m[0], m[1]];
  return [0, 0, 0, 0];
};

const leafText = (t: unknown): string => (typeof t === 'string' ? t : Array.isArray(t) ? t.map(leafText).join('') : t && typeof t === 'object' ? leafText((t as Node).text) : '');

/**
 * How tall a node may be set in a width, erring tall (Infinity where it cannot say): what a keep's
 * probe is checked against first, so that a probe is laid out only where it may not fit.
 */
function bound(n: Node, width: number, c: P): number {
  if (typeof n._bound === 'number') return n._bound;
  const [l, t, r, b] = marginOf(n);
  const w = width - l - r;
  let h: number;
  if (Array.isArray(n.stack)) h = (n.stack as Node[]).reduce((sum, k) => sum + bound(k, w, c), 0);
  else if (Array.isArray(n.columns)) h = Math.max(0, ...(n.columns as Node[]).map((k) => bound(k, typeof k.width === 'number' ? k.width : w, c)));
  else if (n._inset && n.table) {
    const [padX, padTop, padBottom, bar] = n._inset as number[];
    const cell = ((n.table as Node).body as Node[][])[0][0];
    h = padTop + padBottom + bound(cell, w - bar - 2 * padX, c);
  } else if (n.svg || n.image) h = Array.isArray(n.fit) ? (n.fit as number[])[1] : typeof n.height === 'number' ? n.height : Infinity;
  else if ('text' in n) {
    const size = (n.fontSize as number | undefined) ?? c.p.body;
    const lines = lineCount(leafText(n.text), w, size);
    h = Math.min(lines, n.maxHeight ? 2 : Infinity) * size * ((n.lineHeight as number | undefined) ?? c.p.lineHeight) * LINE_BOX;
  } else h = Infinity;
  return h + t + b;
}

/** A keep, with its probes' bounds in the width it is set in. */
function keepOf(k: Keep, width: number, c: P): Keep {
  return { ...k, ...(k.together ? { togetherBound: bound(k.together, width, c) } : {}), ...(k.first ? { firstBound: bound(k.first, width, c) } : {}) };
}

/** What every handler is given: the profile, the labels, the room it has and the writer's running state. */
interface P {
  p: Profile;
  L: Labels;
  ctx: RenderContext;
  /** The organisation's colours (its profile's identity). */
  colours: Identity;
  glossary: boolean;
  gap: number;
  frame: PageFrame;
  /** The width the block may take, in points. */
  width: number;
  run: { outlineParents: string[] };
  /** How many boxes the block is in. */
  boxes?: number;
}

const within = (c: P, width: number): P => ({ ...c, width: Math.max(width, c.p.body * 2) });
const lineOf = (c: P, size = c.p.body, lineHeight = c.p.lineHeight) => size * lineHeight * LINE_BOX;
const textHeight = (c: P) => c.frame.bottom - c.frame.top;

/**
 * The part of a node that must be on the page it starts on: a paragraph's first two lines, a
 * list's first item, a table's caption, header row and first row, a box's top and first lines;
 * a heading (or headings) with the first part of what follows.
 */
function firstPart(n: Node, c: P): Node | undefined {
  if (n._pageBreak || n.pageBreak === 'before') return undefined;
  if (n._first) return n._first as Node;
  // What the node keeps with itself (a glossary term whole, with its definition's first lines).
  const own = (n._keep as Keep | undefined)?.first;
  if (own && !n._heading) return own;
  if (n.unbreakable || n.svg || n.image) return n;
  if (Array.isArray(n.stack)) {
    const lead = leading(n.stack as Node[], c);
    return lead.length ? { stack: lead, margin: n.margin } : undefined;
  }
  if (Array.isArray(n.columns)) return { ...n, columns: (n.columns as Node[]).map((k) => firstPart(k, c) ?? k) };
  if ('text' in n) {
    const size = (n.fontSize as number | undefined) ?? c.p.body;
    const lh = (n.lineHeight as number | undefined) ?? c.p.lineHeight;
    // pdfmake stops a leaf once its lines reach maxHeight: between two and three lines, two are set.
    return { ...n, maxHeight: 2.5 * size * lh * LINE_BOX };
  }
  return n;
}

/** The keepers at the head of a list of nodes, with the first part of the node after them. */
function leading(nodes: Node[], c: P): Node[] {
  const out: Node[] = [];
  for (const n of nodes) {
    if (n._heading) {
      out.push(n);
      continue;
    }
    const f = firstPart(n, c);
    if (f) out.push(f);
    break;
  }
  return out;
}

/**
 * Keeps each heading whole and on the page of what follows it: with the next paragraph's first
 * two lines, a list's first item, a table's caption, header and first row, a box's first lines,
 * a picture or a chart whole; with a box or quote whole when heading and box fit on one page.
 * A run of headings keeps together with what follows the last. Tags sit on the leaves, so
 * regrouping leaves the structure alone.
 */
function keepWithNext(nodes: Node[], c: P, inside = false): Node[] {
  const out = nodes.map((n) => {
    if (!n.headlineLevel) return n;
    // The wrapper takes the heading's page break, if any: the heading itself must not break again.
    const { pageBreak, ...h } = n;
    return { stack: [h], unbreakable: true, _heading: true, ...(pageBreak ? { pageBreak } : {}) };
  });
  for (let i = 0; i < out.length; i++) {
    if (!out[i]._heading) continue;
    let j = i;
    while (j < out.length && out[j]._heading && (j === i || !out[j].pageBreak)) j++;
    const run = out.slice(i, j);
    const next = j < out.length && !out[j].pageBreak && !out[j]._pageBreak ? out[j] : undefined;
    const nextKeep = next?._keep as Keep | undefined;
    const first = next ? firstPart(next, c) : undefined;
    run.forEach((h, k) => {
      const heads = run.slice(k);
      const keep: Keep = { first: { stack: first ? [...heads, first] : heads }, ...(first ? { tail: first } : {}) };
      // The first heading of the run decides for the box it heads: both whole on one page when they fit on one.
      if (k === 0 && nextKeep?.together) keep.together = { stack: [...heads, next!] };
      h._keep = keepOf(keep, c.width, c);
    });
    if (next && nextKeep) delete next._keep;
    i = j - 1;
  }
  // The first thing in a box or a list item goes where its container starts: the container's own
  // keep has made room for its first part, and moving it alone would leave the container empty there.
  const lead = out[0]?._keep as Keep | undefined;
  if (inside && lead?.together) out[0]._keep = { ...lead, together: undefined };
  return out;
}

/**
 * A page break starts the next node on a new page. (An empty node with a break after it makes a
 * blank page when the page before it is exactly full.)
 */
function breakBefore(nodes: Node[]): Node[] {
  const out: Node[] = [];
  let pending = false;
  for (const n of nodes) {
    if (n._pageBreak) pending = true;
    else {
      out.push(pending ? { ...n, pageBreak: 'before' } : n);
      pending = false;
    }
  }
  return out;
}

/** Sets a margin side of a node, and of its first or last child, to zero: a box's inset stands in for them. */
function trim(n: Node, side: 'top' | 'bottom'): void {
  const k = side === 'top' ? 1 : 3;
  const m = n.margin;
  if (Array.isArray(m)) {
    const copy = [...m];
    copy[k] = 0;
    n.margin = copy;
  } else if (typeof m === 'number') {
    n.margin = side === 'top' ? [m, 0, m, m] : [m, m, m, 0];
  }
  const kids = Array.isArray(n.stack) ? (n.stack as Node[]) : undefined;
  if (kids?.length) trim(side === 'top' ? kids[0] : kids[kids.length - 1], side);
  if (Array.isArray(n.columns)) for (const col of n.columns as Node[]) trim(col, side);
}

const INLINES: Handlers<Inline, [TagNode, boolean, P], Node[]> = {
  // A passage in another language is a Span with its own /Lang.
  text: (i, parent, bold) => [{ text: i.text, bold: bold || i.bold || undefined, ...(i.lang ? { _tag: tag(parent, 'Span', { lang: i.lang }) } : {}) }],
  break: () => [{ text: '\n' }],
  link: (i, parent, bold, c) => {
    const link = tag(parent, 'Link', { alt: `${inlineText(i.children)} (${i.href.replace(/^mailto:|^tel:/, '')})` });
    const words = inlines(i.children, parent, c, bold).map((n) => ({ ...n, link: i.href, color: c.colours.link, decoration: 'underline', _tag: link }));
    // On paper a link cannot be followed: its address follows its words (links.ts).
    const address = unseenAddress(i.href, inlineText(i.children));
    return address ? [...words, { text: ` (${address})`, bold: bold || undefined }] : words;
  },
  term: (i, parent, bold, c) => {
    if (!c.glossary) return inlines(i.children, parent, c, bold);
    const link = tag(parent, 'Link', { alt: `${inlineText(i.children)}: ${c.L.seeGlossary}` });
    return inlines(i.children, parent, c, bold).map((n) => ({ ...n, linkToDestination: `glossary-${i.id}`, color: c.colours.link, decoration: 'underline', _tag: link }));
  },
  xref: (i, parent, bold, c) => {
    const link = tag(parent, 'Link', { alt: `${i.title}, ${c.L.seeSection}` });
    return [
      { text: i.title, linkToDestination: i.target, color: c.colours.link, decoration: 'underline', bold: bold || undefined, _tag: link },
      { text: ` (${c.L.page}${NBSP}`, _tag: parent },
      // pdfmake links the page number too, so it is a Link of its own (PDF-20).
      { text: '00', pageReference: i.target, _tag: tag(parent, 'Link', { alt: `${i.title}, ${c.L.page}` }) },
      { text: ')', _tag: parent },
    ];
  },
};

const inlines = (xs: Inline[], parent: TagNode, c: P, bold = false): Node[] => xs.flatMap((i) => dispatch(INLINES, i, parent, bold, c));

const small = (c: P) => Math.max(c.p.smallest, c.p.body - 1);

function para(xs: Inline[], parent: TagNode, c: P, type = 'P', extra: Node = {}): Node {
  const t = tag(parent, type, type === 'Note' ? { id: c.ctx.nextId('note') } : {});
  return { text: inlines(xs, t, c), _tag: t, margin: [0, 0, 0, c.gap], ...extra };
}

function heading(h: Heading, parent: TagNode, c: P): Node {
  const { p } = c;
  const lvl = h.level;
  const size = lvl === 1 ? p.title : p.headings[Math.min(Math.max(lvl - 1, 1), 3) - 1];
  const t = tag(parent, `H${lvl}`);
  const node: Node = {
    text: h.text,
    _tag: t,
    fontSize: size,
    bold: true,
    color: c.colours.accent,
    lineHeight: 1.15,
    margin: [0, lvl <= 2 ? p.body * 0.8 : p.body * 0.6, 0, p.body * 0.5],
    headlineLevel: lvl,
  };
  if (h.outline) {
    node.id = h.id;
    // Bookmarks: the title and the top sections side by side, deeper sections nested.
    const depth = Math.max(1, lvl - 1);
    const run = c.run;
    node.outline = true;
    run.outlineParents = run.outlineParents.slice(0, depth - 1);
    if (depth > 1 && run.outlineParents[depth - 2]) node.outlineParentId = run.outlineParents[depth - 2];
    run.outlineParents[depth - 1] = h.id;
  }
  return node;
}

interface Item {
  label: Node;
  labelTag?: Partial<TagNode>;
  body: (lbody: TagNode, c: P) => Node[];
  /** Kept whole (a key fact: its figure and what it counts). */
  whole?: boolean;
  /** Set above what it labels, at the list's full width (a term too long for the label column). */
  above?: boolean;
}

/** A list: L > LI > Lbl + LBody, laid out as two columns per item; each label keeps its body's first line(s). */
function list(items: Item[], parent: TagNode, labelWidth: number, c: P, opts: { firstLines?: boolean } = {}): Node {
  const l = tag(parent, 'L');
  const gapX = c.p.body * 0.4;
  const bodyWidth = c.width - labelWidth - gapX;
  const cb = within(c, bodyWidth);
  return {
    _list: true,
    stack: items.map((it) => {
      const li = tag(l, 'LI');
      const lbl = tag(li, 'Lbl', it.labelTag);
      const lbody = tag(li, 'LBody');
      if (it.above) {
        // The label on a line of its own, kept with the first lines of what it labels.
        const body = keepWithNext(it.body(lbody, c), c, true);
        const label = { ...it.label, _tag: lbl, margin: [0, 0, 0, c.p.body * 0.2] };
        const node: Node = { stack: [label, { stack: body }] };
        node._keep = keepOf({ first: { stack: [{ ...it.label, margin: label.margin }, { stack: leading(body, c) }] } }, c.width, c);
        return node;
      }
      const body = keepWithNext(it.body(lbody, cb), cb, true);
      const node: Node = {
        columns: [
          { width: labelWidth, ...it.label, _tag: lbl },
          { width: cb.width, stack: body },
        ],
        columnGap: gapX,
      };
      if (it.whole) node.unbreakable = true;
      else if (opts.firstLines || !body.length || !('text' in body[0])) {
        // The label with the first lines of what it labels (a glossary term, a list item opening with a table).
        node._keep = keepOf({ first: { ...node, columns: [{ width: labelWidth, ...it.label }, { width: cb.width, stack: leading(body, cb) }] } }, c.width, c);
      } else {
        // The label with the first line of its text: a tick is shorter than the line it marks.
        node._keep = { need: lineOf(c) + 1 } satisfies Keep;
      }
      return node;
    }),
    margin: [0, 0, 0, c.gap * 0.5],
  };
}

function bodyBlocks(bs: Block[], parent: TagNode, c: P, itemGap = c.gap): Node[] {
  return bs.map((b, i) => {
    const n = block(b, parent, c);
    // The last paragraph of a list item keeps a smaller gap, so items stay visibly one list.
    if (i === bs.length - 1 && b.type === 'paragraph') n.margin = [0, 0, 0, itemGap];
    return n;
  });
}

/**
 * The model block being laid out: every tag made meanwhile carries its id (never written to the
 * PDF), so the PDF can say which page each block starts on (the EPUB's page list, writePdfWith).
 */
let building: string | undefined;
export type BlockTag = TagNode & { block?: string };
const tag: typeof tagNode = (parent, type, extra = {}) => tagNode(parent, type, building === undefined ? extra : ({ block: building, ...extra } as Partial<BlockTag>));

function block(b: Block, parent: TagNode, c: P): Node {
  const outer = building;
  building = b.id;
  try {
    return dispatch(BLOCKS, b, parent, c);
  } finally {
    building = outer;
  }
}

/**
 * A boxed aside: one cell with a fill and an accent rule, its inset as the cell's padding (which
 * pdfmake keeps with the content on each page, so no sliver of fill is left at a page's top). It is
 * kept whole on a page when it fits on one, and otherwise starts only where its first lines fit.
 */
function boxed(build: (ci: P) => Node[], c: P, fill = c.colours.panel): Node {
  const { p } = c;
  // A box in two boxes already (a panel in a story in a box) is set in its parent's fill, as its
  // blocks: pdfmake draws the fills of tables three deep on the wrong pages when they break.
  if ((c.boxes ?? 0) >= 2) {
    const content = keepWithNext(build(c), c, true);
    return { stack: content, margin: [0, p.body * 0.3, 0, c.gap] };
  }
  const [padX, padTop, padBottom] = [p.body * INSET.side, p.body * INSET.top, p.body * INSET.bottom];
  const inner = { ...within(c, c.width - BAR - 2 * padX), boxes: (c.boxes ?? 0) + 1 };
  const content = keepWithNext(build(inner), inner, true);
  if (content.length) {
    trim(content[0], 'top');
    trim(content[content.length - 1], 'bottom');
  }
  const layout = {
    fillColor: () => fill,
    hLineWidth: () => 0,
    vLineWidth: (i: number) => (i === 0 ? BAR : 0),
    vLineColor: () => c.colours.accent,
    paddingLeft: () => padX,
    paddingRight: () => padX,
    paddingTop: () => padTop,
    paddingBottom: () => padBottom,
  };
  const cell = { stack: content };
  const inset = [padX, padTop, padBottom, BAR];
  const node: Node = { table: { widths: [inner.width], body: [[cell]] }, layout, margin: [0, p.body * 0.3, 0, c.gap], _inset: inset };
  const first: Node = { table: { widths: [inner.width], body: [[{ stack: leading(content, inner) }]] }, layout, margin: node.margin, _inset: inset };
  node._first = first;
  node._keep = keepOf({ together: node, first }, c.width, c);
  return node;
}

/**
 * A side panel and the paragraph it interrupts: side by side where the page is wide enough for
 * both at the body size (the standard profile) and the two fit well on one page, kept whole;
 * else the paragraph, then the panel after it (kept whole where it fits, as every box is).
 * Either way the paragraph is read first, then the panel.
 */
function panelGroup(blocks: Block[], parent: TagNode, c: P): Node {
  const { p } = c;
  const [context, ...panel] = blocks;
  if (c.width / p.body >= 30) {
    const gapX = p.body * 1.2;
    const panelWidth = Math.round(c.width * 0.38);
    const left = within(c, c.width - panelWidth - gapX);
    const right = within(c, panelWidth);
    const beside: Node = {
      columns: [
        { width: left.width, stack: [block(context, parent, left)] },
        { width: right.width, stack: panel.map((x) => ({ ...block(x, parent, right), margin: [0, 0, 0, c.gap] })) },
      ],
      columnGap: gapX,
      unbreakable: true,
    };
    if (bound(beside, c.width, c) <= textHeight(c) * 0.6) return beside;
  }
  return { stack: keepWithNext([context, ...panel].map((x) => block(x, parent, c)), c) };
}

function paragraphSize(b: Paragraph, c: P): Node {
  return b.role === 'small' || b.role === 'note' ? { fontSize: small(c) } : {};
}

/** A table's rules, and its header row filled with the organisation's panel colour. */
const tableLayout = (c: P) => ({
  fillColor: (row: number) => (row === 0 ? c.colours.panel : null),
  hLineColor: () => '#5b6b7b',
  vLineColor: () => '#5b6b7b',
  hLineWidth: () => CELL.rule,
  vLineWidth: () => CELL.rule,
  paddingLeft: () => CELL.padX,
  paddingRight: () => CELL.padX,
  paddingTop: () => CELL.padY,
  paddingBottom: () => CELL.padY,
});

const BLOCKS: Handlers<Block, [TagNode, P], Node> = {
  heading: (b, parent, c) => heading(b, parent, c),
  pageBreak: () => ({ _pageBreak: true }), // becomes pageBreak: 'before' on the next node (see breakBefore)
  pictureRow: (b, parent, c) => {
    const { p } = c;
    // Easy Read: the picture (a Figure with its Alt) on the left, or two one above the other, its text beside it.
    const gapX = p.body * 1.2;
    const rowGap = p.body * 0.75;
    // ER-T12: at most so many pictures a page. Rows are made tall enough that one more never fits
    // (the last row's gap may run into the bottom margin); rows with more text are taller anyway.
    const most = p.maxPicturesAPage;
    // A row of two pictures counts as two rows, so two-picture rows keep the page to `most` too.
    const n = b.pictures.length;
    const minRow = most ? (n * (textHeight(c) - most * rowGap)) / (most + 1) + (n - 1) * rowGap + 1 : 0;
    // Beside a report's blocks (a story's service icon) a symbol is an icon, not an Easy Read picture.
    const size = most ? p.picture : p.body * 3.5;
    const pictureGap = p.body * 0.5;
    const pictures: Node[] = b.pictures.map((pic, i) => {
      const svg = pictureSvg(pic, c.ctx.assets, c.colours.accent);
      return { ...(svg ? { svg } : { image: dataUri(pic.image!) }), fit: [size, size], width: size, _tag: tag(parent, 'Figure', { alt: pic.alt }), margin: [0, i ? pictureGap : 0, 0, 0] };
    });
    const text = within(c, c.width - size - gapX);
    const body = keepWithNext(bodyBlocks(b.blocks, parent, text, p.body * 0.6), text, true);
    const drawn = n * size + (n - 1) * pictureGap;
    const picture: Node = { stack: pictures, width: size, margin: [0, 0, 0, Math.max(0, minRow - drawn)] };
    const row: Node = {
      columns: [picture, { width: text.width, stack: body, margin: [0, p.body * 0.3, 0, 0] }],
      columnGap: gapX,
      unbreakable: true,
      margin: [0, 0, 0, rowGap],
    };
    // (Each picture may take 0.4 of a page: a row of two pictures is kept whole as well.)
    if (bound(row, c.width, c) <= textHeight(c) * 0.4 * n) return row;
    // Blocks too long to keep whole beside their picture (a whole story beside its icon): the
    // picture goes beside the first of them, kept whole, and the rest follow at full width; or,
    // when the first is long too, the picture stands above them.
    // (A row of columns is never left to break over pages: pdfmake would draw the fills of the
    // boxes in it on the wrong pages.)
    const [first, ...rest] = b.blocks;
    const head = keepWithNext(bodyBlocks([first], parent, text, p.body * 0.6), text, true);
    const beside: Node = { ...row, columns: [picture, { width: text.width, stack: head, margin: [0, p.body * 0.3, 0, 0] }], margin: [0, 0, 0, c.gap] };
    const after = keepWithNext(bodyBlocks(rest, parent, c), c);
    if (bound(beside, c.width, c) <= textHeight(c) * 0.2) return { stack: [beside, ...after] };
    // (The picture carries no keep of its own: a heading before it keeps with it, and a probe of
    // it with a long first block would move it, and the heading's box, on from where they fit.)
    const above: Node = { ...picture, margin: [0, 0, 0, p.body * 0.5] };
    return { stack: [above, ...keepWithNext(bodyBlocks(b.blocks, parent, c), c)] };
  },
  paragraph: (b, parent, c) => para(b.inlines, parent, c, b.role === 'note' ? 'Note' : 'P', paragraphSize(b, c)),
  list: (b, parent, c) => {
    const { p } = c;
    const longest = Math.max(0, ...(b.labels ?? []).map((l) => textWidth(l, p.body)));
    const labelWidth = b.labels ? Math.min(c.width * 0.4, longest + p.body * 0.7) : b.style === 'ordered' ? Math.max(p.body * 1.8, textWidth(`${(b.start ?? 1) + b.items.length}.`, p.body) + 2) : p.body * 1.1;
    return list(
      b.items.map((item, n) => ({
        label:
          b.style === 'check'
            ? { svg: TICK_SVG(p.body), width: p.body, margin: [0, p.body * 0.15, 0, 0] }
            : { text: b.labels?.[n] ?? (b.style === 'ordered' ? `${(b.start ?? 1) + n}.` : '•'), bold: true },
        labelTag: b.style === 'check' ? { actual: `${c.L.achieved}: ` } : {},
        body: (lbody, cb) => bodyBlocks(item, lbody, cb, cb.gap * 0.4),
      })),
      parent,
      labelWidth,
      c,
    );
  },
  table: (b, parent, c) => {
    const { p } = c;
    const sw = p.body * 0.9;
    const keyed = !!b.keyColours?.some(Boolean);
    // A table with no header row is planned with its first row in the header's place, set as data, never transposed.
    const headerless = b.columns.length === 0;
    const parts = planPrintTable(
      headerless ? { columns: b.rows[0], rows: b.rows.slice(1), rowHeaders: b.rowHeaders } : { columns: b.columns, rows: b.rows, rowHeaders: b.rowHeaders },
      { transpose: !headerless, width: c.width, sizes: Array.from({ length: small(c) - p.smallest + 1 }, (_, k) => small(c) - k), maxColumns: p.maxTableColumns, padding: 2 * CELL.padX, rule: CELL.rule, firstColumnExtra: keyed ? sw + 4 : 0 },
    );
    const out = parts.map((part, index) => {
      // A caption the author did not write is not printed: it is the Table's title (/T).
      const t = tag(parent, 'Table', b.hiddenCaption ? { title: part.part ? `${b.caption} (${c.L.part} ${part.part.index}/${part.part.count})` : b.caption } : {});
      const cap = tag(t, 'Caption');
      const thead = tag(t, 'THead');
      const tbody = tag(t, 'TBody');
      const headRow = tag(thead, 'TR');
      const cell = (xs: Inline[], type: 'TH' | 'TD', tr: TagNode, scope?: 'Column' | 'Row'): Node => {
        const cl = tag(tr, type, scope ? { scope } : {});
        const content = xs.length && inlineText(xs).trim() ? xs : [{ type: 'text' as const, text: '–' }];
        return { text: inlines(content, cl, c), _tag: cl, bold: type === 'TH' || undefined, fontSize: part.fontSize };
      };
      const rowsOut = part.rows.map((r) => {
        const tr = tag(tbody, 'TR');
        return r.map((x, j) => cell(x, part.rowHeaders && j === 0 ? 'TH' : 'TD', tr, part.rowHeaders && j === 0 ? 'Row' : undefined));
      });
      // A chart's colour keys go beside its row labels, as artifacts: the words carry the meaning.
      if (keyed && !part.transposed && part.sourceColumns[0] === 0) {
        rowsOut.forEach((row, i) => {
          const colour = b.keyColours![i];
          if (colour) row[0] = { columns: [{ svg: swatchSvg(colour, sw), width: sw, margin: [0, 2, 0, 0] }, { ...row[0], width: part.widths[0] - sw - 4 }], columnGap: 4 };
        });
      }
      const caption = part.part ? `${b.caption} (${c.L.part} ${part.part.index}/${part.part.count})` : b.caption;
      // Header-less: the first row is the table's first row of data (TD, in TBody, not repeated).
      const head = headerless ? (() => {
        const tr = tag(tbody, 'TR');
        return part.columns.map((x, j) => cell(x, part.rowHeaders && j === 0 ? 'TH' : 'TD', tr, part.rowHeaders && j === 0 ? 'Row' : undefined));
      })() : part.columns.map((x) => cell(x, 'TH', headRow, 'Column'));
      // Rows are kept whole, and the first with the header row, unless a row may be too tall for
      // that (or the header and the first row together a good part of a page, which a heading and
      // the caption must go with): then rows break between lines, each starting only where two of
      // its lines fit.
      const line = lineOf(c, part.fontSize);
      const heights = rowHeights(part, line, CELL.padY);
      // A first row of data is not filled as a header row is.
      const rules = headerless ? { ...tableLayout(c), fillColor: () => null } : tableLayout(c);
      // A header row is repeated on each page the table goes on to, unless it would take a good part of each.
      const repeat = !headerless && heights[0] <= textHeight(c) * 0.2;
      // (A table with no header row has only rows of data: they break only if one may be too tall to keep whole.)
      const tall = headerless ? Math.max(0, ...heights) > textHeight(c) * 0.45 : !repeat || Math.max(0, ...heights.slice(1)) > textHeight(c) * 0.45 || heights[0] + (heights[1] ?? 0) > textHeight(c) * 0.3;
      const table: Node = {
        table: {
          headerRows: repeat ? 1 : 0,
          keepWithHeaderRows: rowsOut.length && !tall ? 1 : 0,
          dontBreakRows: !tall,
          widths: part.widths,
          body: [head, ...rowsOut],
          // The header row whole where it fits on a page (it is not repeated when it is tall), other rows two lines.
          ...(tall ? { _rowNeeds: heights.map((h, i) => (i === 0 && h < textHeight(c) * 0.6 ? h : Math.min(h, 2 * line + 2 * CELL.padY + 1))) } : {}),
        },
        layout: rules,
      };
      const firstRow = tall ? rowsOut.slice(0, 1).map((r) => r.map((x) => firstPart(x, c) ?? x)) : rowsOut.slice(0, 1);
      const probe: Node = {
        table: { widths: part.widths, body: [head, ...firstRow] },
        layout: rules,
        _bound: heights[0] + (heights.length > 1 ? (tall ? Math.min(heights[1], 2 * line + 2 * CELL.padY + 1) : heights[1]) : 0) + CELL.rule,
      };
      if (b.hiddenCaption) {
        // No caption printed: the table's first rows (with the space above a column group) are what must be on the page it starts on.
        if (index > 0) table.margin = [0, c.gap, 0, 0];
        const first: Node = index > 0 ? { stack: [probe], margin: table.margin } : probe;
        table._keep = keepOf({ first }, c.width, c);
        return { nodes: [table], first };
      }
      const captionNode: Node = { text: caption, _tag: cap, bold: true, margin: [0, index > 0 ? c.gap : 0, 0, p.body * 0.4] };
      // The caption stays with the header row and the first row (pdfmake keeps those two together).
      captionNode._keep = keepOf({ first: { stack: [captionNode, probe] } }, c.width, c);
      return { nodes: [captionNode, table], first: { stack: [captionNode, probe] } };
    });
    const stack = out.flatMap((o) => o.nodes);
    return { stack, margin: [0, p.body * 0.4, 0, c.gap], _first: { ...out[0].first, margin: [0, p.body * 0.4, 0, 0] } };
  },
  definitions: (b, parent, c) => {
    const { p } = c;
    if (b.style === 'facts') {
      // The figures' column is as wide as the widest figure (within reason), so a figure is broken only if it must be.
      const widest = Math.max(0, ...b.items.map((f) => Math.max(...f.term.split(/\s+/).map((w) => textWidth(w, p.keyFact)))));
      const labelWidth = Math.min(c.width * 0.45, Math.max(p.keyFact * 4.2, widest + 2));
      return list(
        b.items.map((f) => ({
          label: { text: f.term, fontSize: p.keyFact, bold: true, color: c.colours.accent, lineHeight: 1.1 },
          body: (lbody: TagNode, cb: P) =>
            f.body.flatMap((x) => {
              if (x.type === 'paragraph') return [para(x.inlines, lbody, cb, 'P', { margin: [0, p.keyFact * 0.25, 0, cb.gap * 0.6] })];
              // Further figures of the same fact: each a paragraph of what it labels, its figure as
              // large as the first. (Not a list set in the label's column: pdfmake loses lists of
              // unbreakable items set inside boxes inside boxes when they break over pages.)
              if (x.type === 'definitions' && x.style === 'facts')
                return x.items.map((g) => {
                  const body = g.body.flatMap((y) => (y.type === 'paragraph' ? y.inlines : []));
                  const node = para([{ type: 'text', text: `${g.term} `, bold: true }, ...body], lbody, cb, 'P', { margin: [0, 0, 0, cb.gap * 0.6] });
                  const runs = node.text as Node[];
                  runs[0] = { ...runs[0], fontSize: p.keyFact, color: c.colours.accent, lineHeight: 1.1 };
                  return node;
                });
              return [block(x, lbody, cb)];
            }),
          whole: true,
        })),
        parent,
        labelWidth,
        c,
      );
    }
    const labelWidth = c.width * 0.3;
    return list(
      b.items.map((e) => ({
        label: { text: e.term, bold: true, id: e.id },
        body: (lbody: TagNode, cb: P) => bodyBlocks(e.body, lbody, cb, cb.gap * 0.6),
        // A term of more than two lines in the label column would stand taller than its meaning.
        above: lineCount(e.term, labelWidth, p.body) > 2,
      })),
      parent,
      labelWidth,
      c,
      { firstLines: true },
    );
  },
  quote: (b, parent, c) => {
    const { p } = c;
    const q = tag(parent, 'BlockQuote');
    const paras = b.blocks.filter((x) => x.type === 'paragraph');
    return boxed(
      (ci) => {
        const content = paras.map((x, i) =>
          para([{ type: 'text', text: i === 0 ? '“' : '' }, ...x.inlines, { type: 'text', text: i === paras.length - 1 ? '”' : '' }], q, ci, 'P', { fontSize: p.body + 1, margin: [0, 0, 0, p.body * 0.4] }),
        );
        if (b.by) content.push(para([{ type: 'text', text: `– ${b.by}` }], q, ci, 'P', { bold: true, margin: [0, 0, 0, p.body * 0.4] }));
        return content;
      },
      c,
      c.colours.quotePanel,
    );
  },
  box: (b, parent, c) => {
    // Key facts sit in the flow; boxes and stories are sections of their own.
    const sect = b.style === 'facts' ? parent : tag(parent, 'Sect');
    return boxed((ci) => b.blocks.map((x) => block(x, sect, ci)), c, b.style === 'story' ? c.colours.storyPanel : c.colours.panel);
  },
  figure: (b, parent, c) => {
    const { p } = c;
    const fig = tag(parent, 'Figure', { alt: b.alt });
    // No picture taller than most of a page, or wider than its room.
    const tallest = textHeight(c) * 0.75;
    if (b.graphic.type === 'chart') {
      const ch = b.graphic.chart;
      const size = p.body * 12;
      const width = Math.min(c.width, ch.kind === 'pie' ? size : size * 1.6);
      return { svg: chartSvg(ch, size), fit: [width, tallest], _tag: fig, margin: [0, p.body * 0.5, 0, c.gap] };
    }
    const im = b.graphic.image;
    const w = Math.min(c.width, im.width * 0.75);
    return {
      stack: [
        { ...pdfImage(im), fit: [w, tallest], _tag: fig },
        ...(b.caption ? [para([{ type: 'text', text: b.caption }], fig, c, 'Caption', { fontSize: small(c) })] : []),
      ],
      unbreakable: true,
      margin: [0, 0, 0, c.gap],
    };
  },
  group: (b, parent, c) => {
    if (b.role === 'panel') return panelGroup(b.blocks, parent, c);
    if (b.role !== 'contact') return { stack: keepWithNext(b.blocks.map((x) => block(x, parent, c)), c) };
    const { p } = c;
    const lines = b.blocks.map((x, i) => (x.type === 'paragraph' ? para(x.inlines, parent, c, 'P', { margin: [0, 0, 0, p.body * (i === 0 ? 0.3 : 0.2)] }) : block(x, parent, c)));
    return { stack: lines, margin: [0, 0, 0, c.gap * 0.7], unbreakable: true };
  },
  contents: (b, parent, c) => {
    const { p } = c;
    const toc = tag(parent, 'TOC');
    return {
      stack: b.entries.map((e) => {
        const item = tag(toc, 'TOCI');
        const link = tag(item, 'Link', { alt: `${e.text}, ${c.L.page}` });
        return {
          columns: [
            { width: c.width - p.body * 3, text: [{ text: e.text, linkToDestination: e.target, _tag: link }], _tag: item },
            { width: p.body * 3, text: [{ text: '00', pageReference: e.target, _tag: link }], noWrap: true, alignment: 'right', _tag: item },
          ],
          columnGap: 0,
          margin: [0, 0, 0, p.body * 0.35],
        };
      }),
    };
  },
};

export function layoutDocument(doc: DocumentModel, p: Profile, tagged: boolean, ctx: RenderContext): Layout {
  installKeeps();
  const root = tag(undefined, 'Document');
  const frame = pageFrame(p);
  const c: P = { p, L: doc.labels, ctx, colours: identityOf(doc), glossary: hasGlossary(doc), gap: p.body * 0.8, frame, width: frame.right - frame.left, run: { outlineParents: [] } };

  // The cover: title, subtitle, publisher and date.
  const m = doc.meta;
  const cv = doc.cover;
  // A committee paper's header block starts page 1; other documents' covers have a page to themselves.
  const ownPage = p.coverPage && cv.ownPage;
  // The organisation's logo (its profile's) above the title, tagged as a Figure with its alt text.
  const logo: Node[] = m.logo
    ? [{ ...pdfImage(m.logo.image), fit: [c.width * 0.4, p.body * 4], _tag: tag(root, 'Figure', { alt: m.logo.alt }), margin: [0, 0, 0, p.body] }]
    : [];
  const cover: Node[] = [
    ...logo,
    { ...heading(cv.title, root, c), margin: [0, ownPage ? p.body * (logo.length ? 2 : 6) : 0, 0, p.body] },
    ...(cv.subtitle ? [para([{ type: 'text', text: cv.subtitle }], root, c, 'P', { fontSize: p.headings[2], margin: [0, 0, 0, p.body * 2] })] : []),
    ...cv.lines.map((l, i) => para(l.inlines, root, c, 'P', i === cv.lines.length - 1 && ownPage ? { pageBreak: 'after' } : {})),
  ];
  const content = keepWithNext(breakBefore([...cover, ...doc.blocks.map((b) => block(b, root, c))]), c);
  // The footer is one line in its band: a title too long for it (with the longest page label) is shortened there.
  let footerTitle: string | undefined;
  // The organisation's footer line (its profile's), between the title and the page number.
  const orgLine = m.footer ? `${m.footer}  |  ` : '';
  const footerTitleFor = (count: number) => {
    if (footerTitle !== undefined) return footerTitle;
    const room = c.width - textWidth(`  |  ${orgLine}${doc.labels.pageOf(count, count)}`, p.smallest);
    footerTitle = m.title;
    while (footerTitle.length > 1 && textWidth(footerTitle, p.smallest) > room) footerTitle = `${footerTitle.slice(0, -2).trimEnd()}…`;
    return footerTitle;
  };

  const definition: Node = {
    pageSize: { width: p.page.width, height: p.page.height },
    pageMargins: [frame.left, frame.top, p.page.width - frame.right, p.page.height - frame.bottom],
    content,
    footer: (current: number, count: number) => ({
      text: `${footerTitleFor(count)}  |  ${orgLine}${doc.labels.pageOf(current, count)}`,
      fontSize: p.smallest,
      color: '#333333',
      margin: [frame.left, p.smallest * 0.2, p.page.width - frame.right, 0],
    }),
    defaultStyle: { font: 'Atkinson', fontSize: p.body, lineHeight: p.lineHeight, color: INK },
    info: {
      title: m.title,
      author: m.author,
      subject: m.subject,
      keywords: m.keywords.join(', '),
      creator: 'council-docgen',
      producer: 'council-docgen (pdfmake, pdfkit)',
      creationDate: ctx.epoch,
      modDate: ctx.epoch,
    },
    language: m.language,
    displayTitle: true,
    version: '1.7',
    ...(tagged ? { tagged: true, subset: 'PDF/UA' } : {}),
  };
  return { definition, root };
}

// ---------------------------------------------------------------------------------------------
// The layout engine's side of the keeps: two small extensions of pdfmake 0.3, installed once.

/** A copy of a definition node to measure: pdfmake's own computed fields, anchors, links and keeps left out. */
function probeCopy(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(probeCopy);
  if (!x || typeof x !== 'object' || Object.getPrototypeOf(x) !== Object.prototype) return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    if (k.startsWith('_') || PROBE_DROPS.has(k)) continue;
    out[k] = probeCopy(v);
  }
  return out;
}
const PROBE_DROPS = new Set(['id', 'outline', 'outlineParentId', 'pageReference', 'linkToDestination', 'link', 'tocItem', 'pageBreak', 'positions', 'headlineLevel']);

interface Repeatable {
  height: number;
}
interface Context {
  x: number;
  y: number;
  page: number;
  availableHeight: number;
  availableWidth: number;
  pages: { items: unknown[]; pageSize: { height: number }; height?: number; xOffset?: number; yOffset?: number }[];
  pageMargins: { top: number; bottom: number };
  getCurrentPage(): { pageSize: { height: number } };
}
interface Writer {
  transactionLevel: number;
  repeatables: Repeatable[];
  originalX: number;
  _held?: Repeatable[][];
  context(): Context;
  pushContext(width: number, height: number): void;
  popContext(): void;
  moveToNextPage(orientation?: unknown): void;
  beginUnbreakableBlock(width?: number, height?: number): void;
  addFragment(f: unknown, useX?: boolean, useY?: boolean, dontMove?: boolean): boolean;
  listeners(event: string): ((...args: unknown[]) => void)[];
  removeAllListeners(event: string): void;
  on(event: string, f: (...args: unknown[]) => void): void;
}

let keepsInstalled = false;

/**
 * Installs into pdfmake (once per process):
 * - unbreakable blocks measured against a real page: pdfmake gives their scratch context no
 *   height, so a block taller than a page was dropped whole; now it flows over as many pages as it
 *   needs, each fragment on a page of its own, and table headers repeat above each fragment;
 * - keeps: before a node with `_keep` is placed, its probe is laid out in a scratch context and
 *   measured; if it does not fit where the node stands, but would on a new page, the node starts
 *   one.
 */
function installKeeps(): void {
  if (keepsInstalled) return;
  keepsInstalled = true;
  const LayoutBuilder = cjsClass(LayoutBuilderModule);
  const PageElementWriter = cjsClass(PageElementWriterModule);
  const elementAddFragment = Object.getPrototypeOf(PageElementWriter.prototype).addFragment as Writer['addFragment'];
  const repeatHeight = (w: Writer) => w.repeatables.reduce((n, r) => n + r.height, 0);
  /** What a new page would give back where the writer stands: the room above this point, below any repeated header. */
  const gainOf = (w: Writer) => w.context().y - w.context().pageMargins.top - repeatHeight(w);
  /**
   * The room a new page would give where the writer stands: the page's, less any repeated table
   * header and (erring small) what the boxes the writer is in keep at a page's top and foot.
   */
  const freshRoom = (w: Writer) => {
    const ctx = w.context();
    const full = ctx.getCurrentPage().pageSize.height - ctx.pageMargins.top - ctx.pageMargins.bottom - repeatHeight(w);
    const here = ctx.availableHeight + gainOf(w);
    const inset = full - here;
    return inset > 0.5 ? here - inset - 12 : full;
  };

  PageElementWriter.prototype.beginUnbreakableBlock = function (this: Writer, width?: number, height?: number) {
    if (this.transactionLevel++ !== 0) return;
    this.originalX = this.context().x;
    if (width !== undefined || height !== undefined) {
      this.pushContext(width!, height!);
      return;
    }
    // A new page's room: a block that does not fit in it is placed in fragments, each on a page of its own.
    const room = freshRoom(this);
    (this._held ??= []).push(this.repeatables);
    this.repeatables = [];
    this.pushContext(this.context().availableWidth, room);
    (this.context() as Context & { _flows?: boolean })._flows = true;
  };

  const commit = PageElementWriter.prototype.commitUnbreakableBlock;
  PageElementWriter.prototype.commitUnbreakableBlock = function (this: Writer, forcedX?: number, forcedY?: number) {
    const uc = this.context() as Context & { _flows?: boolean };
    if (this.transactionLevel !== 1 || !uc._flows) return commit.call(this, forcedX, forcedY);
    this.repeatables = this._held!.pop()!;
    if (uc.pages.length === 1) return commit.call(this, forcedX, forcedY);
    // Taller than a page: each page of the scratch context on a page of its own.
    this.transactionLevel = 0;
    this.popContext();
    const room = uc.pages[0].pageSize.height;
    uc.pages.forEach((page, i) => {
      const ctx = this.context();
      if (i > 0 || ctx.availableHeight < room - 0.5) this.moveToNextPage();
      const last = i === uc.pages.length - 1;
      page.xOffset = undefined;
      page.yOffset = undefined;
      page.height = Math.min(last ? uc.y : room, this.context().availableHeight);
      elementAddFragment.call(this, page);
    });
  };

  /** Lays a probe out in a scratch context, and measures it (Infinity when it is taller than a page). */
  function measure(builder: any, def: Node): number {
    const w = builder.writer as Writer;
    // A probe's page breaks are its own: the tables it sits in must not hear of them.
    const listeners = w.listeners('pageChanged');
    w.removeAllListeners('pageChanged');
    w.beginUnbreakableBlock();
    const uc = w.context();
    try {
      const node = builder.docMeasure.measureBlock(builder.docPreprocessor.preprocessBlock(probeCopy(def)));
      builder.processNode(node);
      return uc.pages.length > 1 ? Infinity : uc.y;
    } finally {
      // Discarded: nothing of the probe reaches a page.
      w.transactionLevel--;
      w.popContext();
      w.repeatables = w._held!.pop()!;
      w.removeAllListeners('pageChanged');
      for (const l of listeners) w.on('pageChanged', l);
    }
  }

  // A table whose rows may break starts each row only where its first lines fit (`_rowNeeds`).
  const TableProcessor = cjsClass(TableProcessorModule);
  const beginRow = TableProcessor.prototype.beginRow;
  TableProcessor.prototype.beginRow = function (this: { tableNode: { table: { _rowNeeds?: number[] } } }, rowIndex: number, w: Writer) {
    const need = this.tableNode.table._rowNeeds?.[rowIndex];
    if (need && w.transactionLevel === 0 && need > w.context().availableHeight && gainOf(w) > 12) w.moveToNextPage();
    return beginRow.call(this, rowIndex, w);
  };

  const processNode = LayoutBuilder.prototype.processNode;
  LayoutBuilder.prototype.processNode = function (this: any, node: Node, ...rest: unknown[]) {
    const keep = node._keep as Keep | undefined;
    const w = this.writer as Writer;
    if (keep && w.transactionLevel === 0 && !node.pageBreak) {
      // Only where a new page would give more room (not at a page's or a box's top).
      if (gainOf(w) > 12) {
        const room = w.context().availableHeight;
        const fresh = freshRoom(w);
        let decided = false;
        // Whole on the next page only when little of this one would be left empty: a box that does
        // not fit in more than half a page is split rather than leave that much blank.
        if (keep.together && (keep.togetherBound ?? Infinity) <= room) decided = true;
        else if (keep.together && room < fresh * 0.5) {
          const h = measure(this, keep.together);
          if (h <= room) decided = true;
          else if (h <= fresh) {
            w.moveToNextPage();
            decided = true;
          }
        }
        if (!decided) {
          const need = keep.need ?? (keep.first ? ((keep.firstBound ?? Infinity) <= room ? keep.firstBound! : measure(this, keep.first)) : 0);
          if (need > room && need <= fresh) w.moveToNextPage();
          // Taller than a page: if what follows is, it flows from a new page of its own, and this goes with it.
          else if (need === Infinity && (!keep.tail || measure(this, keep.tail) === Infinity)) w.moveToNextPage();
        }
      }
    }
    return processNode.call(this, node, ...rest);
  };
}

/** pdfmake's node for an image: a drawing as SVG (kept as vectors), a photograph as itself. */
function pdfImage(im: ImageData): Node {
  const svg = imageSvg(im);
  return svg ? { svg } : { image: dataUri(im) };
}
