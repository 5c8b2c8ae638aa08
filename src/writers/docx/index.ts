// DOCX writer (DX-01…DX-14): real Title and Heading styles with outline levels, list
// numbering, repeating table header rows, alt text on pictures, title/author/language
// metadata and a contents field. Output is made byte-identical for the same input (determinism.ts).
import {
  AlignmentType, Bookmark, Document, ExternalHyperlink, Footer, HeadingLevel, ImageRun, InternalHyperlink,
  LevelFormat, LineRuleType, PageNumber, PageReference, Paragraph, ShadingType, Table, TableCell,
  TableOfContents, TableRow, TextRun, WidthType, BorderStyle, PageBreak, TabStopType,
  type ParagraphChild,
} from 'docx';
import type { Block, DocumentModel, Inline } from '../../model/types.ts';
import type { Profile } from '../../profiles/index.ts';
import { chartAlt, chartRows, chartTotal } from '../common/chart.ts';
import { chartPng, solidPng } from '../common/png.ts';
import { symbolSvg } from '../common/symbols.ts';
import { chartSvg } from '../pdf/chart-svg.ts';
import { longDate } from '../../model/dates.ts';
import { fitTable } from '../common/table.ts';
import { packDeterministic } from './determinism.ts';
import { contactFields } from '../common/contact.ts';

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5];
const ACCENT = '1D3557';
const NBSP = '\u00a0';

export async function writeDocx(doc: DocumentModel, p: Profile): Promise<{ bytes: Uint8Array }> {
  const half = (pt: number) => Math.round(pt * 2);
  const hasGlossary = doc.blocks.some((b) => b.type === 'glossary');
  let level = 0;
  let listInstance = 0;

  const runs = (xs: Inline[], bold = false): ParagraphChild[] =>
    xs.flatMap((i): ParagraphChild[] => {
      switch (i.type) {
        case 'text':
          return [new TextRun({ text: i.text, bold: bold || i.bold, ...(i.lang ? { language: { value: i.lang } } : {}) })];
        case 'break':
          return [new TextRun({ break: 1 })];
        case 'link':
          return [new ExternalHyperlink({ link: i.href, children: [new TextRun({ text: textOf(i.children), style: 'Hyperlink', bold })] })];
        case 'term':
          return hasGlossary
            ? [new InternalHyperlink({ anchor: `glossary-${i.id}`, children: [new TextRun({ text: textOf(i.children), style: 'Hyperlink', bold })] })]
            : runs(i.children, bold);
        case 'xref':
          return [
            new InternalHyperlink({ anchor: i.target, children: [new TextRun({ text: i.title, style: 'Hyperlink', bold })] }),
            new TextRun({ text: ` (page${NBSP}` }),
            new TextRun({ children: [new PageReference(i.target)] }),
            new TextRun({ text: ')' }),
          ];
      }
    });

  const para = (xs: Inline[], opts: Record<string, unknown> = {}) => new Paragraph({ children: runs(xs), ...opts });
  const plain = (text: string, opts: Record<string, unknown> = {}) => new Paragraph({ children: [new TextRun({ text, bold: opts.bold as boolean | undefined })], ...opts });

  const heading = (text: string, lvl: number, id?: string) =>
    new Paragraph({ heading: HEADINGS[Math.min(lvl, 5) - 1], keepNext: true, children: id ? [new Bookmark({ id, children: [new TextRun(text)] })] : [new TextRun(text)] });

  const cell = (xs: Inline[], header: boolean) =>
    new TableCell({
      children: [new Paragraph({ children: runs(xs.length ? xs : [{ type: 'text', text: '–' }], header), keepLines: true })],
      shading: header ? { type: ShadingType.CLEAR, fill: 'EEF3F8', color: 'auto' } : undefined,
    });

  const table = (caption: string, columns: Inline[][], rows: Inline[][][], headed: boolean) => {
    const { columns: cols, rows: body, rowHeaders } = fitTable(columns, rows, headed, p.maxTableColumns);
    return [
      plain(caption, { style: 'Caption', keepNext: true }),
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, cantSplit: true, children: cols.map((c) => cell(c, true)) }),
          ...body.map((r) => new TableRow({ cantSplit: true, children: r.map((c, j) => cell(c, rowHeaders && j === 0)) })),
        ],
      }),
      new Paragraph({ children: [], spacing: { after: 0 } }),
    ];
  };

  const listItems = (items: Block[][], reference: string, instance?: number): (Paragraph | Table | TableOfContents)[] =>
    items.flatMap((item) =>
      item.flatMap((b, i) => {
        if (b.type === 'paragraph') return [new Paragraph({ children: runs(b.inlines), ...(i === 0 ? { numbering: { reference, level: 0, ...(instance !== undefined ? { instance } : {}) } } : { indent: { left: 720 } }), spacing: { after: 80 } })];
        return block(b);
      }),
    );

  const block = (b: Block): (Paragraph | Table | TableOfContents)[] => {
    switch (b.type) {
      case 'heading':
        level = b.level;
        return [heading(b.text, b.level, b.id)];
      case 'paragraph':
        return [para(b.inlines)];
      case 'note':
        return [para([{ type: 'text', text: 'Note: ', bold: true }, ...b.inlines])];
      case 'pageBreak':
        return [new Paragraph({ children: [new PageBreak()] })];
      case 'pictureRow': {
        // A borderless two-column row: picture left (with alt text), its text right.
        const px = Math.round((p.picture * 96) / 72);
        const picture = b.picture.symbol
          ? new ImageRun({ type: 'svg', data: Buffer.from(symbolSvg(b.picture.symbol)), fallback: { type: 'png', data: solidPng(64) }, transformation: { width: px, height: px }, altText: { name: b.picture.symbol, title: b.picture.alt, description: b.picture.alt } })
          : new ImageRun({ type: b.picture.image!.mime === 'image/png' ? 'png' : 'jpg', data: b.picture.image!.data, transformation: { width: px, height: px }, altText: { name: 'picture', title: b.picture.alt, description: b.picture.alt } });
        const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
        const borders = { top: none, bottom: none, left: none, right: none };
        return [
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: { ...borders, insideHorizontal: none, insideVertical: none },
            rows: [
              new TableRow({
                cantSplit: true,
                children: [
                  new TableCell({ width: { size: 30, type: WidthType.PERCENTAGE }, borders, children: [new Paragraph({ children: [picture] })] }),
                  new TableCell({ width: { size: 70, type: WidthType.PERCENTAGE }, borders, children: b.blocks.flatMap(block) as Paragraph[] }),
                ],
              }),
            ],
          }),
        ];
      }
      case 'list':
        if (b.labels) {
          // Printed labels (a), m) …) are content, kept as written with a hanging indent.
          return b.items.flatMap((item, n) =>
            item.flatMap((x, i) =>
              x.type === 'paragraph'
                ? [new Paragraph({ children: [...(i === 0 ? [new TextRun(`${b.labels![n]}\t`)] : []), ...runs(x.inlines)], indent: { left: 720, hanging: 720 }, tabStops: [{ type: TabStopType.LEFT, position: 720 }], spacing: { after: 80 } })]
                : block(x),
            ),
          );
        }
        if (b.style === 'ordered') return listItems(b.items, 'ordered', ++listInstance);
        return listItems(b.items, b.style === 'check' ? 'check' : 'bullet');
      case 'table':
        return [
          ...table(b.caption, b.columns, b.rows, b.rowHeaders),
          ...(b.note ? [para([{ type: 'text', text: 'Note: ', bold: true }, ...b.note])] : []),
          ...(b.source ? [plain(`Source: ${b.source}`)] : []),
        ];
      case 'keyFacts':
        return [
          ...(b.title ? [heading(b.title, level + 1)] : []),
          ...b.facts.map((f) => {
            const extra = [f.period, f.comparison, f.source && `Source: ${f.source}`].filter(Boolean).join('. ');
            return new Paragraph({
              style: 'KeyFact',
              children: [new TextRun({ text: f.value, bold: true, size: half(p.keyFact), color: ACCENT }), new TextRun(` ${f.label}${extra ? ` (${extra})` : ''}`)],
            });
          }),
        ];
      case 'comparisons':
        return table(
          b.title ?? 'Before and after',
          [[{ type: 'text', text: 'Measure' }], [{ type: 'text', text: 'Before' }], [{ type: 'text', text: 'After' }]],
          b.items.map((c) => [[{ type: 'text', text: c.label + (c.note ? ` (${c.note})` : '') }], [{ type: 'text', text: `${c.before.value} in ${c.before.period}` }], [{ type: 'text', text: `${c.after.value} in ${c.after.period}` }]]),
          true,
        );
      case 'quote': {
        const paras = b.blocks.filter((x) => x.type === 'paragraph') as Extract<Block, { type: 'paragraph' }>[];
        return [
          ...paras.map((x, i) => para([{ type: 'text', text: i === 0 ? '“' : '' }, ...x.inlines, { type: 'text', text: i === paras.length - 1 ? '”' : '' }], { style: 'Quote' })),
          ...(b.by ? [plain(`– ${b.by}`, { style: 'Quote', bold: true })] : []),
        ];
      }
      case 'box': {
        const label = b.kind === 'story' ? 'Case study' : undefined;
        const title = b.title ? (label ? `${label}: ${b.title}` : b.title) : label;
        const saved = level;
        const out = [...(title ? [heading(title, level + 1)] : [])];
        level = level + 1;
        out.push(...(b.blocks.flatMap(block) as Paragraph[]));
        level = saved;
        if (b.note) out.push(para([{ type: 'text', text: 'Note: ', bold: true }, ...b.note]));
        return out;
      }
      case 'figure': {
        const w = Math.min(500, b.image.width);
        const h = Math.round((b.image.height / b.image.width) * w);
        return [
          new Paragraph({
            children: [new ImageRun({ type: b.image.mime === 'image/png' ? 'png' : 'jpg', data: b.image.data, transformation: { width: w, height: h }, altText: { name: 'figure', title: b.caption ?? 'Picture', description: b.alt } })],
          }),
          ...(b.caption ? [plain(b.caption, { style: 'Caption' })] : []),
        ];
      }
      case 'chart': {
        const c = b.chart;
        const size = 220;
        const png = chartPng(c, size);
        const rows = chartRows(c);
        const total = chartTotal(c);
        return [
          new Paragraph({
            children: [
              new ImageRun({
                type: 'svg',
                data: Buffer.from(chartSvg(c, size)),
                fallback: { type: 'png', data: png.data },
                transformation: { width: png.width, height: png.height },
                altText: { name: c.id, title: c.title, description: chartAlt(c) },
              }),
            ],
          }),
          ...table(
            `${c.title} (${c.unit}): the figures`,
            [[{ type: 'text', text: 'Part' }], [{ type: 'text', text: c.unit }], ...(c.kind === 'pie' ? [[{ type: 'text' as const, text: 'Share' }]] : [])],
            rows.map((r) => [[{ type: 'text', text: r.label }], [{ type: 'text', text: r.value }], ...(c.kind === 'pie' ? [[{ type: 'text' as const, text: r.share || '–' }]] : [])]),
            true,
          ),
          ...(total ? [plain(total)] : []),
          ...(c.note ? [para([{ type: 'text', text: 'Note: ', bold: true }, ...c.note])] : []),
          ...(c.source ? [plain(`Source: ${c.source}`)] : []),
        ];
      }
      case 'contact': {
        const c = b.contact;
        const out: (Paragraph | Table | TableOfContents)[] = [plain(c.name, { bold: true, keepNext: true, spacing: { after: 60 } })];
        for (const d of c.description ?? []) out.push(...block(d));
        for (const [label, value] of contactFields(c)) out.push(para([{ type: 'text', text: `${label}: ` }, ...value], { spacing: { after: 60 }, keepNext: true }));
        out.push(new Paragraph({ children: [] }));
        return out;
      }
      case 'glossary':
        return b.entries.flatMap((e) => [
          new Paragraph({ keepNext: true, spacing: { after: 40 }, children: [new Bookmark({ id: `glossary-${e.id}`, children: [new TextRun({ text: e.term, bold: true })] })] }),
          ...(e.definition.flatMap(block) as Paragraph[]),
        ]);
      case 'contents':
        return [
          plain(b.title, { style: 'TOCHeading' }),
          new TableOfContents(b.title, { hyperlink: true, headingStyleRange: '1-1' }),
        ];
    }
  };

  const m = doc.meta;
  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(m.title)] }),
    ...(m.subtitle ? [plain(m.subtitle, { style: 'Subtitle' })] : []),
    plain(m.author, { bold: true }),
    plain(`Published ${longDate(m.published)}${m.reference ? `. Reference ${m.reference}` : ''}`),
    ...doc.blocks.flatMap(block),
  ];

  const headingStyle = (i: number, size: number) => ({
    run: { size: half(size), bold: true, color: ACCENT, font: 'Arial' },
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
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: 'Arial', size: bodySize, language: { value: m.language } }, paragraph: { spacing: { line: Math.round(240 * p.lineHeight), lineRule: LineRuleType.AUTO, after: Math.round(p.body * 12) } } },
        title: { run: { size: half(p.title), bold: true, color: ACCENT, font: 'Arial' }, paragraph: { spacing: { after: 240 } } },
        heading1: headingStyle(0, p.headings[0]),
        heading2: headingStyle(1, p.headings[1]),
        heading3: headingStyle(2, p.headings[2]),
        heading4: headingStyle(3, p.headings[2]),
        heading5: headingStyle(4, p.headings[2]),
        hyperlink: { run: { color: '0B4F9C', underline: {} } },
      },
      paragraphStyles: [
        { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', run: { size: half(p.headings[2]) } },
        { id: 'Caption', name: 'Caption', basedOn: 'Normal', next: 'Normal', run: { bold: true, size: bodySize }, paragraph: { spacing: { after: 80 } } },
        { id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', paragraph: { indent: { left: 567 }, border: { left: { style: BorderStyle.SINGLE, size: 24, color: ACCENT, space: 8 } } } },
        { id: 'KeyFact', name: 'Key fact', basedOn: 'Normal', next: 'Normal', paragraph: { indent: { left: 284 }, border: { left: { style: BorderStyle.SINGLE, size: 24, color: ACCENT, space: 8 } }, spacing: { after: 120 } } },
        { id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Normal', next: 'Normal', run: { size: half(p.headings[0]), bold: true, color: ACCENT } },
      ],
    },
    numbering: {
      config: [
        { reference: 'bullet', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
        // The tick keeps the list's meaning ("achieved"): a screen reader says "check mark".
        { reference: 'check', levels: [{ level: 0, format: LevelFormat.BULLET, text: '✓', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } }, run: { font: 'Segoe UI Symbol', color: '00603A' } } }] },
        { reference: 'ordered', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: p.margin * 20, bottom: p.margin * 20, left: p.margin * 20, right: p.margin * 20 } } },
        footers: {
          default: new Footer({ children: [new Paragraph({ children: [new TextRun({ children: [`${m.title}  |  Page `, PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: half(p.smallest) })] })] }),
        },
        children,
      },
    ],
  });
  return { bytes: packDeterministic(document, m.published) };
}

function textOf(xs: Inline[]): string {
  return xs.map((i) => (i.type === 'text' ? i.text : i.type === 'link' || i.type === 'term' ? textOf(i.children) : i.type === 'xref' ? i.title : ' ')).join('');
}
