// Easy Read language checks (accessible-formats-anchors.md §1), run before rendering on the
// content itself so each problem has its place: a sentence over 15 words is an error; a hard word
// not in the word list, a row over 3 sentences or a percentage without a plain gloss are warnings.
import type { Located } from '../../templates/common/blocks.ts';
import type { EasyReadInput } from '../../templates/easy-read/schema.ts';
import type { Problem } from '../parse/problems.ts';
import { EVERYDAY } from './everyday-words.ts';

export const MAX_WORDS = 15;
export const MAX_SENTENCES = 3;

/** Plain words of Markdown text: no link targets, no emphasis marks. */
export function plain(md: string): string {
  return md
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    // Web and email addresses are not words; the full stop after one still ends its sentence.
    .replace(/\b(?:https?:\/\/|www\.)\S*[^\s.,;:!?)]|[^\s(]+@[^\s]*[^\s.,;:!?)]/g, 'the address')
    .replace(/[*_`#>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function sentences(text: string): string[] {
  // Each list item is its own sentence, whatever its punctuation.
  return text
    .split(/\n\s*(?:[-*+]|\d+[.)])\s+/)
    .flatMap((chunk) => plain(chunk).split(/(?<=[.!?:])\s+(?=[A-Z0-9"“'‘£(])/))
    .map((s) => s.trim())
    .filter(Boolean);
}

export function words(sentence: string): string[] {
  return sentence.match(/[A-Za-z0-9£%'’-]+/g)?.filter((w) => /[A-Za-z0-9]/.test(w)) ?? [];
}

/** An estimate good enough for a warning: vowel groups, less a silent final e. */
export function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length <= 3) return 1;
  const groups = w.replace(/([^aeiouy])ely$/, '$1ly').replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').replace(/^y/, '').match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups?.length ?? 1);
}

/**
 * Words of 3+ syllables that are not everyday words. Capitalised words after the first are names
 * (Kent, Ireland), which the word list need not explain.
 */
export function hardWords(sentence: string): string[] {
  return words(sentence)
    .map((w) => w.replace(/[’']+$/, ''))
    .filter((w, i) => /^[A-Za-z]/.test(w) && !(i > 0 && /^[A-Z]/.test(w)) && syllables(w) >= 3 && !EVERYDAY.has(w.toLowerCase().replace(/[’']s$|s$/, '')) && !EVERYDAY.has(w.toLowerCase()));
}

/** The checks of Easy Read content its schema accepted. */
export function easyReadChecks(d: EasyReadInput): Located[] {
  const out: Located[] = [];
  const explained = new Set<string>();
  for (const w of d.words) {
    const word = w.word.toLowerCase();
    explained.add(word);
    for (const part of words(word)) explained.add(part.toLowerCase());
  }
  const known = (w: string) => {
    const l = w.toLowerCase().replace(/[’']s$/, '');
    return explained.has(l) || explained.has(l.replace(/s$/, '')) || explained.has(l.replace(/es$/, '')) || [...explained].some((e) => e.length > 4 && l.startsWith(e));
  };
  d.sections.forEach((s, si) =>
    s.rows.forEach(({ text }, ri) => {
      const path = ['sections', si, 'rows', ri, 'text'];
      const ss = sentences(text);
      for (const sentence of ss) {
        const n = words(sentence).length;
        if (n > MAX_WORDS) out.push({ path, message: `this sentence has ${n} words; Easy Read sentences have at most ${MAX_WORDS}: "${sentence.slice(0, 60)}…"`, offset: text.indexOf(sentence.split(' ')[0]), rule: 'ER-L02' });
      }
      if (ss.length > MAX_SENTENCES) out.push({ path, message: `this row has ${ss.length} sentences; keep to ${MAX_SENTENCES} or fewer (one idea per row)`, severity: 'warning', rule: 'ER-T15' });
      const hard = [...new Set(ss.flatMap((sentence) => hardWords(sentence).filter((w) => !known(w))))];
      if (hard.length) out.push({ path, message: `hard word${hard.length > 1 ? 's' : ''} not in the word list: ${hard.join(', ')}`, severity: 'warning', rule: 'ER-L09' });
      // ER-T04: bold only for hard words, which the word list explains.
      for (const b of text.matchAll(/\*\*([^*]+)\*\*/g)) {
        const phrase = b[1].trim();
        if (!known(phrase) && !words(phrase).every((w) => known(w))) out.push({ path, message: `"${phrase}" is bold but not in the word list; use bold only for hard words you explain`, severity: 'warning', rule: 'ER-T04' });
      }
      for (const m of plain(text).matchAll(/\d+(?:\.\d+)?%(?!\s*\()/g)) out.push({ path, message: `"${m[0]}" needs a plain gloss, like "${m[0]} (almost all)"`, severity: 'warning', rule: 'ER-L20' });
    }),
  );
  return out;
}

export const WARN_PAGES = 20;
export const MAX_PAGES = 24;

/** Easy Read length (ER-S01): over 20 pages is a warning, over 24 an error. Checked on the laid-out PDF. */
export function easyReadLength(file: string, pages: number): Problem | undefined {
  const at = { file, line: 1, col: 1, path: 'sections' };
  if (pages > MAX_PAGES) return { ...at, severity: 'error', rule: 'ER-S01', message: `the Easy Read document is ${pages} pages; it must be ${MAX_PAGES} or fewer: split it or shorten it` };
  if (pages > WARN_PAGES) return { ...at, severity: 'warning', rule: 'ER-S01', message: `the Easy Read document is ${pages} pages; aim for ${WARN_PAGES} or fewer: use fewer words (about 1,000 is the aim), or split it into two documents` };
  return undefined;
}
