// Plain-text writer (PT-01…PT-09): UTF-8, LF, one paragraph per line, numbered and
// underlined headings, "- " lists, tables linearised as "Header: value", charts as data,
// URLs written whole.
import type { Block, DocumentModel, Inline } from '../../model/types.ts';
import { chartRows, chartTotal } from '../common/chart.ts';
import { sectionNumbers } from '../common/numbering.ts';
import { inlineText } from '../../model/walk.ts';
import { longDate } from '../../model/dates.ts';

export function writeText(doc: DocumentModel): Uint8Array {
  const numbers = sectionNumbers(doc.blocks);
  const out: string[] = [];
  const para = (s: string) => out.push(s.trim(), '');

  const inl = (xs: Inline[]): string =>
    xs
      .map((i) => {
        switch (i.type) {
          case 'text':
            return i.text;
          case 'term':
            return inl(i.children);
          case 'xref':
            return `"${i.title}" (section ${numbers.get(i.target) ?? ''})`;
          case 'break':
            return ' ';
          case 'link': {
            const text = inl(i.children);
            const shown = i.href.replace(/^mailto:|^tel:/, '');
            const bare = shown.replace(/^https?:\/\//, '').replace(/\/$/, '');
            return text.includes(bare) ? text : `${text} (${shown})`;
          }
        }
      })
      .join('')
      .replace(/[ \t]+/g, ' ');

  const list = (items: Block[][], marker: (n: number) => string, indent = '') => {
    items.forEach((item, n) => {
      const [first, ...rest] = item;
      const head = first?.type === 'paragraph' ? inl(first.inlines) : '';
      out.push(`${indent}${marker(n)}${head}`.trimEnd());
      for (const b of first?.type === 'paragraph' ? rest : item) {
        if (b.type === 'list') list(b.items, markerFor(b), indent + '  ');
        else if (b.type === 'paragraph') out.push(`${indent}  ${inl(b.inlines)}`);
      }
    });
    if (!indent) out.push('');
  };

  const block = (b: Block) => {
    switch (b.type) {
      case 'heading': {
        const title = numbered(numbers.get(b.id), b.text);
        out.push('', title);
        if (b.level < 3) out.push((b.level === 1 ? '=' : '-').repeat(title.length));
        out.push('');
        break;
      }
      case 'paragraph':
        para(inl(b.inlines));
        break;
      case 'list':
        list(b.items, markerFor(b));
        break;
      case 'pageBreak':
        break;
      case 'pictureRow':
        out.push(`Picture: ${b.picture.alt}.`);
        b.blocks.forEach(block);
        break;
      case 'table': {
        para(`Table: ${b.caption}`);
        const headers = b.columns.map(inl);
        for (const row of b.rows) {
          const cells = row.map(inl);
          const fields = headers.map((h, i) => `${h}: ${cells[i]}`);
          out.push(`- ${b.rowHeaders ? `${cells[0]}. ${fields.slice(1).join('; ')}` : fields.join('; ')}`);
        }
        out.push('');
        if (b.note) para(`Note: ${inl(b.note)}`);
        if (b.source) para(`Source: ${b.source}`);
        para('End of table.');
        break;
      }
      case 'keyFacts':
        if (b.title) para(`Key facts: ${b.title}`);
        for (const f of b.facts) {
          const extra = [f.period, f.comparison, f.source && `source: ${f.source}`].filter(Boolean).join('; ');
          out.push(`- ${f.value} ${f.label}${extra ? ` (${extra})` : ''}`);
        }
        out.push('');
        break;
      case 'comparisons':
        if (b.title) para(b.title);
        for (const c of b.items) out.push(`- ${c.label}: ${c.before.value} in ${c.before.period}, ${c.after.value} in ${c.after.period}${c.note ? ` (${c.note})` : ''}`);
        out.push('');
        break;
      case 'quote': {
        const texts = b.blocks.map((x) => (x.type === 'paragraph' ? inl(x.inlines) : '')).filter(Boolean);
        para(`Quote: “${texts.join(' ')}”${b.by ? ` (${b.by})` : ''}`);
        break;
      }
      case 'box': {
        const label = b.kind === 'story' ? 'Case study' : 'Box';
        para(`${label}${b.title ? `: ${b.title}` : ''}`);
        b.blocks.forEach(block);
        if (b.note) para(`Note: ${inl(b.note)}`);
        para(`End of ${label.toLowerCase()}.`);
        break;
      }
      case 'figure':
        para(`Image: ${b.alt}${b.caption ? ` ${b.caption}` : ''}`);
        break;
      case 'chart': {
        para(`Chart: ${b.chart.title} (${b.chart.unit})`);
        for (const r of chartRows(b.chart)) out.push(`- ${r.label}: ${r.value}${r.share ? ` (${r.share})` : ''}`);
        out.push('');
        const total = chartTotal(b.chart);
        if (total) para(total);
        if (b.chart.note) para(`Note: ${inl(b.chart.note)}`);
        if (b.chart.source) para(`Source: ${b.chart.source}`);
        break;
      }
      case 'contact': {
        const c = b.contact;
        out.push(c.name);
        for (const d of c.description ?? []) if (d.type === 'paragraph') out.push(inl(d.inlines));
        if (c.phone) out.push(`Telephone: ${c.phone}`);
        if (c.textRelay) out.push(`Text Relay: ${c.textRelay}`);
        if (c.email) out.push(`Email: ${c.email}`);
        if (c.web) out.push(`Website: ${c.web}`);
        if (c.hours) out.push(`Opening hours: ${c.hours}`);
        if (c.address) out.push(`Address: ${c.address}`);
        out.push('');
        break;
      }
      case 'glossary':
        for (const e of b.entries) para(`${e.term}: ${e.definition.map((d) => (d.type === 'paragraph' ? inl(d.inlines) : '')).join(' ')}`);
        break;
      case 'note':
        para(`Note: ${inl(b.inlines)}`);
        break;
      case 'contents': {
        para(`${b.title}:`);
        for (const x of doc.blocks) if (x.type === 'heading' && x.level === 1) out.push(`- ${numbered(numbers.get(x.id), x.text)}`);
        out.push('');
        break;
      }
    }
  };

  const m = doc.meta;
  out.push(m.title, '='.repeat(m.title.length), '');
  if (m.subtitle) para(m.subtitle);
  para(`${m.author}. Published ${longDate(m.published)}.`);
  doc.blocks.forEach(block);
  const text = out.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
  return new TextEncoder().encode(text);
}

/** A heading with its section number; headings that print their own ("8. Supporting independence") keep it, once. */
function numbered(num: string | undefined, text: string): string {
  if (!num) return text;
  return new RegExp(`^${num.replace(/\./g, '\\.')}\\.?\\s`).test(text) ? text : `${num} ${text}`;
}

function markerFor(b: Extract<Block, { type: 'list' }>): (n: number) => string {
  return b.labels ? (n) => `${b.labels![n]} ` : listMarker(b.style, b.start);
}

function listMarker(style: 'bullet' | 'check' | 'ordered', start = 1): (n: number) => string {
  if (style === 'ordered') return (n) => `${start + n}. `;
  if (style === 'check') return () => '- Achieved: ';
  return () => '- ';
}


