// An Easy Read document from a Word draft: one idea a row, each row a picture and short text (a
// table of pictures beside text, or a picture before its paragraph); the word list; whom to
// contact, from the "Contact us" section's lines. A row without a picture gets a placeholder symbol.
import type { Draft, DraftBlock, DraftSection } from '../draft.ts';
import type { PictureFile } from '../pictures.ts';
import type { TodoList } from '../todo.ts';
import { TODO_PREFIX, type Common } from '../common.ts';

const CONTACT_TITLE = /^(contact( us)?|get(ting)? in touch|find out more|how to contact us|who to contact)\b/i;
const GLOSSARY_SECTION = /^(glossary|word list|words? (we use|to know)|what (the|these) words mean|hard words)\b/i;
/** A symbol that stands for "something to read" until the author chooses a picture. */
const PLACEHOLDER_SYMBOL = 'info-circle';

export function easyReadContent(c: Common, draft: Draft, pictures: Map<number, PictureFile>, todo: TodoList): Record<string, unknown> {
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
