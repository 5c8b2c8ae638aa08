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
  alt?: string;
  actual?: string;
  lang?: string;
  scope?: 'Column' | 'Row';
  /** The element's /ID (Notes need one). */
  id?: string;
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
  if (node.alt) opts.alt = node.alt;
  if (node.actual) opts.actual = node.actual;
  if (node.lang) opts.lang = node.lang;
  if (node.scope) opts.scope = node.scope;
  const elem = doc.struct(node.type, opts);
  // Notes carry a unique ID (PDF/UA 7.9, PDF-18); pdfkit has no option for it.
  if (node.id) (elem as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.ID = new String(node.id);
  // Children are attached on first content, so the tree's order is the reading order.
  if (node.parent) ensure(node.parent, doc).add(elem);
  else doc.addStructure(elem);
  node.elem = elem;
  return elem;
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
        options.Contents = new String(node.alt ?? '');
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
  inlines: { _tag?: TagNode }[];
  _tag?: TagNode;
  _artifact?: boolean;
  _outline?: unknown;
  _pageNodeRef?: unknown;
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
  for (const inline of inlines) {
    const last = merged[merged.length - 1];
    if (last && !last._pageNodeRef && !inline._pageNodeRef && !last.lineEnd && SAME.every((k) => last[k] === inline[k]) && Math.abs(last.x + last.width - inline.x) < 0.01) {
      merged[merged.length - 1] = { ...last, text: last.text + inline.text, width: last.width + inline.width, trailingCut: inline.trailingCut };
    } else merged.push(inline);
  }
  line.inlines = merged;
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

  const TextInlines = cjsClass(TextInlinesModule);
  const measure = new TextInlines(null);
  const renderLine = Renderer.prototype.renderLine;
  Renderer.prototype.renderLine = function (this: { pdfDocument: PdfKitDoc }, line: Line, x: number, y: number) {
    const doc = this.pdfDocument;
    resolvePageNumbers(line, measure);
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
