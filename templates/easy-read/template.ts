// Easy Read → document model: title, help note, sections of picture rows, the word list and the
// contact page, each a section a reader can find.
import type { z } from 'zod';
import type { Block, DocumentMeta, Picture } from '../../src/model/domain.ts';
import { Mapper, buildRegistries, loadPicture, type ImageLoader, type Located } from '../common/blocks.ts';
import { para, txt } from '../common/committee.ts';
import { publishedMeta } from '../common/schema.ts';
import { easyReadChecks } from '../../src/checks/easy-read.ts';
import type { EasyReadInput, PictureInput } from './schema.ts';

// Easy Read has rows and sections, not sub-headings, tables or figures: the advice says what it has.
const ADVICE = {
  heading: 'a row cannot have a heading; start a new section (a new "- title:" under sections) for a new heading',
  table: 'Easy Read has no tables; give each line of the table a row of its own, or write it as a short list ("- Monday: 8am to 8pm")',
  image: 'a picture cannot go inside the text; give it a row of its own, with "picture:" and its alt text',
};

export function easyReadToModel(d: EasyReadInput, loadImage: ImageLoader, symbols: ReadonlySet<string>) {
  const problems: Located[] = easyReadChecks(d);
  // Easy Read stores no facts, contacts, glossary, charts or pictures by id: the registries are empty.
  const registries = buildRegistries({}, loadImage, problems, new Map());
  const m = new Mapper({ ...registries, md: { ...registries.md, advice: ADVICE } });
  const id = d.id;
  const blocks: Block[] = [];
  const picture = (p: z.infer<typeof PictureInput>, path: (string | number)[]): Picture => {
    if (p.symbol) {
      if (!symbols.has(p.symbol)) problems.push({ path: [...path, 'symbol'], message: `there is no symbol "${p.symbol}"; choose one listed in docs/easy-read-format.md` });
      return { alt: p.alt, symbol: p.symbol };
    }
    // Not a symbol, so a file: the schema's refine says a picture is one or the other, which its type cannot.
    return { alt: p.alt, image: p.file === undefined ? undefined : loadPicture(loadImage, p.file, [...path, 'file'], problems) };
  };
  if (d.helpNote) blocks.push({ type: 'pictureRow', pictures: [{ alt: 'A person helping another person to read', symbol: 'friends' }], blocks: [para(txt(d.helpNote, true))] });
  d.sections.forEach((s, si) => {
    blocks.push({ type: 'heading', level: 1, id: `${id}-section-${si + 1}`, text: s.title, at: ['sections', si, 'title'] });
    s.rows.forEach((r, ri) => {
      const path = ['sections', si, 'rows', ri];
      const pictures = Array.isArray(r.picture) ? r.picture.map((p, i) => picture(p, [...path, 'picture', i])) : [picture(r.picture, [...path, 'picture'])];
      blocks.push({ type: 'pictureRow', pictures, blocks: m.markdown(r.text, [...path, 'text']), at: path });
    });
  });
  if (d.words.length) {
    blocks.push({ type: 'heading', level: 1, id: `${id}-word-list`, text: 'Word list' });
    blocks.push({ type: 'pictureRow', pictures: [{ alt: 'A book of word meanings', symbol: 'book' }], blocks: [para(txt('These are the hard words in this document, and what they mean.'))] });
    // One word a line, not a picture each, so the list stays short (ER-S01).
    blocks.push({ type: 'list', style: 'bullet', items: d.words.map((w, i) => [para(txt(`${w.word}: `, true), ...m.inline(w.meaning, ['words', i, 'meaning']))]) });
  }
  const c = d.contact;
  blocks.push({ type: 'pageBreak' });
  blocks.push({ type: 'heading', level: 1, id: `${id}-contact`, text: 'Contact us' });
  const contact: Block = { type: 'contact', contact: { id: 'contact', name: c.name, phone: c.phone, textphone: c.textphone, textRelay: c.textRelay, email: c.email, web: c.web, hours: c.hours, address: c.address } };
  blocks.push(c.picture ? { type: 'pictureRow', pictures: [picture(c.picture, ['contact', 'picture'])], blocks: [contact] } : contact);
  problems.push(...m.problems);
  const meta: DocumentMeta = {
    id: d.id,
    kind: 'easy-read',
    title: d.title,
    ...(d.subtitle ? { subtitle: d.subtitle } : {}),
    author: d.organisation,
    subject: d.summary,
    language: d.language,
    ...publishedMeta(d.published),
    keywords: ['Easy Read'],
  };
  return { model: { meta, blocks }, problems };
}
