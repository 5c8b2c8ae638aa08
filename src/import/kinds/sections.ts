// A Local Account or strategy from a Word draft: sections of blocks (text, tables, figures, key
// facts, quotes, notes, the glossary) three levels deep, with the registries they name (facts,
// images, glossary terms); the text before the first heading becomes an Introduction.
import type { BlockInput, SectionInput } from '../../../templates/common/schema.ts';
import type { Draft, DraftBlock, DraftSection } from '../draft.ts';
import type { PictureFile } from '../pictures.ts';
import type { TodoList } from '../todo.ts';
import { TODO_PREFIX, type Common } from '../common.ts';
import { uniqueId } from '../ids.ts';

const MAX_DEPTH = 3; // sections nest at most three levels (docs/content-format.md)

export function sectionsContent(kind: 'local-account' | 'strategy', c: Common, draft: Draft, pictures: Map<number, PictureFile>, todo: TodoList): Record<string, unknown> {
  const facts: { id: string; value: string; label: string }[] = [];
  const factIds = new Set<string>();
  const images: { id: string; file: string; alt: string }[] = [];
  const sectionIds = new Set<string>();
  collectIds(draft.sections, sectionIds);

  const figure = (n: number, caption?: string): BlockInput[] => {
    const p = pictures.get(n);
    if (!p?.usable) return [];
    const id = `picture-${n}`;
    if (!images.some((i) => i.id === id)) images.push({ id, file: p.name, alt: p.alt });
    return [{ figure: { image: id, ...(caption ? { caption } : {}) } }];
  };
  const blocksOf = (list: DraftBlock[]): BlockInput[] =>
    list.flatMap((b): BlockInput[] => {
      switch (b.type) {
        case 'text':
          return [{ text: b.md }];
        case 'quote':
          return [{ quote: { text: b.md } }];
        case 'note':
          return [{ note: b.md }];
        case 'table':
          return [{ table: { ...(b.caption ? { caption: b.caption } : {}), ...(b.columns ? { columns: b.columns } : {}), rows: b.rows, ...(b.rowHeaders ? { rowHeaders: true } : {}) } }];
        case 'picture':
          return figure(b.number, b.caption);
        case 'row':
          return [...b.numbers.flatMap((n) => figure(n)), ...(b.md ? [{ text: b.md }] : [])];
        case 'facts': {
          const ids = b.facts.map((f) => {
            // A fact printed twice is one fact, stored once and named twice.
            const same = facts.find((x) => x.value === f.value && x.label === f.label);
            if (same) return same.id;
            const id = uniqueId(f.label.split(/\s+/).slice(0, 6).join(' '), factIds, 'fact');
            facts.push({ id, value: f.value, label: f.label });
            return id;
          });
          return [{ keyFacts: { facts: ids } }];
        }
        case 'glossary':
          return [{ glossary: 'all' }];
      }
    });
  /** Joins text blocks that now stand together (a heading flattened between them). */
  const tidy = (list: BlockInput[]): BlockInput[] =>
    list.reduce<BlockInput[]>((out, b) => {
      const last = out[out.length - 1];
      if (b.text !== undefined && last?.text !== undefined) last.text += `\n\n${b.text}`;
      else out.push(b);
      return out;
    }, []);
  const flatten = (s: DraftSection): DraftBlock[] => [{ type: 'text', md: `**${s.title.replace(/([*_[\]\\])/g, '\\$1')}**` }, ...s.blocks, ...s.sections.flatMap(flatten)];
  const section = (s: DraftSection, depth: number): SectionInput => {
    let own = s.blocks;
    let subs = s.sections;
    if (depth === MAX_DEPTH && subs.length) {
      for (const sub of subs) todo.add(`The heading “${sub.title}” is a fourth level of headings; sections nest three deep, so it is bold text in “${s.title}” now. Make it a section higher up, or leave it as it is.`, 'headings too deep');
      own = [...own, ...subs.flatMap(flatten)];
      subs = [];
    }
    const blocks = tidy(blocksOf(own));
    if (blocks.some((b) => b.text && /^(telephone|phone|tel|email|e-mail|text relay)\s*:/im.test(b.text))) {
      todo.add(`“${s.title}” gives contact details as text ("Telephone: …"); make each a contact (contacts:, shown with a contact block), so every format sets them out the same and phone numbers and emails can be followed.`, 'contact details as text');
    }
    const sections = subs.map((x) => section(x, depth + 1));
    if (!blocks.length && !sections.length) todo.add(`The section “${s.title}” has nothing under its heading; write its text or remove it.`, 'empty sections');
    return { id: s.id, title: s.title, ...(blocks.length || !sections.length ? { blocks } : {}), ...(sections.length ? { sections } : {}) };
  };

  const sections = draft.sections.map((s) => section(s, 1));
  const frontBlocks = tidy(blocksOf(c.front));
  if (frontBlocks.length) {
    const id = uniqueId('introduction', sectionIds);
    sections.unshift({ id, title: 'Introduction', blocks: frontBlocks });
    todo.add(`The text before the first heading is in a section called “Introduction” now (id ${id}); give it its own heading, or move it where it belongs.`);
  }
  if (!sections.length) {
    sections.push({ id: 'main', title: `${TODO_PREFIX} a heading`, blocks: [{ text: `${TODO_PREFIX} the draft had no text.` }] });
    todo.add('The draft has no headings or text; a placeholder section was made. Use Word\'s Heading 1 and Heading 2 styles for the sections.');
  } else if (!draft.sections.length) {
    todo.add('The draft has no headings in Word\'s Heading styles, so it is all one section. Use Heading 1 for each section and Heading 2 for the parts within it.');
  }
  if (facts.length) todo.add(`facts: ${facts.length} key fact(s) were read from paragraphs in the "Key fact" style; check each figure's value and label (and add its period or source).`);
  if (draft.glossary.length) todo.add(`glossary: ${draft.glossary.length} term(s) were read from the glossary; check their ids, and link the words in the text that the glossary explains ([word](glossary:id)).`);
  const period = kind === 'local-account' ? 'period: say what time the Local Account reports on ("April 2016 to March 2017"), unless the title or subtitle says it.' : 'period: say what time the strategy covers ("2016 to 2021"), unless the title or subtitle says it.';
  todo.add(period);
  return {
    kind,
    ...c.head,
    signatories: [],
    facts,
    contacts: [],
    glossary: draft.glossary.map((g) => ({ id: g.id, term: g.term, definition: g.definition || `${TODO_PREFIX} what “${g.term}” means` })),
    charts: [],
    images,
    sections,
  };
}

function collectIds(sections: DraftSection[], into: Set<string>): void {
  for (const s of sections) {
    into.add(s.id);
    collectIds(s.sections, into);
  }
}
