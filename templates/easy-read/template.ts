// Easy Read → document model: title, help note, sections of picture rows, the word list and the
// contact page, each a section a reader can find.
import type { Block, Picture } from '../../src/model/domain.ts';
import { Mapper, buildRegistries, loadPicture, rec, str, arr, type ImageLoader, type Located } from '../common/blocks.ts';
import { para, txt } from '../common/committee.ts';
import { committeeMeta } from '../agenda/template.ts';
import { easyReadChecks } from '../../src/checks/easy-read.ts';

export function easyReadToModel(raw: unknown, loadImage: ImageLoader, symbols: ReadonlySet<string>) {
  const d = rec(raw);
  const problems: Located[] = easyReadChecks(raw);
  const m = new Mapper(buildRegistries(d, loadImage, problems, new Map()));
  const id = str(d.id) ?? '';
  const blocks: Block[] = [];
  const picture = (p: Record<string, unknown>, path: (string | number)[]): Picture => {
    const alt = str(p.alt) ?? '';
    const symbol = str(p.symbol);
    if (symbol) {
      if (!symbols.has(symbol)) problems.push({ path: [...path, 'symbol'], message: `there is no symbol "${symbol}"; choose one listed in docs/easy-read-format.md` });
      return { alt, symbol };
    }
    return { alt, image: loadPicture(loadImage, str(p.file) ?? '', [...path, 'file'], problems) };
  };
  if (d.helpNote) blocks.push({ type: 'pictureRow', picture: { alt: 'A person helping another person to read', symbol: 'friends' }, blocks: [para(txt(str(d.helpNote) ?? '', true))] });
  arr(d.sections).forEach((sRaw, si) => {
    const s = rec(sRaw);
    blocks.push({ type: 'heading', level: 1, id: `${id}-section-${si + 1}`, text: str(s.title) ?? '', at: ['sections', si, 'title'] });
    arr(s.rows).forEach((rRaw, ri) => {
      const r = rec(rRaw);
      const path = ['sections', si, 'rows', ri];
      blocks.push({ type: 'pictureRow', picture: picture(rec(r.picture), [...path, 'picture']), blocks: m.markdown(r.text, [...path, 'text']), at: path });
    });
  });
  const words = arr(d.words).map(rec);
  if (words.length) {
    blocks.push({ type: 'heading', level: 1, id: `${id}-word-list`, text: 'Word list' });
    blocks.push({ type: 'pictureRow', picture: { alt: 'A book of word meanings', symbol: 'book' }, blocks: [para(txt('These are the hard words in this document, and what they mean.'))] });
    // One word a line, not a picture each, so the list stays short (ER-S01).
    blocks.push({ type: 'list', style: 'bullet', items: words.map((w, i) => [para(txt(`${str(w.word)}: `, true), ...m.inline(w.meaning, ['words', i, 'meaning']))]) });
  }
  const c = rec(d.contact);
  blocks.push({ type: 'pageBreak' });
  blocks.push({ type: 'heading', level: 1, id: `${id}-contact`, text: 'Contact us' });
  blocks.push({ type: 'contact', contact: { id: 'contact', name: str(c.name) ?? '', phone: str(c.phone), textRelay: str(c.textRelay), email: str(c.email), web: str(c.web), address: str(c.address) } });
  problems.push(...m.problems);
  const meta = { ...committeeMeta(d, 'easy-read', ['Easy Read']), subtitle: str(d.subtitle) };
  return { model: { meta, blocks }, problems };
}
