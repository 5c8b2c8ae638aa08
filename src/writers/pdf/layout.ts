// Document model → pdfmake document definition, with a planned structure tree (`_tag` on
// every node that holds content): one handler per node type. Styling comes only from the profile.
import type { Block, DocumentModel, Heading, Inline, Labels, Paragraph } from '../../model/types.ts';
import type { Profile } from '../../profiles/index.ts';
import { hasGlossary, inlineText } from '../../model/walk.ts';
import { TICK_SVG, chartSvg, swatchSvg } from '../common/chart-svg.ts';
import { tag, type TagNode } from './tagging.ts';
import { symbolSvg } from '../common/symbols.ts';
import { fitTable } from '../common/table.ts';
import { dispatch, type Handlers, type RenderContext } from '../context.ts';

type Node = Record<string, unknown>;

const INK = '#111111';
const ACCENT = '#1d3557';
const LINK = '#0b4f9c';
const PANEL = '#eef3f8';
const NBSP = '\u00a0';

export interface Layout {
  definition: Node;
  root: TagNode;
}

/**
 * Keeps each heading whole and on the page of what follows it: with the next paragraph, or
 * with a list's first item. (pdfmake's pageBreakBefore would re-run the whole layout for
 * every heading it moves.) Tags sit on the leaves, so regrouping leaves the structure alone.
 */
function keepWithNext(nodes: Node[]): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const next = nodes[i + 1];
    if (!node.headlineLevel || node.pageBreak) {
      out.push(node);
    } else if (next && 'text' in next && !next.headlineLevel && !next.pageBreak) {
      out.push({ stack: [node, next], unbreakable: true });
      i++;
    } else if (next?.unbreakable && !next.headlineLevel) {
      // An unbreakable block (an Easy Read row, a quote, a contact) moves with its heading.
      out.push({ stack: [node, next], unbreakable: true });
      i++;
    } else if (next?._list && Array.isArray(next.stack) && next.stack.length > 0) {
      const [first, ...rest] = next.stack as Node[];
      out.push({ stack: [node, first], unbreakable: true });
      out.push({ ...next, stack: rest });
      i++;
    } else {
      out.push({ stack: [node], unbreakable: true });
    }
  }
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

const A4_HEIGHT = 841.89;
const A4_WIDTH = 595.28;
const MAX_PICTURES_A_PAGE = 4;

/** What every handler is given: the profile, the labels and the writer's running state. */
interface P {
  p: Profile;
  L: Labels;
  ctx: RenderContext;
  glossary: boolean;
  gap: number;
  bottomMargin: number;
  outlineParents: string[];
}

const INLINES: Handlers<Inline, [TagNode, boolean, P], Node[]> = {
  // A passage in another language is a Span with its own /Lang.
  text: (i, parent, bold) => [{ text: i.text, bold: bold || i.bold || undefined, ...(i.lang ? { _tag: tag(parent, 'Span', { lang: i.lang }) } : {}) }],
  break: () => [{ text: '\n' }],
  link: (i, parent, bold, c) => {
    const link = tag(parent, 'Link', { alt: `${inlineText(i.children)} (${i.href.replace(/^mailto:|^tel:/, '')})` });
    return inlines(i.children, parent, c, bold).map((n) => ({ ...n, link: i.href, color: LINK, decoration: 'underline', _tag: link }));
  },
  term: (i, parent, bold, c) => {
    if (!c.glossary) return inlines(i.children, parent, c, bold);
    const link = tag(parent, 'Link', { alt: `${inlineText(i.children)}: ${c.L.seeGlossary}` });
    return inlines(i.children, parent, c, bold).map((n) => ({ ...n, linkToDestination: `glossary-${i.id}`, color: LINK, decoration: 'underline', _tag: link }));
  },
  xref: (i, parent, bold, c) => {
    const link = tag(parent, 'Link', { alt: `${i.title}, ${c.L.seeSection}` });
    return [
      { text: i.title, linkToDestination: i.target, color: LINK, decoration: 'underline', bold: bold || undefined, _tag: link },
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
    color: ACCENT,
    lineHeight: 1.15,
    margin: [0, lvl <= 2 ? p.body * 0.8 : p.body * 0.6, 0, p.body * 0.5],
    headlineLevel: lvl,
  };
  if (h.outline) {
    node.id = h.id;
    // Bookmarks: the title and the top sections side by side, deeper sections nested.
    const depth = Math.max(1, lvl - 1);
    node.outline = true;
    c.outlineParents = c.outlineParents.slice(0, depth - 1);
    if (depth > 1 && c.outlineParents[depth - 2]) node.outlineParentId = c.outlineParents[depth - 2];
    c.outlineParents[depth - 1] = h.id;
  }
  return node;
}

/** A list: L > LI > Lbl + LBody, laid out as two columns per item. */
function list(items: { label: Node; labelTag?: Partial<TagNode>; body: (lbody: TagNode) => Node[] }[], parent: TagNode, labelWidth: number, c: P): Node {
  const l = tag(parent, 'L');
  return {
    _list: true,
    stack: items.map((it) => {
      const li = tag(l, 'LI');
      const lbl = tag(li, 'Lbl', it.labelTag);
      const lbody = tag(li, 'LBody');
      return {
        columns: [
          { width: labelWidth, ...it.label, _tag: lbl },
          { width: '*', stack: it.body(lbody) },
        ],
        columnGap: c.p.body * 0.4,
      };
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

const block = (b: Block, parent: TagNode, c: P): Node => dispatch(BLOCKS, b, parent, c);

function boxed(content: Node[], c: P, fill = PANEL): Node {
  const { p } = c;
  return {
    table: { widths: ['*'], body: [[{ stack: keepWithNext(content), margin: [p.body * 0.6, p.body * 0.5, p.body * 0.6, 0] }]] },
    layout: {
      fillColor: () => fill,
      hLineWidth: () => 0,
      vLineWidth: (i: number) => (i === 0 ? 4 : 0),
      vLineColor: () => ACCENT,
    },
    margin: [0, p.body * 0.3, 0, c.gap],
  };
}

function paragraphSize(b: Paragraph, c: P): Node {
  return b.role === 'small' || b.role === 'note' ? { fontSize: small(c) } : {};
}

const BLOCKS: Handlers<Block, [TagNode, P], Node> = {
  heading: (b, parent, c) => heading(b, parent, c),
  pageBreak: () => ({ _pageBreak: true }), // becomes pageBreak: 'before' on the next node (see breakBefore)
  pictureRow: (b, parent, c) => {
    const { p } = c;
    // Easy Read: the picture (a Figure with its Alt) on the left, its text beside it.
    const fig = tag(parent, 'Figure', { alt: b.picture.alt });
    const size = p.picture;
    // ER-T12: at most 4 pictures a page. Rows are made tall enough that five never fit (the
    // last row's gap may run into the bottom margin); rows with more text are taller anyway.
    const rowGap = p.body * 0.75;
    const n = MAX_PICTURES_A_PAGE + 1;
    const minRow = (A4_HEIGHT - p.margin - c.bottomMargin - (n - 1) * rowGap) / n + 1;
    const pic = b.picture.symbol
      ? { svg: symbolSvg(c.ctx.assets, b.picture.symbol), width: size, height: size }
      : { image: `data:${b.picture.image!.mime};base64,${Buffer.from(b.picture.image!.data).toString('base64')}`, fit: [size, size] };
    return {
      columns: [
        { ...pic, _tag: fig, width: size, margin: [0, 0, 0, Math.max(0, minRow - size)] },
        { width: '*', stack: bodyBlocks(b.blocks, parent, c, p.body * 0.6), margin: [0, p.body * 0.3, 0, 0] },
      ],
      columnGap: p.body * 1.2,
      unbreakable: true,
      margin: [0, 0, 0, rowGap],
    };
  },
  paragraph: (b, parent, c) => para(b.inlines, parent, c, b.role === 'note' ? 'Note' : 'P', paragraphSize(b, c)),
  list: (b, parent, c) => {
    const { p } = c;
    const longest = Math.max(0, ...(b.labels ?? []).map((l) => l.length));
    const labelWidth = b.labels ? p.body * (0.7 + longest * 0.55) : b.style === 'ordered' ? p.body * 1.8 : p.body * 1.1;
    return list(
      b.items.map((item, n) => ({
        label:
          b.style === 'check'
            ? { svg: TICK_SVG(p.body), width: p.body, margin: [0, p.body * 0.15, 0, 0] }
            : { text: b.labels?.[n] ?? (b.style === 'ordered' ? `${(b.start ?? 1) + n}.` : '•'), bold: true },
        labelTag: b.style === 'check' ? { actual: `${c.L.achieved}: ` } : {},
        body: (lbody) => bodyBlocks(item, lbody, c, c.gap * 0.4),
      })),
      parent,
      labelWidth,
      c,
    );
  },
  table: (b, parent, c) => {
    const { p } = c;
    const { columns: cols, rows: body, rowHeaders } = fitTable(b.columns, b.rows, b.rowHeaders, p.maxTableColumns);
    const t = tag(parent, 'Table');
    const cap = tag(t, 'Caption');
    const thead = tag(t, 'THead');
    const tbody = tag(t, 'TBody');
    const headRow = tag(thead, 'TR');
    const cell = (xs: Inline[], type: 'TH' | 'TD', tr: TagNode, scope?: 'Column' | 'Row'): Node => {
      const cl = tag(tr, type, scope ? { scope } : {});
      const content = xs.length && inlineText(xs).trim() ? xs : [{ type: 'text' as const, text: '–' }];
      return { text: inlines(content, cl, c), _tag: cl, bold: type === 'TH' || undefined, fontSize: small(c) };
    };
    const lengths = cols.map((_, j) => Math.max(...[cols, ...body].map((r) => inlineText(r[j] ?? []).length)));
    const widths = lengths.map((n) => (n > 28 ? '*' : 'auto'));
    if (!widths.includes('*')) widths.fill('*');
    const rowsOut = body.map((r) => {
      const tr = tag(tbody, 'TR');
      return r.map((x, j) => cell(x, rowHeaders && j === 0 ? 'TH' : 'TD', tr, rowHeaders && j === 0 ? 'Row' : undefined));
    });
    // A chart's colour keys go beside its row labels, as artifacts: the words carry the meaning.
    if (b.keyColours && cols === b.columns) {
      const sw = p.body * 0.9;
      rowsOut.forEach((row, i) => {
        const colour = b.keyColours![i];
        if (colour) row[0] = { columns: [{ svg: swatchSvg(colour, sw), width: sw, margin: [0, 2, 0, 0] }, { ...row[0], width: '*' }], columnGap: 4 };
      });
    }
    return {
      stack: [
        { text: b.caption, _tag: cap, bold: true, margin: [0, 0, 0, p.body * 0.4] },
        {
          table: { headerRows: 1, dontBreakRows: true, widths, body: [cols.map((x) => cell(x, 'TH', headRow, 'Column')), ...rowsOut] },
          layout: {
            fillColor: (row: number) => (row === 0 ? PANEL : null),
            hLineColor: () => '#5b6b7b',
            vLineColor: () => '#5b6b7b',
            paddingLeft: () => 5,
            paddingRight: () => 5,
            paddingTop: () => 4,
            paddingBottom: () => 4,
          },
        },
      ],
      margin: [0, p.body * 0.4, 0, c.gap],
    };
  },
  definitions: (b, parent, c) => {
    const { p } = c;
    if (b.style === 'facts') {
      return list(
        b.items.map((f) => ({
          label: { text: f.term, fontSize: p.keyFact, bold: true, color: ACCENT, lineHeight: 1.1 },
          body: (lbody: TagNode) => f.body.map((x) => (x.type === 'paragraph' ? para(x.inlines, lbody, c, 'P', { margin: [0, p.keyFact * 0.25, 0, c.gap * 0.6] }) : block(x, lbody, c))),
        })),
        parent,
        p.keyFact * 4.2,
        c,
      );
    }
    return list(
      b.items.map((e) => ({
        label: { text: e.term, bold: true, id: e.id },
        body: (lbody: TagNode) => bodyBlocks(e.body, lbody, c, c.gap * 0.6),
      })),
      parent,
      (A4_WIDTH - 2 * p.margin) * 0.3,
      c,
    );
  },
  quote: (b, parent, c) => {
    const { p } = c;
    const q = tag(parent, 'BlockQuote');
    const paras = b.blocks.filter((x) => x.type === 'paragraph');
    const content = paras.map((x, i) =>
      para([{ type: 'text', text: i === 0 ? '“' : '' }, ...x.inlines, { type: 'text', text: i === paras.length - 1 ? '”' : '' }], q, c, 'P', { fontSize: p.body + 1, margin: [0, 0, 0, p.body * 0.4] }),
    );
    if (b.by) content.push(para([{ type: 'text', text: `– ${b.by}` }], q, c, 'P', { bold: true, margin: [0, 0, 0, p.body * 0.4] }));
    return { ...boxed(content, c, '#f6f6f6'), unbreakable: true };
  },
  box: (b, parent, c) => {
    // Key facts sit in the flow; boxes and stories are sections of their own.
    const sect = b.style === 'facts' ? parent : tag(parent, 'Sect');
    return boxed(b.blocks.map((x) => block(x, sect, c)), c, b.style === 'story' ? '#fdf5e6' : PANEL);
  },
  figure: (b, parent, c) => {
    const { p } = c;
    const fig = tag(parent, 'Figure', { alt: b.alt });
    if (b.graphic.type === 'chart') {
      const ch = b.graphic.chart;
      const size = p.body * 12;
      return { svg: chartSvg(ch, size), width: ch.kind === 'pie' ? size : size * 1.6, _tag: fig, margin: [0, p.body * 0.5, 0, c.gap] };
    }
    const im = b.graphic.image;
    const w = Math.min(A4_WIDTH - 2 * p.margin, im.width * 0.75);
    return {
      stack: [
        { image: `data:${im.mime};base64,${Buffer.from(im.data).toString('base64')}`, width: w, _tag: fig },
        ...(b.caption ? [para([{ type: 'text', text: b.caption }], fig, c, 'Caption', { fontSize: small(c) })] : []),
      ],
      margin: [0, 0, 0, c.gap],
    };
  },
  group: (b, parent, c) => {
    if (b.role !== 'contact') return { stack: b.blocks.map((x) => block(x, parent, c)) };
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
            { width: '*', text: [{ text: e.text, linkToDestination: e.target, _tag: link }], _tag: item },
            { width: p.body * 3, text: [{ text: '00', pageReference: e.target, _tag: link }], noWrap: true, alignment: 'right', _tag: item },
          ],
          margin: [0, 0, 0, p.body * 0.35],
        };
      }),
    };
  },
};

export function layoutDocument(doc: DocumentModel, p: Profile, tagged: boolean, ctx: RenderContext): Layout {
  const root = tag(undefined, 'Document');
  const c: P = { p, L: doc.labels, ctx, glossary: hasGlossary(doc), gap: p.body * 0.8, bottomMargin: p.margin + p.smallest * 1.5, outlineParents: [] };

  // The cover: title, subtitle, publisher and date.
  const m = doc.meta;
  const cv = doc.cover;
  // A committee paper's header block starts page 1; other documents' covers have a page to themselves.
  const ownPage = p.coverPage && cv.ownPage;
  const cover: Node[] = [
    { ...heading(cv.title, root, c), margin: [0, ownPage ? p.body * 6 : 0, 0, p.body] },
    ...(cv.subtitle ? [para([{ type: 'text', text: cv.subtitle }], root, c, 'P', { fontSize: p.headings[2], margin: [0, 0, 0, p.body * 2] })] : []),
    ...cv.lines.map((l, i) => para(l.inlines, root, c, 'P', i === cv.lines.length - 1 && ownPage ? { pageBreak: 'after' } : {})),
  ];
  const content = keepWithNext(breakBefore([...cover, ...doc.blocks.map((b) => block(b, root, c))]));
  const bottomMargin = c.bottomMargin;

  const definition: Node = {
    pageSize: 'A4',
    pageMargins: [p.margin, p.margin, p.margin, bottomMargin],
    content,
    footer: (current: number, count: number) => ({
      text: `${m.title}  |  ${doc.labels.pageOf(current, count)}`,
      fontSize: p.smallest,
      color: '#333333',
      margin: [p.margin, p.smallest * 0.2, p.margin, 0],
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
