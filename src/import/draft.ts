// mammoth's HTML of a Word draft, walked into a draft: the title and front matter, a tree of
// sections from the headings, and in each the blocks any kind can use (Markdown text, tables,
// pictures, key facts, quotes). Which of these a kind keeps, and where, is to-content.ts's; what
// a person must check is said here, where the draft shows it.
import { fromHtml } from 'hast-util-from-html';
import type { Element, ElementContent, RootContent } from 'hast';
import { allBold, escapeText, isElement, paragraphMarkdown, plainText, squash, type InlineContext } from './markdown.ts';
import { tableOf } from './tables.ts';
import type { TodoList } from './todo.ts';
import { uniqueId } from './ids.ts';

export type DraftBlock =
  /** `plain` is a front-matter paragraph's text, which the kind may read as a field (a date). */
  | { type: 'text'; md: string; plain?: string }
  | { type: 'quote'; md: string }
  /** A footnote or endnote, numbered as Word numbered its mark ("[1] …"). */
  | { type: 'note'; md: string }
  | { type: 'table'; caption?: string; columns?: string[]; rows: string[][]; rowHeaders?: boolean }
  | { type: 'picture'; number: number; caption?: string }
  /** Pictures beside their text: a table of two columns, one or two pictures in the first (Easy Read's rows). */
  | { type: 'row'; numbers: number[]; md: string }
  | { type: 'facts'; facts: { value: string; label: string }[] }
  | { type: 'glossary' };

export interface DraftSection {
  id: string;
  title: string;
  /** The heading's level in Word (1 for Heading 1). */
  level: number;
  blocks: DraftBlock[];
  sections: DraftSection[];
}

export interface Draft {
  title?: string;
  subtitle?: string;
  /** Front matter's author and date lines (pandoc's), as plain text. */
  frontLines: string[];
  /** What comes before the first heading, other than the title and subtitle. */
  front: DraftBlock[];
  sections: DraftSection[];
  glossary: { id: string; term: string; definition: string }[];
  /** Word's document properties (File → Info): a title and description, when the author gave them. */
  properties?: { title?: string; description?: string };
}

const HEADING = /^h([1-6])$/;
const GLOSSARY_TITLE = /^(glossary|word list|words? (we use|to know)|what (the|these) words mean|hard words|jargon buster)\b/i;
// Every publication prints whom to ask for another format, from the organisation profile.
const OTHER_FORMATS_TITLE = /^(other|alternative) formats\b/i;
/** A figure as printed on its own: "34,641", "57.5%", "£1.62 billion". */
export const FIGURE = /^[£$€]?\d[\d,.]*\s*(%|k|m|bn|million|billion|thousand)?$/i;

const anchorsIn = (n: ElementContent | RootContent): string[] =>
  n.type !== 'element' ? [] : [...(typeof n.properties.id === 'string' ? [n.properties.id] : []), ...n.children.flatMap(anchorsIn)];

const classOf = (e: Element) => (Array.isArray(e.properties.className) ? e.properties.className.map(String) : []);

/** The leading bold run of a paragraph, when it is a figure: "**34,641** people …". */
function leadingFigure(e: Element): { value: string; rest: ElementContent[] } | undefined {
  const kids = e.children.filter((c) => !(c.type === 'text' && !c.value.trim()) && !(isElement(c, 'a') && !c.properties.href && !plainText(c)));
  const first = kids[0];
  if (!isElement(first, 'strong', 'b')) return undefined;
  const value = squash(plainText(first));
  if (!FIGURE.test(value)) return undefined;
  return { value, rest: kids.slice(1) };
}

/**
 * `links`: whether the kind can hold cross-references to sections and glossary terms (Easy Read
 * and reports cannot: there, links inside the document are plain text).
 */
export function walkDraft(html: string, todo: TodoList, links = true): Draft {
  const root = fromHtml(html, { fragment: true });
  const draft: Draft = { frontLines: [], front: [], sections: [], glossary: [] };
  const nodes = withHeadings(root.children.filter((n): n is Element => n.type === 'element'), todo);

  // First pass: the sections' ids and the glossary's terms, so links can point forwards.
  const sectionIds = new Set<string>();
  const anchors = new Map<string, { section: string; title: string } | { term: string }>();
  const headingIds = new Map<Element, string>();
  const glossaryTerms = new Map<Element, string>();
  {
    let inGlossary = 0;
    let skipped = 0; // the level of the section left out (Other formats): nothing in it is a target
    nodes.forEach((n, i) => {
      const h = HEADING.exec(n.tagName);
      if (h) {
        const level = Number(h[1]);
        const title = squash(plainText(n));
        if (inGlossary && level <= inGlossary) inGlossary = 0;
        if (skipped && level > skipped) return;
        skipped = OTHER_FORMATS_TITLE.test(title) ? level : 0;
        if (skipped) return;
        const own = anchorsIn(n).find((a) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(a) && a.length <= 60 && !sectionIds.has(a));
        const id = own ?? uniqueId(title || 'section', sectionIds);
        sectionIds.add(id);
        headingIds.set(n, id);
        for (const a of anchorsIn(n)) anchors.set(a, { section: id, title });
        if (GLOSSARY_TITLE.test(title)) inGlossary = level;
        return;
      }
      // A glossary entry: a paragraph all in bold (the term) followed by one that is not.
      const next = nodes[i + 1];
      if (inGlossary && n.tagName === 'p' && allBold(n) && next?.tagName === 'p' && !allBold(next) && squash(plainText(next))) {
        const term = squash(plainText(n));
        const fromAnchor = anchorsIn(n).map((a) => a.replace(/^glossary-/, '')).find((a) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(a));
        const id = uniqueId(fromAnchor ?? term, new Set(draft.glossary.map((g) => g.id)));
        draft.glossary.push({ id, term, definition: '' });
        glossaryTerms.set(n, id);
        for (const a of anchorsIn(n)) anchors.set(a, { term: id });
      }
    });
  }

  const stack: DraftSection[] = [];
  let skipping = 0; // the level of a section left out (Other formats), 0 when none
  let glossaryLevel = 0;
  let pendingCaption: string | undefined;
  let pendingTerm: string | undefined;
  const current = () => stack[stack.length - 1];
  const blocks = () => current()?.blocks ?? draft.front;
  const where = () => (current() ? `in “${current()!.title}”` : 'before the first heading');

  const ctx: InlineContext = {
    internal(anchor, text) {
      const to = anchors.get(anchor);
      if (!to) return undefined;
      if (!links) return escapeText(text);
      if ('term' in to) return `[${escapeText(text)}](glossary:${to.term})`;
      if (text.toLowerCase() === to.title.toLowerCase()) return `[](#${to.section})`;
      todo.add(`The link "${text}" (${where()}) to the heading “${to.title}” is plain text now: a cross-reference prints the heading's own title. Write [](#${to.section}) where it should refer to it.`, 'links to headings');
      return escapeText(text);
    },
    todo: (line) => todo.add(line, line.startsWith('Italics') ? 'italics' : line.startsWith('The link') ? 'links' : undefined),
    where,
  };

  /** Adds Markdown text, joined to the text block just before it (one block of paragraphs). */
  const addText = (md: string, plain?: string) => {
    if (!md) return;
    const list = blocks();
    // Before the first heading each paragraph stays its own, for the kind to read as a field.
    if (!current()) return void list.push({ type: 'text', md, plain });
    const last = list[list.length - 1];
    if (last?.type === 'text') last.md += `\n\n${md}`;
    else list.push({ type: 'text', md });
  };

  const visit = (n: Element): void => {
    const h = HEADING.exec(n.tagName);
    if (h) {
      const level = Number(h[1]);
      const title = squash(plainText(n));
      if (skipping && level > skipping) return;
      skipping = 0;
      if (glossaryLevel && level <= glossaryLevel) glossaryLevel = 0;
      pendingCaption = undefined;
      if (!title) {
        todo.add(`An empty heading (Heading ${level}, ${where()}) was left out.`);
        return;
      }
      if (OTHER_FORMATS_TITLE.test(title)) {
        skipping = level;
        todo.add(`The section “${title}” was left out: every publication says how to ask for another format, from the organisation profile (organisation.yaml). To name this publication's own contact for it, add it to contacts: and set alternativeFormats: to its id.`);
        return;
      }
      while (stack.length && current()!.level >= level) stack.pop();
      const parentLevel = current()?.level ?? 0;
      if (level > parentLevel + 1) {
        const above = parentLevel ? `a Heading ${parentLevel} (“${current()!.title}”)` : 'the start of the document';
        todo.add(`Heading levels are skipped: “${title}” is a Heading ${level} straight after ${above}. It was imported one level down; check that is where it belongs, and use the next heading level in Word.`);
      }
      const section: DraftSection = { id: headingIds.get(n)!, title, level, blocks: [], sections: [] };
      (current()?.sections ?? draft.sections).push(section);
      stack.push(section);
      if (GLOSSARY_TITLE.test(title) && draft.glossary.length) {
        glossaryLevel = level;
        section.blocks.push({ type: 'glossary' });
      }
      return;
    }
    if (skipping) return;

    if (n.tagName === 'p') {
      const cls = classOf(n);
      const text = squash(plainText(n));
      const pictures = collectPictures(n);
      for (const number of pictures) blocks().push({ type: 'picture', number });
      if (!text) return;
      const md = paragraphMarkdown(withoutPictures(n).children, ctx);
      if (!current() && cls.includes('title') && draft.title === undefined) {
        draft.title = text;
        return;
      }
      if (!current() && cls.includes('subtitle') && draft.subtitle === undefined) {
        draft.subtitle = text;
        return;
      }
      if (!current() && (cls.includes('author') || cls.includes('date'))) {
        draft.frontLines.push(text);
        return;
      }
      if (glossaryLevel && glossaryTerms.has(n)) {
        pendingTerm = glossaryTerms.get(n);
        return;
      }
      if (glossaryLevel && pendingTerm) {
        draft.glossary.find((g) => g.id === pendingTerm)!.definition = md;
        pendingTerm = undefined;
        return;
      }
      if (cls.includes('caption')) {
        const list = blocks();
        const last = list[list.length - 1];
        if (last?.type === 'picture' && !last.caption) last.caption = text;
        else pendingCaption = text;
        return;
      }
      if (cls.includes('key-fact')) {
        const lead = leadingFigure(n);
        const value = lead?.value ?? text.split(' ')[0];
        const label = lead ? squash(plainText({ type: 'element', tagName: 'span', properties: {}, children: lead.rest })) : text.slice(value.length).trim();
        const list = blocks();
        const last = list[list.length - 1];
        const fact = { value, label: label || value };
        if (last?.type === 'facts') last.facts.push(fact);
        else list.push({ type: 'facts', facts: [fact] });
        return;
      }
      if (pendingCaption) {
        addText(escapeText(pendingCaption));
        pendingCaption = undefined;
      }
      if (leadingFigure(n) && current()) {
        todo.add(`“${text.slice(0, 70)}${text.length > 70 ? '…' : ''}” (${where()}) looks like a key fact: make it a fact (facts:) shown in a keyFacts block, so it is set out as a key figure in every format.`, 'key facts');
      }
      addText(md, text);
      return;
    }
    if (n.tagName === 'ol' && isNoteList(n)) {
      // mammoth puts the footnotes and endnotes at the end, a numbered list of notes.
      let i = 0;
      for (const li of n.children) {
        if (!isElement(li, 'li')) return;
        const md = li.children.filter((c): c is Element => isElement(c)).map((p) => paragraphMarkdown(p.children, ctx)).filter(Boolean).join(' ');
        if (md) blocks().push({ type: 'note', md: `\\[${++i}\\] ${md}` });
      }
      if (i) todo.add(`The draft's ${i} footnote(s) are notes at the end of ${current() ? `“${current()!.title}”` : 'the document'} now, each with its number ([1] …) as in the text. Move each note to the section its mark is in, or write it into the text.`);
      return;
    }
    if (n.tagName === 'ul' || n.tagName === 'ol') {
      const terms = inGlossaryList(n, ctx);
      if (terms && (glossaryLevel || GLOSSARY_TITLE.test(current()?.title ?? ''))) {
        const taken = new Set(draft.glossary.map((g) => g.id));
        for (const t of terms) draft.glossary.push({ id: uniqueId(t.term, taken), ...t });
        if (!blocks().some((b) => b.type === 'glossary')) blocks().push({ type: 'glossary' });
        return;
      }
      for (const number of collectPictures(n)) blocks().push({ type: 'picture', number });
      addText(listMarkdown(n, ctx, 0));
      return;
    }
    if (n.tagName === 'blockquote') {
      const md = n.children.filter((c): c is Element => isElement(c)).map((p) => paragraphMarkdown(p.children, ctx)).filter(Boolean).join('\n\n');
      if (md) blocks().push({ type: 'quote', md });
      return;
    }
    if (n.tagName === 'table') {
      const rows = layoutRows(n, ctx);
      if (rows) {
        blocks().push(...rows);
        return;
      }
      const cells = cellsOf(n);
      if (cells.length === 1) {
        // A table of one cell is a box drawn round text, not data: its text is the text.
        todo.add(`Text in a box (a table of one cell, ${where()}) is ordinary text now; if it should stand out, make it a box or panel block.`, 'boxes');
        cells[0].children.forEach((c) => c.type === 'element' && visit(c));
        return;
      }
      for (const number of collectPictures(n)) {
        blocks().push({ type: 'picture', number });
        todo.add(`picture-${number} was inside a table (${where()}); it is imported after the table. Check where it belongs.`);
      }
      const table = tableOf(n, ctx, todo, where);
      if (table) {
        if (pendingCaption) table.caption = pendingCaption;
        pendingCaption = undefined;
        blocks().push(table);
      }
      return;
    }
    // Anything else mammoth gives (a stray element) keeps its words as text.
    const md = paragraphMarkdown(n.children, ctx);
    if (md) addText(md);
  };
  nodes.forEach(visit);
  if (pendingCaption) addText(escapeText(pendingCaption));
  return draft;
}

/**
 * A table used to set pictures beside text (every row a cell with only a picture, then a cell
 * of text), as Easy Read drafts are laid out: its rows, or undefined for a table of data.
 */
function layoutRows(table: Element, ctx: InlineContext): DraftBlock[] | undefined {
  const trs: Element[] = [];
  const find = (e: Element) => e.children.forEach((c) => c.type === 'element' && (c.tagName === 'tr' ? trs.push(c) : find(c)));
  find(table);
  const rows: DraftBlock[] = [];
  for (const tr of trs) {
    const cells = tr.children.filter((c): c is Element => isElement(c, 'td', 'th'));
    if (cells.length !== 2) return undefined;
    const pictures = collectPictures(cells[0]);
    if (pictures.length < 1 || pictures.length > 2 || squash(plainText(cells[0]))) return undefined;
    const md = cells[1].children
      .filter((c): c is Element => isElement(c))
      .map((p) => (p.tagName === 'ul' || p.tagName === 'ol' ? listMarkdown(p, ctx, 0) : paragraphMarkdown(withoutPictures(p).children, ctx)))
      .filter(Boolean)
      .join('\n\n');
    rows.push({ type: 'row', numbers: pictures, md });
  }
  return rows.length ? rows : undefined;
}

/** The list of footnotes or endnotes mammoth puts at the end: items with ids footnote-N. */
function isNoteList(list: Element): boolean {
  const items = list.children.filter((c): c is Element => isElement(c, 'li'));
  return items.length > 0 && items.every((li) => /^(foot|end)note-\d+$/.test(String(li.properties.id ?? '')));
}

/** A word list written as a list, "**Word:** what it means" in each item: its entries. */
function inGlossaryList(list: Element, ctx: InlineContext): { term: string; definition: string }[] | undefined {
  const out: { term: string; definition: string }[] = [];
  for (const li of list.children) {
    if (li.type !== 'element' || li.tagName !== 'li') continue;
    const kids = li.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
    const first = kids[0];
    if (!isElement(first, 'strong', 'b')) return undefined;
    const term = squash(plainText(first)).replace(/\s*[:–—-]\s*$/, '');
    const definition = paragraphMarkdown(kids.slice(1), ctx).replace(/^[:–—-]\s*/, '');
    if (!term || !definition) return undefined;
    out.push({ term, definition });
  }
  return out.length ? out : undefined;
}

/** A line in bold on its own, short and without a full stop: how drafts without styles mark headings. */
function looksLikeHeading(e: Element, next: Element | undefined): boolean {
  if (e.tagName !== 'p' || classOf(e).length || !allBold(e) || collectPictures(e).length) return false;
  const text = squash(plainText(e));
  return text.split(' ').length <= 12 && !/[.:;,]$/.test(text) && !!next && next.tagName !== 'table' && !HEADING.test(next.tagName);
}

/**
 * A draft with no Heading styles at all marks its headings in bold: those lines become headings
 * (the to-do list says so), so the draft has sections rather than one long introduction.
 */
function withHeadings(nodes: Element[], todo: TodoList): Element[] {
  if (nodes.some((n) => HEADING.test(n.tagName))) return nodes;
  const taken: string[] = [];
  const out = nodes.map((n, i) => {
    if (!looksLikeHeading(n, nodes[i + 1])) return n;
    taken.push(squash(plainText(n)));
    return { ...n, tagName: 'h1' };
  });
  if (taken.length) todo.add(`The draft uses no Heading styles, so ${taken.length} line(s) in bold on their own were taken as headings (${taken.slice(0, 4).map((t) => `“${t}”`).join(', ')}${taken.length > 4 ? ', …' : ''}). Check them; in Word, use Heading 1 and Heading 2 for headings.`);
  return out;
}

/** Every cell of a table, in order. */
function cellsOf(table: Element): Element[] {
  const out: Element[] = [];
  const find = (e: Element) => e.children.forEach((c) => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th' ? out.push(c) : c.tagName !== 'table' && find(c)));
  find(table);
  return out;
}

/** The numbers of the pictures inside a node, in order. */
function collectPictures(n: ElementContent): number[] {
  if (n.type !== 'element') return [];
  if (n.tagName === 'img') {
    const m = /^picture:(\d+)$/.exec(String(n.properties.src ?? ''));
    return m ? [Number(m[1])] : [];
  }
  return n.children.flatMap(collectPictures);
}

function withoutPictures(e: Element): Element {
  const kept = e.children.filter((c: ElementContent) => !(c.type === 'element' && c.tagName === 'img'));
  return { ...e, children: kept.map((c) => (c.type === 'element' ? withoutPictures(c) : c)) };
}

/** A Word list as Markdown: "- " or "1. " items, nested lists indented under their item. */
function listMarkdown(list: Element, ctx: InlineContext, indent: number): string {
  const ordered = list.tagName === 'ol';
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let i = 0;
  for (const li of list.children) {
    if (!isElement(li, 'li')) continue;
    i++;
    const marker = ordered ? `${i}. ` : '- ';
    const inline: ElementContent[] = [];
    const nested: Element[] = [];
    for (const c of li.children) {
      if (c.type === 'element' && (c.tagName === 'ul' || c.tagName === 'ol')) nested.push(c);
      else if (c.type === 'element' && c.tagName === 'p') inline.push({ type: 'text', value: ' ' }, ...c.children);
      else inline.push(c);
    }
    const text = paragraphMarkdown(withoutPictures({ type: 'element', tagName: 'span', properties: {}, children: inline }).children, ctx).replace(/\n/g, `\n${pad}${' '.repeat(marker.length)}`);
    if (text || nested.length) lines.push(`${pad}${marker}${text}`);
    for (const sub of nested) lines.push(listMarkdown(sub, ctx, indent + marker.length));
  }
  return lines.join('\n');
}
