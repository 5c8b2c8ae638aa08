// A walked draft as the content of one kind: the fields every publication has (title, id,
// organisation, summary, the date and reference the front matter says), then the kind's own
// shape: sections of blocks (Local Account, strategy) or sections of picture rows with a word
// list and a contact (Easy Read). Whatever the draft cannot say gets a placeholder that starts
// "TO DO:" and still validates, and a line in the to-do list naming the field.
import type { BlockInput, SectionInput } from '../../templates/common/schema.ts';
import type { Draft, DraftBlock, DraftSection } from './draft.ts';
import { frontField, type FrontFields } from './front.ts';
import { slug, uniqueId } from './ids.ts';
import type { PictureFile } from './pictures.ts';
import type { TodoList } from './todo.ts';

export interface ImportOptions {
  kind: string;
  /** The organisation's name (from the organisation profile), else a placeholder. */
  organisation?: string;
  /** The publication's id; by default made from the title. */
  id?: string;
}

/** The kinds a Word draft can become, each with what it makes of the draft. */
export const IMPORT_KINDS: Record<string, (c: Common, draft: Draft, pictures: Map<number, PictureFile>, todo: TodoList) => Record<string, unknown>> = {
  'local-account': (c, d, p, t) => sectionsContent('local-account', c, d, p, t),
  strategy: (c, d, p, t) => sectionsContent('strategy', c, d, p, t),
  'easy-read': (c, d, p, t) => easyReadContent(c, d, p, t),
  report: (c, d, p, t) => reportContent(c, d, p, t),
};

/** The kinds whose sections and glossary terms have ids that text can link to ([](#id), glossary:). */
export const linksInside = (kind: string) => kind === 'local-account' || kind === 'strategy';

export const TODO_PREFIX = 'TO DO:';
const MAX_DEPTH = 3; // sections nest at most three levels (docs/content-format.md)

/** The fields every kind has, and the front matter left over as blocks. */
interface Common {
  head: Record<string, unknown>;
  front: DraftBlock[];
}

export function toContent(draft: Draft, pictures: Map<number, PictureFile>, opts: ImportOptions, todo: TodoList): Record<string, unknown> {
  const make = IMPORT_KINDS[opts.kind];
  if (!make) throw new Error(`cannot import as "${opts.kind}"`);
  return make(common(draft, opts, todo), draft, pictures, todo);
}

function common(draft: Draft, opts: ImportOptions, todo: TodoList): Common {
  const front = [...draft.front];
  let title = draft.title;
  if (!title && draft.properties?.title) {
    title = draft.properties.title;
    todo.add(`title: taken from the document's properties (File → Info → Title), “${title}”, as no paragraph is in Word's Title style; check it.`);
  }
  if (!title) {
    // No paragraph in Word's Title style: a short first paragraph is most likely the title.
    const first = front[0];
    if (first?.type === 'text' && first.plain && first.plain.split(' ').length <= 15) {
      title = first.plain;
      front.shift();
      todo.add(`title: taken from the first line, “${title}” (the draft has no paragraph in Word's Title style); check it.`);
    } else {
      title = `${TODO_PREFIX} the publication's title`;
      todo.add(`title: the draft has no title (a paragraph in Word's Title style); write it in title:.`);
    }
  }
  // Without a profile, a line all in bold under the title ("Kent County Council, Adult Social
  // Care") is the organisation and its department, as the project's own Word files print them.
  let organisationName = opts.organisation;
  if (!organisationName) {
    const i = front.findIndex((b) => b.type === 'text' && b.plain && /^\*\*[^*]+\*\*$/.test(b.md) && b.plain.split(' ').length <= 12);
    if (i >= 0) {
      organisationName = (front[i] as { plain: string }).plain.split(', ')[0];
      todo.add(`organisation: “${organisationName}” was taken from the line in bold under the title; check it (the nearest organisation.yaml, when there is one, names it instead).`);
    }
  }
  const fields: FrontFields = {};
  const kept = front.filter((b) => {
    if (b.type !== 'text' || !b.plain) return true;
    const f = frontField(b.plain, organisationName);
    if (!f) return true;
    Object.assign(fields, f);
    return false;
  });
  for (const line of draft.frontLines) Object.assign(fields, frontField(line, organisationName) ?? {});
  const organisation = organisationName ?? `${TODO_PREFIX} the organisation's name`;
  if (!organisationName) todo.add(`organisation: write the organisation's name (it is printed on the cover), or import into a folder whose organisation.yaml names it.`);
  const summary = draft.properties?.description;
  if (summary) todo.add(`summary: taken from the document's properties (File → Info → Comments): check it says in one or two plain sentences what the publication is.`);
  else todo.add(`summary: write one or two plain sentences that say what the publication is (it is the publication's description on the download page and in search results).`);
  if (!fields.published && opts.kind !== 'report') todo.add(`published: the draft does not say when it is published. Add the date (YYYY-MM-DD) when it is, or leave it out; never guess it.`);
  const id = opts.id ?? (slug(title.startsWith(TODO_PREFIX) ? '' : title) || 'imported-publication');
  if (!opts.id) todo.add(`id: "${id}" was made from the title; it names the publication's folder and web address, so change it now if it should be another (lower-case words joined by "-"), not after it is published.`);
  return {
    head: {
      id,
      title,
      ...(draft.subtitle ? { subtitle: draft.subtitle } : {}),
      organisation,
      ...(fields.department ? { department: fields.department } : {}),
      language: 'en-GB',
      ...(fields.published ? { published: fields.published } : {}),
      ...(fields.reference ? { reference: fields.reference } : {}),
      summary: summary ?? `${TODO_PREFIX} one or two plain sentences that say what this publication is.`,
    },
    front: kept,
  };
}

// ---------------------------------------------------------------------------------------------
// Local Account and strategy: sections of blocks, with the registries they name.

function sectionsContent(kind: 'local-account' | 'strategy', c: Common, draft: Draft, pictures: Map<number, PictureFile>, todo: TodoList): Record<string, unknown> {
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

// ---------------------------------------------------------------------------------------------
// Easy Read: one idea a row, each row a picture and short text; the word list; whom to contact.

const CONTACT_TITLE = /^(contact( us)?|get(ting)? in touch|find out more|how to contact us|who to contact)\b/i;
const GLOSSARY_SECTION = /^(glossary|word list|words? (we use|to know)|what (the|these) words mean|hard words)\b/i;
/** A symbol that stands for "something to read" until the author chooses a picture. */
const PLACEHOLDER_SYMBOL = 'info-circle';

function easyReadContent(c: Common, draft: Draft, pictures: Map<number, PictureFile>, todo: TodoList): Record<string, unknown> {
  const picture = (n: number) => {
    const p = pictures.get(n);
    return p?.usable ? { file: p.name, alt: p.alt } : undefined;
  };
  const noPicture = (title: string) => {
    todo.add(`A row in “${title}” has no picture; it has the symbol "${PLACEHOLDER_SYMBOL}" for now. Choose a picture that shows its idea (a symbol from assets/symbols or a picture file) and its alt text.`, 'rows without pictures');
    return { symbol: PLACEHOLDER_SYMBOL, alt: `${TODO_PREFIX} choose a picture for this row` };
  };
  const rowsOf = (title: string, list: DraftBlock[]) => {
    const rows: { picture: Record<string, string> | Record<string, string>[]; text: string }[] = [];
    let waiting: Record<string, string> | undefined; // a picture on its own, for the text after it
    const add = (md: string) => {
      for (const para of md.split(/\n{2,}/)) {
        rows.push({ picture: waiting ?? noPicture(title), text: para });
        waiting = undefined;
      }
    };
    for (const b of list) {
      if (b.type === 'row') {
        // A row of two pictures (a person and a place) keeps both, one above the other.
        const ps = b.numbers.map(picture).filter((p) => p !== undefined);
        if (b.md) rows.push({ picture: ps.length > 1 ? ps : (ps[0] ?? noPicture(title)), text: b.md });
      } else if (b.type === 'picture') {
        waiting = picture(b.number);
      } else if (b.type === 'text' || b.type === 'quote' || b.type === 'note') add(b.md);
      else if (b.type === 'facts') add(b.facts.map((f) => `**${f.value}** ${f.label}`).join('\n\n'));
      else if (b.type === 'table') {
        todo.add(`A table in “${title}” was made into rows of text: Easy Read has no tables. Check each row reads as a sentence.`, 'tables in Easy Read');
        add([...(b.columns ? [b.columns.join(', ')] : []), ...b.rows.map((r) => r.filter(Boolean).join(', '))].join('\n\n'));
      }
    }
    return rows;
  };

  let helpNote: string | undefined;
  let contact: Record<string, string> | undefined;
  const sections: { title: string; rows: ReturnType<typeof rowsOf> }[] = [];
  // The first row before any heading saying the reader may need help is the help note.
  const front = c.front.filter((b) => {
    const md = b.type === 'row' || b.type === 'text' ? b.md : '';
    if (!helpNote && /\bhelp with this\b/i.test(md)) {
      helpNote = md.replace(/\*\*/g, '');
      return false;
    }
    return true;
  });
  const frontRows = rowsOf('Introduction', front);
  if (frontRows.length) {
    sections.push({ title: 'Introduction', rows: frontRows });
    todo.add('The text before the first heading is in a section called “Introduction” now; give it its own heading, or move it where it belongs.');
  }
  const visit = (s: DraftSection) => {
    if (CONTACT_TITLE.test(s.title) && !contact) {
      contact = contactOf(s, todo);
      return;
    }
    if (GLOSSARY_SECTION.test(s.title) && draft.glossary.length && s.blocks.every((b) => b.type === 'glossary')) return;
    const rows = rowsOf(s.title, s.blocks.filter((b) => b.type !== 'glossary'));
    if (rows.length) sections.push({ title: s.title, rows });
    else if (!s.sections.length) todo.add(`The heading “${s.title}” has no text under it; it was left out.`, 'empty sections');
    if (s.sections.length) todo.add(`Easy Read has one level of headings: the headings under “${s.title}” are sections of their own now. Check they read in order.`, 'nested headings');
    s.sections.forEach(visit);
  };
  draft.sections.forEach(visit);
  if (!sections.length) {
    sections.push({ title: `${TODO_PREFIX} a heading`, rows: [{ picture: noPicture('the document'), text: `${TODO_PREFIX} the draft had no text.` }] });
    todo.add('The draft has no text to make rows of.');
  }
  if (!contact) {
    contact = { name: `${TODO_PREFIX} who to contact` };
    todo.add('contact: the draft has no “Contact us” section; write whom to contact (name, phone, email) in contact:.');
  }
  return {
    kind: 'easy-read',
    ...c.head,
    ...(helpNote ? { helpNote } : {}),
    sections,
    words: draft.glossary.map((g) => ({ word: g.term, meaning: g.definition || `${TODO_PREFIX} what “${g.term}” means` })),
    contact,
  };
}

/** "Telephone: …", "Email: …" lines of a contact section, and the name in bold above them. */
function contactOf(s: DraftSection, todo: TodoList): Record<string, string> {
  const contact: Record<string, string> = {};
  const left: string[] = [];
  const lines = s.blocks.flatMap((b) => (b.type === 'text' || b.type === 'row' ? b.md.split(/\n{2,}/) : []));
  const plain = (md: string) => md.replace(/\*\*/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\\([\\`*_[\]<>~|#+.-])/g, '$1').trim();
  for (const md of lines) {
    const text = plain(md);
    const m = /^(telephone|phone|tel|text relay|textphone|email|e-mail|website|web|address)\s*:\s*(.+)$/i.exec(text);
    const field = m && { telephone: 'phone', phone: 'phone', tel: 'phone', 'text relay': 'textRelay', textphone: 'textRelay', email: 'email', 'e-mail': 'email', website: 'web', web: 'web', address: 'address' }[m[1].toLowerCase()];
    if (m && field && !contact[field]) {
      let value = m[2].trim();
      if (field === 'web' && !/^https?:\/\//i.test(value)) value = `https://${value}`;
      const valid = field === 'email' ? /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) : field === 'web' ? /^https?:\/\/[^\s]+\.[^\s]+$/.test(value) : true;
      if (valid) contact[field] = value;
      else left.push(text);
    } else if (!contact.name && /^\*\*[^*]+\*\*$/.test(md.trim())) contact.name = text;
    else left.push(text);
  }
  if (!contact.name) {
    contact.name = `${TODO_PREFIX} who to contact`;
    todo.add(`contact: the “${s.title}” section names no one in bold; write whom to contact in contact.name.`);
  }
  if (left.length) todo.add(`contact: these lines of “${s.title}” were not read as contact details and are not imported: ${left.map((l) => `“${l.slice(0, 60)}”`).join('; ')}.`);
  return contact;
}

// ---------------------------------------------------------------------------------------------
// A report to committee: the cover fields, summary and recommendations, numbered sections of
// paragraphs, background documents and appendices. Pictures have no place in a report.

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

function reportContent(c: Common, draft: Draft, pictures: Map<number, PictureFile>, todo: TodoList): Record<string, unknown> {
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
