// DOCX writer (DX-01…DX-14): real Title and Heading styles with outline levels, list
// numbering (printed labels too), repeating table header rows, pictures with alt text and a
// drawn bitmap fallback, title/author/language metadata and a contents field filled in with
// the PDF's pages; one handler per node type. Space between blocks is paragraph spacing, never
// an empty paragraph. Output is made byte-identical for the same input (determinism.ts).
import {
  AlignmentType, Bookmark, Document, ExternalHyperlink, Footer, HeadingLevel, ImageRun, InternalHyperlink,
  LevelFormat, LineRuleType, PageNumber, PageReference, Paragraph, ShadingType, Table, TableCell,
  TableOfContents, TableRow, TextRun, WidthType, BorderStyle, PageBreak, TabStopType, StringValueElement,
  type INumberingOptions, type IParagraphOptions, type PageNumberEstimator, type ParagraphChild,
} from 'docx';
import type { Block, DocumentModel, ImageData, Inline, List } from '../../model/types.ts';
import type { Profile } from '../../profiles/index.ts';
import { rasteriser, type Rasterise } from '../common/png.ts';
import { imageSvg, pictureSvg } from '../common/pictures.ts';
import { unseenAddress } from '../common/links.ts';
import { chartSvg } from '../common/chart-svg.ts';
import { fitTable } from '../common/table.ts';
import { packDeterministic } from './determinism.ts';
import { labelRuns } from './labels.ts';
import { dispatch, type Handlers, type RenderContext, type Writer } from '../context.ts';
import { allBlocks, hasGlossary, inlineText } from '../../model/walk.ts';
import { identityOf, wordColour } from '../../organisation/identity.ts';

// The title is the model's level 1 and has Word's Title style; level 2 is Word's Heading 1.
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5];
const NBSP = '\u00a0';

type Out = Paragraph | Table | TableOfContents;
type NumberingDefinition = INumberingOptions['config'][number];

interface W {
  doc: DocumentModel;
  p: Profile;
  ctx: RenderContext;
  /** The organisation's colours (its profile's identity), as Word writes them (RRGGBB). */
  colours: { accent: string; link: string; panel: string };
  hasGlossary: boolean;
  bold: boolean;
  /** Draws SVG as PNG (absent when the document has no symbol or chart to draw). */
  png?: Rasterise;
  /** Numbering definitions of the labelled lists, added to the document's numbering. */
  numbering: NumberingDefinition[];
  /** How deep in labelled lists the blocks are (each level indents one more step). */
  depth: number;
  /** The space a table leaves below it, given to the paragraph after it as space before. */
  gap: number;
}

const half = (pt: number) => Math.round(pt * 2);
/** Bitmaps are drawn at twice the picture's size in pixels at 96 dpi (192 dpi: sharp in print). */
const PNG_SCALE = 2;
const CHART_SIZE = 220;
const STEP = 720; // a list level's indent, in twips

const INLINES: Handlers<Inline, [W], ParagraphChild[]> = {
  text: (i, w) => [new TextRun({ text: i.text, bold: w.bold || i.bold, ...(i.lang ? { language: { value: i.lang } } : {}) })],
  break: () => [new TextRun({ break: 1 })],
  link: (i, w) => {
    const text = inlineText(i.children);
    // Word is printed too, where a link cannot be followed: its address follows its words (links.ts).
    const address = unseenAddress(i.href, text);
    return [new ExternalHyperlink({ link: i.href, children: [new TextRun({ text, style: 'Hyperlink', bold: w.bold })] }), ...(address ? [new TextRun({ text: ` (${address})`, bold: w.bold })] : [])];
  },
  term: (i, w) =>
    w.hasGlossary ? [new InternalHyperlink({ anchor: `glossary-${i.id}`, children: [new TextRun({ text: inlineText(i.children), style: 'Hyperlink', bold: w.bold })] })] : runs(i.children, w),
  xref: (i, w) => [
    new InternalHyperlink({ anchor: i.target, children: [new TextRun({ text: i.title, style: 'Hyperlink', bold: w.bold })] }),
    new TextRun({ text: ` (${w.doc.labels.page}${NBSP}` }),
    new TextRun({ children: [new PageReference(i.target)] }),
    new TextRun({ text: ')' }),
  ],
};

const runs = (xs: Inline[], w: W, bold = false): ParagraphChild[] => xs.flatMap((i) => dispatch(INLINES, i, bold ? { ...w, bold } : w));
const blocks = (bs: Block[], w: W): Out[] => bs.flatMap((b) => dispatch(BLOCKS, b, w));

/**
 * A paragraph of the body, in reading order: the first after a table takes the space the table
 * leaves below it as space before (the paragraphs are made in the order they are written).
 */
function P(w: W, o: IParagraphOptions): Paragraph {
  if (!w.gap) return new Paragraph(o);
  const before = Math.max(w.gap, o.spacing?.before ?? 0);
  w.gap = 0;
  return new Paragraph({ ...o, spacing: { ...o.spacing, before } });
}
const para = (xs: Inline[], w: W, opts: IParagraphOptions = {}) => P(w, { children: runs(xs, w), ...opts });
const plain = (text: string, w: W, opts: IParagraphOptions & { bold?: boolean } = {}) => {
  const { bold, ...rest } = opts;
  return P(w, { children: [new TextRun({ text, bold })], ...rest });
};

/** A heading keeps its style's space before, which is more than a table's gap below. */
function heading(w: W, text: string, level: number, id?: string): Paragraph {
  w.gap = 0;
  // A top-level heading out of the outline (a section's title said again before its text after
  // its sub-sections) has Heading 1's look but body text's outline level, so Word's contents
  // field, which lists Heading 1, leaves it out.
  const unlisted = !id && level <= 2 ? { outlineLevel: 9 } : {};
  return new Paragraph({ heading: HEADINGS[Math.min(level, 6) - 1], keepNext: true, ...unlisted, children: id ? [new Bookmark({ id, children: [new TextRun(text)] })] : [new TextRun(text)] });
}

/**
 * A table cell's blocks. A cell must end with a paragraph: one whose blocks end with a table
 * (none does today: Easy Read rows hold text and lists) ends with the table's gap as a paragraph.
 */
function cellChildren(bs: Block[], w: W): (Paragraph | Table)[] {
  const out = blocks(bs, w) as (Paragraph | Table)[];
  if (!(out.at(-1) instanceof Table)) return out;
  const gap = w.gap;
  w.gap = 0;
  return [...out, new Paragraph({ spacing: { before: gap, after: 0 }, children: [] })];
}

function table(b: Extract<Block, { type: 'table' }>, w: W): Out[] {
  const { columns: cols, rows: body, rowHeaders } = fitTable(b.columns, b.rows, b.rowHeaders, w.p.maxTableColumns);
  const cell = (xs: Inline[], header: boolean) =>
    new TableCell({
      children: [new Paragraph({ children: runs(xs.length ? xs : [{ type: 'text', text: '–' }], w, header), keepLines: true })],
      shading: header ? { type: ShadingType.CLEAR, fill: w.colours.panel, color: 'auto' } : undefined,
    });
  // A caption the author did not write is not printed: the table's title (Word's alt text) names it.
  const caption = b.hiddenCaption ? [] : [plain(b.caption, w, { style: 'Caption', keepNext: true })];
  const t = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      // No header row when the table has none: every row is data.
      ...(cols.length ? [new TableRow({ tableHeader: true, cantSplit: true, children: cols.map((c) => cell(c, true)) })] : []),
      ...body.map((r) => new TableRow({ cantSplit: true, children: r.map((c, j) => cell(c, rowHeaders && j === 0)) })),
    ],
  });
  titled(t, b.caption);
  // A line's space below the table, as the next paragraph's space before.
  w.gap = lineOf(w.p);
  return [...caption, t];
}

/**
 * Gives a table its title (w:tblCaption, which Word shows as its alt text and screen readers
 * announce), last in its properties as the schema orders them: docx has no option for it.
 */
function titled(t: Table, caption: string): void {
  const props = (t as unknown as { root: { rootKey?: string; root: unknown[] }[] }).root.find((x) => x.rootKey === 'w:tblPr');
  props?.root.push(new StringValueElement('w:tblCaption', caption));
}

/**
 * Key facts, each a paragraph: the figure large, then what it counts. Further figures of the same
 * fact follow it as key facts a step further in, and keep with it.
 */
function facts(items: { term: string; body: Block[] }[], w: W, depth: number): Out[] {
  return items.flatMap((f) => {
    const text = f.body.flatMap((x) => (x.type === 'paragraph' ? x.inlines : []));
    const more = f.body.filter((x) => x.type === 'definitions' && x.style === 'facts').flatMap((x) => facts(x.type === 'definitions' ? x.items : [], w, depth + 1));
    const indent = depth ? { indent: { left: 284 + STEP * depth } } : {};
    return [P(w, { style: 'KeyFact', ...indent, keepNext: more.length > 0, children: [new TextRun({ text: f.term, bold: true, size: half(w.p.keyFact), color: w.colours.accent }), new TextRun(' '), ...runs(text, w)] }), ...more];
  });
}

/** One line of body text, in twips. */
const lineOf = (p: Profile) => Math.round(p.body * p.lineHeight * 20);

function list(b: List, w: W): Out[] {
  if (b.labels) return labelledList(b, b.labels, w);
  const reference = b.style;
  // Each ordered list restarts its numbering: an instance of its own.
  const instance = b.style === 'ordered' ? Number(w.ctx.nextId('ordered').split('-').pop()) : undefined;
  return b.items.flatMap((item) =>
    item.flatMap((x, i) => {
      if (x.type === 'paragraph') return [P(w, { children: runs(x.inlines, w), ...(i === 0 ? { numbering: { reference, level: 0, ...(instance !== undefined ? { instance } : {}) } } : { indent: { left: STEP } }), spacing: { after: 80 } })];
      return dispatch(BLOCKS, x, w);
    }),
  );
}

/**
 * Printed labels (a), m), 1.2 …) are Word numbering whose level text prints them exactly
 * (labels.ts): one numbering definition per run of labels that follow on, with a hanging indent
 * one step deeper for each labelled list it is in.
 */
function labelledList(b: List, labels: string[], w: W): Out[] {
  const left = STEP * (w.depth + 1);
  const refs: string[] = [];
  for (const run of labelRuns(labels)) {
    const reference = w.ctx.nextId('labels');
    w.numbering.push({ reference, levels: [{ level: 0, format: run.format, text: run.text, start: run.start, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left, hanging: STEP } } } }] });
    for (let i = 0; i < run.count; i++) refs.push(reference);
  }
  const inner: W = { ...w, depth: w.depth + 1 };
  const out = b.items.flatMap((item, n) =>
    item.flatMap((x, i) => {
      if (x.type !== 'paragraph') return dispatch(BLOCKS, x, inner);
      return [P(inner, { children: runs(x.inlines, w), ...(i === 0 ? { numbering: { reference: refs[n], level: 0 } } : { indent: { left } }), spacing: { after: 80 } })];
    }),
  );
  w.gap = inner.gap;
  return out;
}

const BLOCKS: Handlers<Block, [W], Out[]> = {
  // The contents' own heading is Word's TOC Heading, so the contents field does not list itself.
  heading: (b, w) => [b.id === 'contents' ? (w.gap = 0, plain(b.text, w, { style: 'TOCHeading' })) : heading(w, b.text, b.level, b.outline ? b.id : undefined)],
  paragraph: (b, w) => [para(b.inlines, w)],
  pageBreak: (b, w) => ((w.gap = 0), [new Paragraph({ children: [new PageBreak()] })]),
  pictureRow: (b, w) => {
    // A borderless two-column row: picture left (with alt text), its text right.
    // Beside a report's blocks (a story's service icon) a symbol is an icon, not an Easy Read picture.
    const icon = !w.p.maxPicturesAPage;
    const px = Math.round(((icon ? w.p.body * 3.5 : w.p.picture) * 96) / 72);
    // Two pictures stand one above the other, as in the PDF.
    const pictures = b.pictures.map((pic) => {
      const svg = pictureSvg(pic, w.ctx.assets, identityOf(w.doc).accent);
      const alt = { name: pic.symbol ?? 'picture', title: pic.alt, description: pic.alt };
      const run = svg ? svgRun(svg, px, alt, w) : new ImageRun({ type: pic.image!.mime === 'image/png' ? 'png' : 'jpg', data: pic.image!.data, transformation: fitted(pic.image!, px, px, true), altText: alt });
      return new Paragraph({ children: [run] });
    });
    const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
    const borders = { top: none, bottom: none, left: none, right: none };
    // The row is a table: a gap left by a table before it stays for the paragraph after it.
    const pending = w.gap;
    w.gap = 0;
    const text = cellChildren(b.blocks, w);
    w.gap = Math.max(pending, w.gap);
    return [
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        borders: { ...borders, insideHorizontal: none, insideVertical: none },
        rows: [
          new TableRow({
            cantSplit: true,
            children: [
              new TableCell({ width: { size: icon ? 15 : 30, type: WidthType.PERCENTAGE }, borders, children: pictures }),
              new TableCell({ width: { size: icon ? 85 : 70, type: WidthType.PERCENTAGE }, borders, children: text }),
            ],
          }),
        ],
      }),
    ];
  },
  list,
  table,
  definitions: (b, w) =>
    b.style === 'fields'
      ? // A paper's header block: each label in a column of its own, its value beside it.
        b.items.map((f) => P(w, { children: [new TextRun({ text: f.term, bold: true }), new TextRun('\t'), ...runs(f.body.flatMap((x) => (x.type === 'paragraph' ? x.inlines : [])), w)], indent: { left: 2835, hanging: 2835 }, tabStops: [{ type: TabStopType.LEFT, position: 2835 }], spacing: { after: 60 } }))
      : b.style === 'facts'
      ? facts(b.items, w, 0)
      : b.items.flatMap((e) => [
          P(w, { keepNext: true, spacing: { after: 40 }, children: [new Bookmark({ id: e.id, children: [new TextRun({ text: e.term, bold: true })] })] }),
          ...blocks(e.body, w),
        ]),
  quote: (b, w) => {
    const paras = b.blocks.filter((x) => x.type === 'paragraph');
    return [
      ...paras.map((x, i) => para([{ type: 'text', text: i === 0 ? '“' : '' }, ...x.inlines, { type: 'text', text: i === paras.length - 1 ? '”' : '' }], w, { style: 'Quote' })),
      ...(b.by ? [plain(`– ${b.by}`, w, { style: 'Quote', bold: true })] : []),
    ];
  },
  box: (b, w) => {
    // A side panel says it is one: its title says "Panel: …", or a "Panel" line stands for one.
    if (b.style !== 'panel') return blocks(b.blocks, w);
    const label = b.label ?? w.doc.labels.panel;
    const [first, ...rest] = b.blocks;
    if (first?.type === 'heading') return [heading(w, `${label}: ${first.text}`, first.level), ...blocks(rest, w)];
    return [plain(label, w, { bold: true, keepNext: true }), ...blocks(b.blocks, w)];
  },
  figure: (b, w) => {
    if (b.graphic.type === 'chart') {
      const c = b.graphic.chart;
      const svg = chartSvg(c, CHART_SIZE);
      // Shown at the drawing's own size; its bitmap at twice that.
      const png = w.png!(svg, { zoom: PNG_SCALE });
      return [
        P(w, {
          children: [new ImageRun({ type: 'svg', data: Buffer.from(svg), fallback: { type: 'png', data: png.data }, transformation: { width: Math.round(png.width / PNG_SCALE), height: Math.round(png.height / PNG_SCALE) }, altText: { name: c.id, title: c.title, description: b.alt } })],
        }),
      ];
    }
    const im = b.graphic.image;
    return [
      P(w, { children: [imageRun(im, 500, im.height, { name: 'figure', title: b.caption ?? w.doc.labels.picture, description: b.alt }, w)] }),
      ...(b.caption ? [plain(b.caption, w, { style: 'Caption' })] : []),
    ];
  },
  group: (b, w) => {
    if (b.role !== 'contact') return blocks(b.blocks, w);
    // A contact's lines stay together: each keeps with the next, and the last leaves a line below it.
    return b.blocks.flatMap((x, i) => {
      const last = i === b.blocks.length - 1;
      if (x.type !== 'paragraph') return blocks([x], w);
      return [para(x.inlines, w, { keepNext: !last, spacing: { after: last ? 60 + lineOf(w.p) : 60 } })];
    });
  },
  // The entries are docx's, one per heading the field lists, linked to it; their pages are the PDF's (pdfPages).
  contents: (b, w) => ((w.gap = 0), [new TableOfContents(w.doc.labels.contents, { hyperlink: true, headingStyleRange: '1-1', beginDirty: true })]),
};

/**
 * The pages of the bookmarks from the PDF of the same publication (ctx.pagesOf): a heading's
 * own bookmark (its id) and the contents field's bookmark beside it get the heading's page, so
 * the contents and the cross-references show the PDF's page numbers until Word updates them.
 */
function pdfPages(pages: ReadonlyMap<string, number>): PageNumberEstimator {
  return (body) => {
    const bookmarks = new Map<string, string>();
    const bookmarkPageNumbers = new Map<string, number>();
    visitParagraphs(body, (names) => {
      const page = names.map((n) => pages.get(n)).find((n) => n !== undefined);
      if (page === undefined) return;
      for (const n of names) bookmarks.set(n, String(page)), bookmarkPageNumbers.set(n, page);
    });
    return { bookmarks, bookmarkPageNumbers };
  };
}

/** Calls back with the names of the bookmarks that start in each paragraph of docx's formatted XML. */
function visitParagraphs(node: unknown, visit: (names: string[]) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => visitParagraphs(n, visit));
  if (typeof node !== 'object' || node === null) return;
  for (const [name, content] of Object.entries(node)) {
    if (name === 'w:p') {
      const names: string[] = [];
      collectBookmarks(content, names);
      if (names.length) visit(names);
    } else if (name !== '_attr') visitParagraphs(content, visit);
  }
}

function collectBookmarks(node: unknown, names: string[]): void {
  if (Array.isArray(node)) return node.forEach((n) => collectBookmarks(n, names));
  if (typeof node !== 'object' || node === null) return;
  for (const [name, content] of Object.entries(node)) {
    if (name === 'w:bookmarkStart') {
      const attr = (Array.isArray(content) ? content.find((c) => c && typeof c === 'object' && '_attr' in c)?._attr : (content as { _attr?: Record<string, unknown> })?._attr) as Record<string, unknown> | undefined;
      if (typeof attr?.['w:name'] === 'string') names.push(attr['w:name']);
    } else if (name !== '_attr') collectBookmarks(content, names);
  }
}

export const writeDocx: Writer = async (doc, p, ctx) => {
  // resvg is set up only for documents with something to draw.
  const drawing = (im: ImageData | undefined) => im?.mime === 'image/svg+xml';
  const draws =
    drawing(doc.meta.logo?.image) ||
    allBlocks(doc).some((b) => (b.type === 'pictureRow' && b.pictures.some((x) => x.symbol || drawing(x.image))) || (b.type === 'figure' && (b.graphic.type === 'chart' || drawing(b.graphic.image))));
  const id = identityOf(doc);
  const colours = { accent: wordColour(id.accent), link: wordColour(id.link), panel: wordColour(id.panel) };
  const w: W = { doc, p, ctx, colours, hasGlossary: hasGlossary(doc), bold: false, numbering: [], depth: 0, gap: 0, ...(draws ? { png: await rasteriser(ctx.assets) } : {}) };
  const c = doc.cover;
  const children = [
    ...(doc.meta.logo ? [logoParagraph(doc.meta.logo, w)] : []),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(c.title.text)] }),
    ...(c.subtitle ? [plain(c.subtitle, w, { style: 'Subtitle' })] : []),
    ...c.lines.map((l) => para(l.inlines, w)),
    ...blocks(doc.blocks, w),
  ];
  const m = doc.meta;

  const headingStyle = (i: number, size: number) => ({
    run: { size: half(size), bold: true, color: colours.accent, font: 'Arial' },
    paragraph: { spacing: { before: half(size) * 10, after: 120, line: 276, lineRule: LineRuleType.AUTO }, keepNext: true, outlineLevel: i },
  });
  const bodySize = half(p.body);
  const document = new Document({
    title: m.title,
    subject: m.subject,
    creator: m.author,
    lastModifiedBy: m.author,
    description: m.subject,
    keywords: m.keywords.join(', '),
    revision: 1,
    // Word updates every field when it opens the document: the contents' and cross-references'
    // pages (the PDF's until then) become its own.
    features: { updateFields: true },
    ...(ctx.pagesOf ? { pageNumbers: pdfPages(ctx.pagesOf) } : {}),
    styles: {
      default: {
        document: { run: { font: 'Arial', size: bodySize, language: { value: m.language } }, paragraph: { spacing: { line: Math.round(240 * p.lineHeight), lineRule: LineRuleType.AUTO, after: Math.round(p.body * 12) } } },
        title: { run: { size: half(p.title), bold: true, color: colours.accent, font: 'Arial' }, paragraph: { spacing: { after: 240 } } },
        heading1: headingStyle(0, p.headings[0]),
        heading2: headingStyle(1, p.headings[1]),
        heading3: headingStyle(2, p.headings[2]),
        heading4: headingStyle(3, p.headings[2]),
        heading5: headingStyle(4, p.headings[2]),
        hyperlink: { run: { color: colours.link, underline: {} } },
      },
      paragraphStyles: [
        { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', run: { size: half(p.headings[2]) } },
        { id: 'Caption', name: 'Caption', basedOn: 'Normal', next: 'Normal', run: { bold: true, size: bodySize }, paragraph: { spacing: { after: 80 } } },
        { id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', paragraph: { indent: { left: 567 }, border: { left: { style: BorderStyle.SINGLE, size: 24, color: colours.accent, space: 8 } } } },
        { id: 'KeyFact', name: 'Key fact', basedOn: 'Normal', next: 'Normal', paragraph: { indent: { left: 284 }, border: { left: { style: BorderStyle.SINGLE, size: 24, color: colours.accent, space: 8 } }, spacing: { after: 120 } } },
        { id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Normal', next: 'Normal', run: { size: half(p.headings[0]), bold: true, color: colours.accent } },
      ],
    },
    numbering: {
      config: [
        { reference: 'bullet', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
        // The tick keeps the list's meaning ("achieved"): a screen reader says "check mark".
        { reference: 'check', levels: [{ level: 0, format: LevelFormat.BULLET, text: '✓', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } }, run: { font: 'Segoe UI Symbol', color: '00603A' } } }] },
        { reference: 'ordered', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
        ...w.numbering,
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: p.margin * 20, bottom: p.margin * 20, left: p.margin * 20, right: p.margin * 20 } } },
        footers: {
          default: new Footer({ children: [new Paragraph({ children: [new TextRun({ children: [`${m.title}  |  ${m.footer ? `${m.footer}  |  ` : ''}`, ...pageOf(doc)], size: half(p.smallest) })] })] }),
        },
        children,
      },
    ],
  });
  return { bytes: packDeterministic(document, ctx.epoch.toISOString().slice(0, 10)) };
};

/** The organisation's logo (its profile's) above the title, at most four lines of body text high, with its alt text. */
function logoParagraph(logo: NonNullable<DocumentModel['meta']['logo']>, w: W): Paragraph {
  const im = logo.image;
  return new Paragraph({ spacing: { after: 240 }, children: [imageRun(im, Infinity, Math.round((w.p.body * 4 * 96) / 72), { name: 'logo', title: logo.alt, description: logo.alt }, w)] });
}

type AltText = { name: string; title: string; description: string };

/** An image at most so wide and high (pixels), keeping its shape: a drawing as SVG with its PNG, a photograph as itself. */
function imageRun(im: ImageData, maxWidth: number, maxHeight: number, alt: AltText, w: W): ImageRun {
  const svg = imageSvg(im);
  const size = fitted(im, maxWidth, maxHeight);
  return svg ? svgRun(svg, size.width, alt, w, size.height) : new ImageRun({ type: im.mime === 'image/png' ? 'png' : 'jpg', data: im.data, transformation: size, altText: alt });
}

/** The SVG for readers that show it, and a PNG of the same drawing for those that do not. */
function svgRun(svg: string, width: number, alt: AltText, w: W, height?: number): ImageRun {
  const png = w.png!(svg, { width: width * PNG_SCALE });
  return new ImageRun({ type: 'svg', data: Buffer.from(svg), fallback: { type: 'png', data: png.data }, transformation: { width, height: height ?? Math.round(png.height / PNG_SCALE) }, altText: alt });
}

/** The largest size within the bounds with the image's shape; a photograph no larger than it is, unless `grow` (a picture row's picture fills its place). */
function fitted(im: ImageData, maxWidth: number, maxHeight: number, grow = im.mime === 'image/svg+xml'): { width: number; height: number } {
  const most = grow ? Infinity : 1;
  const scale = Math.min(maxWidth / im.width, maxHeight / im.height, most);
  return { width: Math.max(1, Math.round(im.width * scale)), height: Math.max(1, Math.round(im.height * scale)) };
}

/** "Page x of y" in the document's words, with Word's page fields in place of the numbers. */
function pageOf(doc: DocumentModel): (string | (typeof PageNumber)[keyof typeof PageNumber])[] {
  const [before, middle, after] = doc.labels.pageOf(1, 2).split(/1|2/);
  return [before, PageNumber.CURRENT, middle, PageNumber.TOTAL_PAGES, after].filter((x) => x !== '');
}
