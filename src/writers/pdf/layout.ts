// Document model → pdfmake document definition, with a planned structure tree (`_tag` on
// every node that holds content). Styling comes only from the profile.
import type { Block, Chart, DocumentModel, Inline } from '../../model/types.ts';
import type { Profile } from '../../profiles/index.ts';
import { chartAlt, chartRows, chartTotal } from '../common/chart.ts';
import { inlineText } from '../../model/walk.ts';
import { PALETTE, TICK_SVG, chartSvg, swatchSvg } from './chart-svg.ts';
import { tag, type TagNode } from './tagging.ts';
import { symbolSvg } from '../common/symbols.ts';
import { contactFields } from '../common/contact.ts';
import { longDate } from '../../model/dates.ts';
import { fitTable } from '../common/table.ts';

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
const MAX_PICTURES_A_PAGE = 4;

export function layoutDocument(doc: DocumentModel, p: Profile, tagged: boolean): Layout {
  const bottomMargin = p.margin + p.smallest * 1.5; // the footer sits in it
  const root = tag(undefined, 'Document');
  const hasGlossary = doc.blocks.some((b) => b.type === 'glossary');
  const gap = p.body * 0.8; // CP-09: a clear space between paragraphs
  let level = 0; // current heading level, so box titles nest one below it (PDF-16)
  let outlineParents: string[] = [];

  const inlines = (xs: Inline[], parent: TagNode, bold = false): Node[] =>
    xs.flatMap((i): Node[] => {
      switch (i.type) {
        case 'text':
          // A passage in another language is a Span with its own /Lang.
          return [{ text: i.text, bold: bold || i.bold || undefined, ...(i.lang ? { _tag: tag(parent, 'Span', { lang: i.lang }) } : {}) }];
        case 'break':
          return [{ text: '\n' }];
        case 'link': {
          const link = tag(parent, 'Link', { alt: `${inlineText(i.children)} (${i.href.replace(/^mailto:|^tel:/, '')})` });
          return inlines(i.children, parent, bold).map((n) => ({ ...n, link: i.href, color: LINK, decoration: 'underline', _tag: link }));
        }
        case 'term': {
          if (!hasGlossary) return inlines(i.children, parent, bold);
          const link = tag(parent, 'Link', { alt: `${inlineText(i.children)}: see the glossary` });
          return inlines(i.children, parent, bold).map((n) => ({ ...n, linkToDestination: `glossary-${i.id}`, color: LINK, decoration: 'underline', _tag: link }));
        }
        case 'xref': {
          const link = tag(parent, 'Link', { alt: `${i.title}, see that section` });
          return [
            { text: i.title, linkToDestination: i.target, color: LINK, decoration: 'underline', bold: bold || undefined, _tag: link },
            { text: ` (page${NBSP}`, _tag: parent },
            // pdfmake links the page number too, so it is a Link of its own (PDF-20).
            { text: '00', pageReference: i.target, _tag: tag(parent, 'Link', { alt: `Page of ${i.title}` }) },
            { text: ')', _tag: parent },
          ];
        }
      }
    });

  let notes = 0;
  const para = (xs: Inline[], parent: TagNode, type = 'P', extra: Node = {}): Node => {
    const t = tag(parent, type, type === 'Note' ? { id: `note-${++notes}` } : {});
    return { text: inlines(xs, t), _tag: t, margin: [0, 0, 0, gap], ...extra };
  };

  const heading = (text: string, lvl: number, parent: TagNode, id?: string, outline = true): Node => {
    const size = p.headings[Math.min(lvl, 3) - 1];
    const t = tag(parent, `H${Math.min(lvl, 6)}`);
    const node: Node = {
      text,
      _tag: t,
      fontSize: size,
      bold: true,
      color: ACCENT,
      lineHeight: 1.15,
      margin: [0, lvl === 1 ? p.body * 0.8 : p.body * 0.6, 0, p.body * 0.5],
      headlineLevel: lvl,
    };
    if (id) node.id = id;
    if (outline && id) {
      node.outline = true;
      outlineParents = outlineParents.slice(0, lvl - 1);
      if (lvl > 1 && outlineParents[lvl - 2]) node.outlineParentId = outlineParents[lvl - 2];
      outlineParents[lvl - 1] = id;
    }
    return node;
  };

  /** A list: L > LI > Lbl + LBody, laid out as two columns per item. */
  const list = (items: { label: Node; labelTag?: Partial<TagNode>; body: (lbody: TagNode) => Node[] }[], parent: TagNode, labelWidth: number): Node => {
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
          columnGap: p.body * 0.4,
        };
      }),
      margin: [0, 0, 0, gap * 0.5],
    };
  };

  const bodyBlocks = (bs: Block[], parent: TagNode, itemGap = gap) =>
    bs.map((b, i) => {
      const n = block(b, parent);
      // The last paragraph of a list item keeps a smaller gap, so items stay visibly one list.
      if (i === bs.length - 1 && b.type === 'paragraph') n.margin = [0, 0, 0, itemGap];
      return n;
    });

  const table = (caption: string, columns: Inline[][], rows: Inline[][][], headed: boolean, parent: TagNode): Node => {
    const { columns: cols, rows: body, rowHeaders } = fitTable(columns, rows, headed, p.maxTableColumns);
    const t = tag(parent, 'Table');
    const cap = tag(t, 'Caption');
    const thead = tag(t, 'THead');
    const tbody = tag(t, 'TBody');
    const headRow = tag(thead, 'TR');
    const cell = (xs: Inline[], type: 'TH' | 'TD', tr: TagNode, scope?: 'Column' | 'Row'): Node => {
      const c = tag(tr, type, scope ? { scope } : {});
      const content = xs.length && inlineText(xs).trim() ? xs : [{ type: 'text' as const, text: '–' }];
      return { text: inlines(content, c), _tag: c, bold: type === 'TH' || undefined, fontSize: Math.max(p.smallest, p.body - 1) };
    };
    const lengths = cols.map((_, j) => Math.max(...[cols, ...body].map((r) => inlineText(r[j] ?? []).length)));
    const widths = lengths.map((n) => (n > 28 ? '*' : 'auto'));
    if (!widths.includes('*')) widths.fill('*');
    return {
      stack: [
        { text: caption, _tag: cap, bold: true, margin: [0, 0, 0, p.body * 0.4] },
        {
          table: {
            headerRows: 1,
            dontBreakRows: true,
            widths,
            body: [
              cols.map((c) => cell(c, 'TH', headRow, 'Column')),
              ...body.map((r) => {
                const tr = tag(tbody, 'TR');
                return r.map((c, j) => cell(c, rowHeaders && j === 0 ? 'TH' : 'TD', tr, rowHeaders && j === 0 ? 'Row' : undefined));
              }),
            ],
          },
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
      margin: [0, p.body * 0.4, 0, gap],
    };
  };

  const boxed = (content: Node[], fill = PANEL): Node => ({
    table: { widths: ['*'], body: [[{ stack: keepWithNext(content), margin: [p.body * 0.6, p.body * 0.5, p.body * 0.6, 0] }]] },
    layout: {
      fillColor: () => fill,
      hLineWidth: () => 0,
      vLineWidth: (i: number) => (i === 0 ? 4 : 0),
      vLineColor: () => ACCENT,
    },
    margin: [0, p.body * 0.3, 0, gap],
  });

  const chart = (c: Chart, parent: TagNode): Node => {
    const fig = tag(parent, 'Figure', { alt: chartAlt(c) });
    const size = p.body * 12;
    const rows = chartRows(c);
    const colours = c.data.map((_, i) => PALETTE[i % PALETTE.length]);
    const sw = p.body * 0.9;
    const swatched = (text: string, i: number) => [{ type: 'text' as const, text }] as Inline[] & { colour?: string } & { i?: number };
    const caption = `${c.title} (${c.unit})`;
    const tbl = table(
      `${caption}: the figures`,
      [[{ type: 'text', text: 'Part' }], [{ type: 'text', text: c.unit }], ...(c.kind === 'pie' ? [[{ type: 'text' as const, text: 'Share' }]] : [])],
      rows.map((r, i) => [swatched(r.label, i), [{ type: 'text', text: r.value }], ...(c.kind === 'pie' ? [[{ type: 'text' as const, text: r.share || '–' }]] : [])]),
      true,
      parent,
    );
    // Colour keys go beside the row labels, as artifacts: the words carry the meaning.
    const body = ((tbl.stack as Node[])[1].table as { body: Node[][] }).body;
    body.slice(1).forEach((row, i) => {
      const first = row[0];
      if (c.data[i].value === null) return;
      row[0] = { columns: [{ svg: swatchSvg(colours[i], sw), width: sw, margin: [0, 2, 0, 0] }, { ...first, width: '*' }], columnGap: 4 };
    });
    const after: Node[] = [];
    const total = chartTotal(c);
    if (total) after.push(para([{ type: 'text', text: total }], parent));
    if (c.note) after.push(para([{ type: 'text', text: 'Note: ' }, ...c.note], parent, 'P', { fontSize: p.smallest }));
    if (c.source) after.push(para([{ type: 'text', text: `Source: ${c.source}` }], parent, 'P', { fontSize: p.smallest }));
    return {
      stack: [{ svg: chartSvg(c, size), width: c.kind === 'pie' ? size : size * 1.6, _tag: fig, margin: [0, p.body * 0.5, 0, gap] }, tbl, ...after],
    };
  };

  const contact = (c: Extract<Block, { type: 'contact' }>['contact'], parent: TagNode): Node => {
    const lines: Node[] = [para([{ type: 'text', text: c.name, bold: true }], parent, 'P', { margin: [0, 0, 0, p.body * 0.3] })];
    for (const d of c.description ?? []) lines.push(block(d, parent));
    for (const [label, value] of contactFields(c)) lines.push(para([{ type: 'text', text: `${label}: ` }, ...value], parent, 'P', { margin: [0, 0, 0, p.body * 0.2] }));
    return { stack: lines, margin: [0, 0, 0, gap * 0.7], unbreakable: true };
  };

  const block = (b: Block, parent: TagNode): Node => {
    switch (b.type) {
      case 'heading':
        level = b.level;
        return heading(b.text, b.level, parent, b.id);
      case 'pageBreak':
        return { _pageBreak: true }; // becomes pageBreak: 'before' on the next node (see breakBefore)
      case 'pictureRow': {
        // Easy Read: the picture (a Figure with its Alt) on the left, its text beside it.
        const fig = tag(parent, 'Figure', { alt: b.picture.alt });
        const size = p.picture;
        // ER-T12: at most 4 pictures a page. Rows are made tall enough that five never fit (the
        // last row's gap may run into the bottom margin); rows with more text are taller anyway.
        const rowGap = p.body * 0.75;
        const n = MAX_PICTURES_A_PAGE + 1;
        const minRow = (A4_HEIGHT - p.margin - bottomMargin - (n - 1) * rowGap) / n + 1;
        const pic = b.picture.symbol
          ? { svg: symbolSvg(b.picture.symbol), width: size, height: size }
          : { image: `data:${b.picture.image!.mime};base64,${Buffer.from(b.picture.image!.data).toString('base64')}`, fit: [size, size] };
        return {
          columns: [
            { ...pic, _tag: fig, width: size, margin: [0, 0, 0, Math.max(0, minRow - size)] },
            { width: '*', stack: bodyBlocks(b.blocks, parent, p.body * 0.6), margin: [0, p.body * 0.3, 0, 0] },
          ],
          columnGap: p.body * 1.2,
          unbreakable: true,
          margin: [0, 0, 0, rowGap],
        };
      }
      case 'paragraph':
        return para(b.inlines, parent);
      case 'note':
        return para([{ type: 'text', text: 'Note: ', bold: true }, ...b.inlines], parent, 'Note', { fontSize: Math.max(p.smallest, p.body - 1) });
      case 'list': {
        const longest = Math.max(0, ...(b.labels ?? []).map((l) => l.length));
        const labelWidth = b.labels ? p.body * (0.7 + longest * 0.55) : b.style === 'ordered' ? p.body * 1.8 : p.body * 1.1;
        return list(
          b.items.map((item, n) => ({
            label:
              b.style === 'check'
                ? { svg: TICK_SVG(p.body), width: p.body, margin: [0, p.body * 0.15, 0, 0] }
                : { text: b.labels?.[n] ?? (b.style === 'ordered' ? `${(b.start ?? 1) + n}.` : '•'), bold: true },
            labelTag: b.style === 'check' ? { actual: 'Achieved: ' } : {},
            body: (lbody) => bodyBlocks(item, lbody, gap * 0.4),
          })),
          parent,
          labelWidth,
        );
      }
      case 'table':
        return {
          stack: [
            table(b.caption, b.columns, b.rows, b.rowHeaders, parent),
            ...(b.note ? [para([{ type: 'text', text: 'Note: ', bold: true }, ...b.note], parent, 'P', { fontSize: Math.max(p.smallest, p.body - 1) })] : []),
            ...(b.source ? [para([{ type: 'text', text: `Source: ${b.source}` }], parent, 'P', { fontSize: Math.max(p.smallest, p.body - 1) })] : []),
          ],
        };
      case 'keyFacts': {
        const content: Node[] = [];
        if (b.title) content.push(heading(b.title, level + 1, parent, undefined, false));
        content.push(
          list(
            b.facts.map((f) => ({
              label: { text: f.value, fontSize: p.keyFact, bold: true, color: ACCENT, lineHeight: 1.1 },
              body: (lbody: TagNode) => {
                const extra = [f.period, f.comparison, f.source && `Source: ${f.source}`].filter(Boolean).join('. ');
                return [para([{ type: 'text', text: f.label }, ...(extra ? [{ type: 'text' as const, text: ` (${extra})` }] : [])], lbody, 'P', { margin: [0, p.keyFact * 0.25, 0, gap * 0.6] })];
              },
            })),
            parent,
            p.keyFact * 4.2,
          ),
        );
        return boxed(content);
      }
      case 'comparisons': {
        const rows = b.items.map((c) => [[{ type: 'text', text: c.label + (c.note ? ` (${c.note})` : '') }], [{ type: 'text', text: `${c.before.value} in ${c.before.period}` }], [{ type: 'text', text: `${c.after.value} in ${c.after.period}` }]] as Inline[][]);
        return table(b.title ?? 'Before and after', [[{ type: 'text', text: 'Measure' }], [{ type: 'text', text: 'Before' }], [{ type: 'text', text: 'After' }]], rows, true, parent);
      }
      case 'quote': {
        const q = tag(parent, 'BlockQuote');
        const paras = b.blocks.filter((x) => x.type === 'paragraph') as Extract<Block, { type: 'paragraph' }>[];
        const content = paras.map((x, i) =>
          para([{ type: 'text', text: i === 0 ? '“' : '' }, ...x.inlines, { type: 'text', text: i === paras.length - 1 ? '”' : '' }], q, 'P', { fontSize: p.body + 1, margin: [0, 0, 0, p.body * 0.4] }),
        );
        if (b.by) content.push(para([{ type: 'text', text: `– ${b.by}` }], q, 'P', { bold: true, margin: [0, 0, 0, p.body * 0.4] }));
        return { ...boxed(content, '#f6f6f6'), unbreakable: true };
      }
      case 'box': {
        const sect = tag(parent, 'Sect');
        const content: Node[] = [];
        const label = b.kind === 'story' ? 'Case study' : undefined;
        if (b.title) content.push(heading(label ? `${label}: ${b.title}` : b.title, level + 1, sect, undefined, false));
        else if (label) content.push(heading(label, level + 1, sect, undefined, false));
        const saved = level;
        level = level + 1;
        content.push(...b.blocks.map((x) => block(x, sect)));
        level = saved;
        if (b.note) content.push(para([{ type: 'text', text: 'Note: ', bold: true }, ...b.note], sect, 'P', { fontSize: Math.max(p.smallest, p.body - 1) }));
        return boxed(content, b.kind === 'story' ? '#fdf5e6' : PANEL);
      }
      case 'figure': {
        const fig = tag(parent, 'Figure', { alt: b.alt });
        const maxW = 595.28 - 2 * p.margin;
        const w = Math.min(maxW, b.image.width * 0.75);
        return {
          stack: [
            { image: `data:${b.image.mime};base64,${Buffer.from(b.image.data).toString('base64')}`, width: w, _tag: fig },
            ...(b.caption ? [para([{ type: 'text', text: b.caption }], fig, 'Caption', { fontSize: Math.max(p.smallest, p.body - 1) })] : []),
          ],
          margin: [0, 0, 0, gap],
        };
      }
      case 'chart':
        return chart(b.chart, parent);
      case 'contact':
        return contact(b.contact, parent);
      case 'glossary':
        return list(
          b.entries.map((e) => ({
            label: { text: e.term, bold: true, id: `glossary-${e.id}` },
            body: (lbody: TagNode) => bodyBlocks(e.definition, lbody, gap * 0.6),
          })),
          parent,
          (595.28 - 2 * p.margin) * 0.3,
        );
      case 'contents': {
        const toc = tag(parent, 'TOC');
        const entries = doc.blocks.filter((x) => x.type === 'heading' && x.level === 1) as Extract<Block, { type: 'heading' }>[];
        return {
          stack: [
            heading(b.title, 1, parent, 'contents'),
            ...entries.map((h) => {
              const item = tag(toc, 'TOCI');
              const link = tag(item, 'Link', { alt: `${h.text}, page` });
              return {
                columns: [
                  { width: '*', text: [{ text: h.text, linkToDestination: h.id, _tag: link }], _tag: item },
                  { width: p.body * 3, text: [{ text: '00', pageReference: h.id, _tag: link }], noWrap: true, alignment: 'right', _tag: item },
                ],
                margin: [0, 0, 0, p.body * 0.35],
              };
            }),
          ],
          pageBreak: 'after',
        };
      }
    }
  };

  // The cover: title, subtitle, publisher and date.
  const m = doc.meta;
  const cover: Node[] = [
    { ...heading(m.title, 1, root, 'title'), fontSize: p.title, margin: [0, p.coverPage ? p.body * 6 : 0, 0, p.body] },
    ...(m.subtitle ? [para([{ type: 'text', text: m.subtitle }], root, 'P', { fontSize: p.headings[2], margin: [0, 0, 0, p.body * 2] })] : []),
    para([{ type: 'text', text: m.author, bold: true }], root),
    para([{ type: 'text', text: `Published ${longDate(m.published)}${m.reference ? `. Reference ${m.reference}` : ''}` }], root, 'P', p.coverPage ? { pageBreak: 'after' } : {}),
  ];
  const content = keepWithNext(breakBefore([...cover, ...doc.blocks.map((b) => block(b, root))]));

  const definition: Node = {
    pageSize: 'A4',
    pageMargins: [p.margin, p.margin, p.margin, bottomMargin],
    content,
    footer: (current: number, count: number) => ({
      text: `${m.title}  |  Page ${current} of ${count}`,
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
      creationDate: new Date(`${m.published}T00:00:00Z`),
      modDate: new Date(`${m.published}T00:00:00Z`),
    },
    language: m.language,
    displayTitle: true,
    version: '1.7',
    ...(tagged ? { tagged: true, subset: 'PDF/UA' } : {}),
  };
  return { definition, root };
}
