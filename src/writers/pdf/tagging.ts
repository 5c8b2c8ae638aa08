// Extends pdfmake's renderer so that it writes a real structure tree (PDF/UA-1).
//
// pdfmake 0.3 lays out well but tags nothing (tech-probe.md §1). Layout nodes here carry a
// `_tag` (a node of a planned structure tree, built by layout.ts in reading order). pdfmake
// copies the property onto the lines and inlines it lays out; at render time each line is
// wrapped in marked content and added to its structure element, after the content is closed
// (the pdfkit ParentTree workaround). Anything without a tag (footers, borders, fills,
// repeated table headers) is written as an Artifact, so no content is left outside both.
import * as RendererModule from 'pdfmake/js/Renderer.js';
import * as LayoutBuilderModule from 'pdfmake/js/LayoutBuilder.js';
import * as PageElementWriterModule from 'pdfmake/js/PageElementWriter.js';
import * as TextInlinesModule from 'pdfmake/js/TextInlines.js';

/** The class a Babel-compiled CommonJS module exports, however the importer wraps it (Node ESM or esbuild). */
export function cjsClass(ns: object): any {
  const m = ns as { default?: { default?: unknown } };
  return m.default?.default ?? m.default;
}

export interface TagNode {
  type: string;
  /**
   * A Link that holds a page reference (a contents entry, a cross-reference's page) has the page
   * number the page shows added to the end of its alt ("Foreword, page" reads "Foreword, page 5"):
   * the number is known only after layout, and is filled in before the first page is drawn.
   */
  alt?: string;
  /** The page number a Link's page reference resolved to (set at render, see `alt`). */
  page?: string;
  actual?: string;
  lang?: string;
  scope?: 'Column' | 'Row';
  /** The element's /ID (Notes need one). */
  id?: string;
  /** The element's title (/T): a Table's name where it prints no caption. */
  title?: string;
  parent?: TagNode;
  /** The pdfkit structure element, made when the first content for it is rendered. */
  elem?: PdfStructElement;
}

interface PdfStructElement {
  add(child: unknown): PdfStructElement;
}

interface PdfKitDoc {
  struct(type: string, options?: object): PdfStructElement;
  addStructure(e: PdfStructElement): void;
  markStructureContent(tag: string, options?: object): unknown;
  markContent(tag: string, options?: object | null): void;
  endMarkedContent(): void;
  hasMarkInfoDictionary(): boolean;
  annotate(x: number, y: number, w: number, h: number, options: Record<string, unknown>): unknown;
}

export function tag(parent: TagNode | undefined, type: string, extra: Partial<TagNode> = {}): TagNode {
  return { type, parent, ...extra };
}

function ensure(node: TagNode, doc: PdfKitDoc, bbox?: number[]): PdfStructElement {
  if (node.elem) return node.elem;
  const opts: Record<string, unknown> = {};
  // A Figure says where it is on the page (Layout BBox), so readers can tell what sits beside it.
  if (bbox) opts.bbox = bbox;
  if (node.alt) opts.alt = altOf(node);
  if (node.actual) opts.actual = node.actual;
  if (node.lang) opts.lang = node.lang;
  if (node.scope) opts.scope = node.scope;
  if (node.title) opts.title = node.title;
  const elem = doc.struct(node.type, opts);
  // Notes carry a unique ID (PDF/UA 7.9, PDF-18); pdfkit has no option for it.
  if (node.id) (elem as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.ID = new String(node.id);
  // Children are attached on first content, so the tree's order is the reading order.
  if (node.parent) ensure(node.parent, doc).add(elem);
  else doc.addStructure(elem);
  node.elem = elem;
  return elem;
}

/** The alt a node is given: a page reference's Link ends with the page number it shows. */
function altOf(node: TagNode): string | undefined {
  return node.alt && node.page ? `${node.alt} ${node.page}` : node.alt;
}

/** Renders `draw` as the content of `node`, or as an Artifact when there is no node. */
function marked(doc: PdfKitDoc, node: TagNode | undefined, draw: () => void, bbox?: number[]): void {
  if (!node) {
    doc.markContent('Artifact', { type: 'Layout' });
    draw();
    doc.endMarkedContent();
    return;
  }
  const elem = ensure(node, doc, bbox);
  const content = doc.markStructureContent(node.type);
  if (node.type === 'Link') {
    // Link annotations join their Link element (PDF-20) with a description.
    const annotate = doc.annotate;
    doc.annotate = function (x, y, w, h, options) {
      if (options.Subtype === 'Link') {
        options.structParent = elem;
        options.Contents = new String(altOf(node) ?? '');
      }
      return annotate.call(this, x, y, w, h, options);
    };
    try {
      draw();
    } finally {
      doc.annotate = annotate;
    }
  } else draw();
  doc.endMarkedContent();
  elem.add(content);
}

interface Line {
  inlines: { _tag?: TagNode; text?: string; lineEnd?: boolean; _pageNodeRef?: unknown; _pageRef?: { _nodeRef?: unknown } }[];
  _tag?: TagNode;
  _artifact?: boolean;
  _outline?: unknown;
  _pageNodeRef?: unknown;
  lastLineInParagraph?: boolean;
  /** Set by prepareLines: the line ends with a space, as its element goes on after it. */
  _spaceAfter?: boolean;
  id?: string;
  clone(): Line;
}

/**
 * Writes computed page numbers into their inlines and closes the gap their placeholder left,
 * so "(page 29)" reads as one phrase. (pdfmake only narrows the number itself.)
 */
function resolvePageNumbers(line: Line, measure: { widthOfText(t: string, i: object): number }): void {
  let shift = 0;
  for (const inline of line.inlines as PageRefInline[]) {
    inline.x -= shift;
    const ref = inline._pageNodeRef as { positions?: { pageNumber: number }[] } | undefined;
    if (!ref?.positions?.length) continue;
    inline.text = String(ref.positions[0].pageNumber);
    const width = measure.widthOfText(inline.text, inline);
    if (inline.alignment === 'right') inline.x += inline.width - width;
    else shift += inline.width - width;
    inline.width = width;
    delete inline._pageNodeRef;
  }
}

/**
 * Before the first page is drawn, when the layout is final:
 *
 * - every Link that holds a page reference is given its page number, so that its alt and its
 *   annotations' /Contents say the number the page shows (its element is made on the Link's first
 *   content, which may come before its number: a contents entry's title);
 * - every line after which its element goes on with more words is marked to end with a space:
 *   a line ended by a line break (a contact's, a sign-off's lines), and the last line of a text
 *   whose element goes on elsewhere (a contents entry's title, then its page number). So the
 *   lines of one element read as words apart ("Benjamin Watts General Counsel"), not run
 *   together. (A line that wraps at a space ends with that space already; pdfmake keeps it.)
 */
function prepareLines(pages: { items: { type: string; item: Line }[] }[]): void {
  const lines = pages.flatMap((page) => page.items.filter((it) => it.type === 'line' && !it.item._artifact).map((it) => it.item));
  const lastLineOf = new Map<TagNode, Line>();
  for (const line of lines) {
    line.inlines.forEach((inline, i) => {
      const t = inline._tag ?? line._tag;
      const ref = (inline._pageNodeRef ?? (i === 0 ? line._pageNodeRef : undefined)) as PageNodeRef | undefined;
      if (ref?.positions?.length && t?.type === 'Link') t.page = String(ref.positions[0].pageNumber);
      if (t) lastLineOf.set(t, line);
    });
    if (line._tag) lastLineOf.set(line._tag, line);
  }
  for (const line of lines) {
    const last = line.inlines[line.inlines.length - 1];
    if (!last) continue;
    const goesOn = (t: TagNode | undefined) => !!t && lastLineOf.get(t) !== line;
    if (last.lineEnd || (line.lastLineInParagraph && (goesOn(last._tag ?? line._tag) || goesOn(line._tag)))) line._spaceAfter = true;
  }
}

/** Ends a marked line with a space (see prepareLines). */
function spaceAfter(line: Line): void {
  const n = line.inlines.length;
  const last = line.inlines[n - 1];
  // A line break is an empty word of its own: the space goes with the word before it, in its element.
  const word = last.text === '' && n > 1 ? line.inlines[n - 2] : last;
  if (typeof word.text === 'string' && !/\s$/.test(word.text)) word.text += ' ';
}

interface PageNodeRef {
  positions?: { pageNumber: number }[];
}

// Properties that must match for two neighbouring words to be drawn as one text run.
const SAME = ['font', 'fontSize', 'color', 'link', 'linkToDestination', 'linkToPage', 'decoration', 'decorationColor', 'decorationStyle', 'background', 'characterSpacing', 'opacity', 'sup', 'sub', 'fontFeatures', '_tag'] as const;

/**
 * pdfmake draws every word with its own text call. Neighbouring words with the same style
 * (and the same structure element) are drawn as one run: the page reads the same, with far
 * fewer operators to write (and to extract).
 */
function mergeInlines(line: Line): void {
  const inlines = line.inlines as (PageRefInline & Record<string, unknown>)[];
  if (inlines.length < 2) return;
  const merged: typeof inlines = [];
  // A run is copied once, when its second word joins it; later words extend the copy in place
  // (the words' own objects are pdfmake's and are left as they were).
  let open: (typeof inlines)[number] | undefined;
  for (const inline of inlines) {
    const last = merged[merged.length - 1];
    if (last && !last._pageNodeRef && !inline._pageNodeRef && !last.lineEnd && sameStyle(last, inline) && Math.abs(last.x + last.width - inline.x) < 0.01) {
      const run = open === last ? last : (merged[merged.length - 1] = open = { ...last });
      run.text += inline.text;
      run.width += inline.width;
      run.trailingCut = inline.trailingCut;
    } else merged.push(inline);
  }
  line.inlines = merged;
}

function sameStyle(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (let i = 0; i < SAME.length; i++) if (a[SAME[i]] !== b[SAME[i]]) return false;
  return true;
}

interface PageRefInline {
  x: number;
  width: number;
  text: string;
  alignment?: string;
  _pageNodeRef?: unknown;
  _tag?: TagNode;
}

let installed = false;

/** Installs the tagging extension into pdfmake (once per process). */
export function installTagging(): void {
  if (installed) return;
  installed = true;
  const Renderer = cjsClass(RendererModule);
  const LayoutBuilder = cjsClass(LayoutBuilderModule);
  const PageElementWriter = cjsClass(PageElementWriterModule);

  const buildNextLine = LayoutBuilder.prototype.buildNextLine;
  LayoutBuilder.prototype.buildNextLine = function (node: { _tag?: TagNode }) {
    const line = buildNextLine.call(this, node);
    if (line && node._tag) line._tag = node._tag;
    // pdfmake ties a page reference to its target on a paragraph's first line only, so one on a
    // later line printed its placeholder ("(page 00000)"): every line's are tied here.
    for (const inline of line?.inlines ?? []) if (inline._pageRef && !inline._pageNodeRef) inline._pageNodeRef = inline._pageRef._nodeRef;
    return line;
  };

  // Same as pdfmake's, but marks the repeated table header rows, which must be Artifacts.
  PageElementWriter.prototype.moveToNextPage = function (this: any, pageOrientation: unknown) {
    const nextPage = this.context().moveToNextPage(pageOrientation);
    this.repeatables.forEach((rep: any) => {
      if (rep.insertedOnPages[this.context().page] === undefined) {
        rep.insertedOnPages[this.context().page] = true;
        const page = this.context().getCurrentPage();
        const before = new Set(page.items);
        this.addFragment(rep, true);
        for (const it of page.items) if (!before.has(it)) it.item._artifact = true;
      } else {
        this.context().moveDown(rep.height);
      }
    });
    this.emit('pageChanged', { prevPage: nextPage.prevPage, prevY: nextPage.prevY, y: this.context().y });
  };

  const renderPages = Renderer.prototype.renderPages;
  Renderer.prototype.renderPages = function (pages: Parameters<typeof prepareLines>[0]) {
    prepareLines(pages);
    return renderPages.call(this, pages);
  };

  const TextInlines = cjsClass(TextInlinesModule);
  const measure = new TextInlines(null);
  const renderLine = Renderer.prototype.renderLine;
  Renderer.prototype.renderLine = function (this: { pdfDocument: PdfKitDoc }, line: Line, x: number, y: number) {
    const doc = this.pdfDocument;
    resolvePageNumbers(line, measure);
    if (line._spaceAfter) spaceAfter(line);
    mergeInlines(line);
    if (!doc.hasMarkInfoDictionary()) return renderLine.call(this, line, x, y);
    if (line._artifact || !line._tag) return marked(doc, undefined, () => renderLine.call(this, line, x, y));
    // One marked-content sequence per run of inlines with the same element (links are their own).
    const runs: { tag: TagNode; inlines: Line['inlines'] }[] = [];
    for (const inline of line.inlines) {
      const t = inline._tag ?? line._tag;
      const last = runs[runs.length - 1];
      if (last && last.tag === t) last.inlines.push(inline);
      else runs.push({ tag: t, inlines: [inline] });
    }
    runs.forEach((run, i) => {
      const part = line.clone();
      part.inlines = run.inlines;
      if (i > 0) {
        delete part._outline;
        delete part._pageNodeRef;
        delete part.id;
      }
      marked(doc, run.tag, () => renderLine.call(this, part, x, y));
    });
  };

  for (const method of ['renderVector', 'renderImage', 'renderSVG']) {
    const original = Renderer.prototype[method];
    Renderer.prototype[method] = function (this: { pdfDocument: PdfKitDoc }, item: { _tag?: TagNode; _artifact?: boolean; x?: number; y?: number; _width?: number; _height?: number }) {
      const doc = this.pdfDocument;
      if (!doc.hasMarkInfoDictionary()) return original.call(this, item);
      const box = item._tag?.type === 'Figure' && item.x !== undefined && item._width ? [item.x, item.y!, item.x + item._width, item.y! + (item._height ?? 0)] : undefined;
      marked(doc, item._artifact ? undefined : item._tag, () => original.call(this, item), box);
    };
  }
}
