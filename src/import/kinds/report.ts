// A report to committee from a Word draft: the cover fields (From, To, Subject, Classification,
// pathways), summary and recommendations, numbered sections of paragraphs, background documents
// and appendices. Pictures have no place in a report: the to-do list names them.
import type { BlockInput } from '../../../templates/common/schema.ts';
import type { Draft, DraftBlock, DraftSection } from '../draft.ts';
import type { PictureFile } from '../pictures.ts';
import type { TodoList } from '../todo.ts';
import { TODO_PREFIX, type Common } from '../common.ts';

const COVER_FIELDS: [RegExp, string][] = [
  [/^from$/i, 'from'],
  [/^to$/i, 'to'],
  [/^subject$/i, 'subject'],
  [/^(decision (number|no\.?)|key decision( no\.?)?)$/i, 'decision'],
  [/^classification$/i, 'classification'],
  [/^past pathway( of (the )?paper)?$/i, 'pastPathway'],
  [/^future pathway( of (the )?paper)?$/i, 'futurePathway'],
  [/^electoral divisions?( affected)?$/i, 'divisions'],
];

/** "**From** Graham Gibbens, Cabinet Member" or "From: …": the cover field and its value. */
function coverField(md: string, plain: string): [string, string] | undefined {
  const m = /^\*\*([^*]+?):?\*\*:?\s+([\s\S]+)$/.exec(md) ?? /^([A-Za-z ]+?):\s+([\s\S]+)$/.exec(plain);
  if (!m) return undefined;
  const field = COVER_FIELDS.find(([re]) => re.test(m[1].trim()))?.[1];
  return field ? [field, plain.slice(plain.length - squashed(m[2]).length).trim() || squashed(m[2])] : undefined;
}
const squashed = (s: string) => s.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();

/** A section's Markdown split into paragraphs (and lists, each one piece). */
const pieces = (md: string) => md.split(/\n{2,}/).filter(Boolean);

export function reportContent(c: Common, draft: Draft, pictures: Map<number, PictureFile>, todo: TodoList): Record<string, unknown> {
  const cover: Record<string, unknown> = {};
  const front = c.front.filter((b) => {
    if (b.type !== 'text' || !b.plain) return true;
    const f = coverField(b.md, b.plain);
    if (!f) return true;
    const [field, value] = f;
    if (field === 'from') cover.from = value.split(/\s*;\s*/).map((p) => (/,/.test(p) ? { name: p.slice(0, p.indexOf(',')).trim(), role: p.slice(p.indexOf(',') + 1).trim() } : { name: p }));
    else if (field === 'pastPathway' || field === 'futurePathway') cover[field] = value.split(/\s*;\s*/).filter(Boolean);
    else cover[field] = value;
    return false;
  });
  const head = { ...c.head } as Record<string, unknown>;
  // The "Organisation, Committee" line under the title names the committee.
  const committee = head.department as string | undefined;
  delete head.department;
  delete head.subtitle;
  if (!committee) todo.add('committee: write the name of the committee the report goes to.');
  const placeholder = (field: string, what: string) => {
    if (cover[field] !== undefined) return;
    cover[field] = field === 'from' ? [{ name: `${TODO_PREFIX} ${what}` }] : `${TODO_PREFIX} ${what}`;
    todo.add(`${field}: the draft does not say ${what}; write it in ${field}:.`);
  };
  placeholder('from', 'who the report is from');
  placeholder('to', 'who the report is to');
  placeholder('subject', 'the subject');
  placeholder('classification', 'its classification (Unrestricted, or why it is exempt)');
  if (!head.published) todo.add('published: a report must say the date it is published (YYYY-MM-DD); it cannot be published without it.');

  const noPicture = (b: DraftBlock) => {
    const numbers = b.type === 'picture' ? [b.number] : b.type === 'row' ? b.numbers : [];
    for (const p of numbers.map((n) => pictures.get(n))) if (p) todo.add(`${p.name} has no place in a report to committee (reports carry text and tables); it was written beside the content but not used. Put it in an appendix the council publishes separately, or describe it in words.`, 'pictures in a report');
  };
  const tableOf = (b: Extract<DraftBlock, { type: 'table' }>, where: string) => {
    let columns = b.columns;
    let rows = b.rows;
    if (!columns) {
      [columns, ...rows] = [b.rows[0].map((x) => x || '(blank)'), ...b.rows.slice(1)];
      todo.add(`A table in “${where}” has no header row in Word; its first row is the header row now. Check it (in Word, Table Design → Header Row).`, 'report tables');
    }
    if (!b.caption) todo.add(`A table in “${where}” has no caption; a report's tables need one: write what it shows in caption:.`, 'report tables');
    return { caption: b.caption ?? `${TODO_PREFIX} say what this table shows`, columns, rows: rows.length ? rows : [columns.map(() => '')], ...(b.rowHeaders ? { rowHeaders: true } : {}) };
  };
  const textOf = (s: DraftSection) => s.blocks.flatMap((b) => (b.type === 'text' || b.type === 'quote' || b.type === 'note' ? [b.md] : [])).join('\n\n');
  let numbered = false;
  const paragraphsOf = (blocks: DraftBlock[], where: string, number?: string) => {
    const out: Record<string, unknown>[] = [];
    let n = 0;
    for (const b of blocks) {
      if (b.type === 'table') out.push({ table: tableOf(b, where) });
      else if (b.type === 'text' || b.type === 'quote' || b.type === 'note') {
        for (const piece of pieces(b.md)) {
          // Word numbers paragraphs with its own list numbering: each item is a paragraph, numbered
          // after its section as Word showed it ("1.1", "1.2").
          const items = /^1\. /.test(piece) && number ? piece.split(/\n(?=\d+\. )/) : undefined;
          if (items) {
            numbered = true;
            for (const item of items) out.push({ number: `${number!.replace(/\.$/, '')}.${++n}`, text: item.replace(/^\d+\. /, '').replace(/\n {3}/g, '\n') });
          } else if (/^- /.test(piece) && out.length && typeof out[out.length - 1].text === 'string') out[out.length - 1].text += `\n\n${piece}`;
          else out.push({ text: piece });
        }
      } else if (b.type === 'facts') for (const f of b.facts) out.push({ text: `**${f.value}** ${f.label}` });
      else noPicture(b);
    }
    return out;
  };
  const blocksOf = (blocks: DraftBlock[], where: string): BlockInput[] =>
    blocks.flatMap((b): BlockInput[] => {
      if (b.type === 'text') return [{ text: b.md }];
      if (b.type === 'quote') return [{ quote: { text: b.md } }];
      if (b.type === 'note') return [{ note: b.md }];
      if (b.type === 'table') return [{ table: tableOf(b, where) }];
      if (b.type === 'facts') return b.facts.map((f) => ({ text: `**${f.value}** ${f.label}` }));
      noPicture(b);
      return [];
    });

  let summaryText: string | undefined;
  let recommendations: Record<string, unknown> | undefined;
  const sections: Record<string, unknown>[] = [];
  const backgroundDocuments: { title: string; url?: string }[] = [];
  const appendices: Record<string, unknown>[] = [];
  const visit = (s: DraftSection) => {
    const num = /^(\d+(?:\.\d+)*\.?)\s+(.+)$/.exec(s.title);
    const title = num ? num[2] : s.title;
    const appendix = /^(appendix\s+[\w.]+)\s*[:.–—-]?\s*(.*)$/i.exec(s.title);
    if (/^(executive )?summary$/i.test(title) && summaryText === undefined) summaryText = textOf(s);
    else if (/^recommendations?$/i.test(title) && !recommendations) recommendations = { text: textOf(s) };
    else if (/^background (documents|papers)$/i.test(title)) {
      for (const piece of pieces(textOf(s)))
        for (const line of piece.split('\n')) {
          const url = /\]\((https?:\/\/[^)\s]+)\)/.exec(line)?.[1];
          const t = squashed(line.replace(/^(- |\d+\. )/, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\\(.)/g, '$1')).replace(/:?\s*https?:\/\/\S+$/, '');
          if (t && !/^none$/i.test(t)) backgroundDocuments.push({ title: t, ...(url ? { url } : {}) });
        }
    } else if (appendix) {
      const blocks = [...blocksOf(s.blocks, s.title), ...s.sections.flatMap((x) => [{ text: `**${x.title}**` }, ...blocksOf(x.blocks, x.title)])];
      appendices.push({ label: appendix[1], title: appendix[2] || appendix[1], blocks: blocks.length ? blocks : [{ text: `${TODO_PREFIX} the appendix's text` }] });
      if (/decision/i.test(s.title)) todo.add(`${appendix[1]} looks like a record of decision; it is text for now. Write it as recordOfDecision: (docs/committee-format.md) so it prints in the council's form, with its questions and labels.`);
      return;
    } else {
      // Sub-headings are titled paragraphs, holding the paragraphs under them, however deep.
      const titled = (x: DraftSection): Record<string, unknown> => ({ title: x.title, paragraphs: [...paragraphsOf(x.blocks, x.title), ...x.sections.map(titled)] });
      const paragraphs = [...paragraphsOf(s.blocks, s.title, num?.[1]), ...s.sections.map(titled)];
      sections.push({ ...(num ? { number: num[1] } : {}), title, paragraphs });
      return;
    }
    for (const x of s.sections) visit(x);
  };
  draft.sections.forEach(visit);
  if (numbered) todo.add('Paragraph numbers were Word\'s automatic numbering, which the import cannot read; they were numbered after their section (1.1, 1.2 …). Check each against the draft.');
  if (summaryText === undefined || !summaryText) {
    summaryText = `${TODO_PREFIX} the report's summary`;
    todo.add('summaryText: the draft has no “Summary” section; write the summary in summaryText:.');
  }
  if (front.length) sections.unshift({ title: 'Introduction', paragraphs: paragraphsOf(front, 'Introduction') });
  return {
    kind: 'report',
    ...head,
    committee: committee ?? `${TODO_PREFIX} the committee's name`,
    ...cover,
    summaryText,
    ...(recommendations ? { recommendations } : {}),
    sections,
    backgroundDocuments,
    appendices,
  };
}
