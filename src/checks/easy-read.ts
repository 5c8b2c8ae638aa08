// Easy Read language checks (the rules with their sources: docs/easy-read-format.md), run before rendering on the
// content itself so each problem has its place: a sentence over 15 words is an error; a hard word
// not in the word list, a row over 3 sentences or a percentage without a plain gloss are warnings.
import type { Located } from '../../templates/common/blocks.ts';
import type { EasyReadInput } from '../../templates/easy-read/schema.ts';
import type { PathKey, Problem } from '../parse/problems.ts';
import pluralize from 'pluralize';
import { EVERYDAY } from './everyday-words.ts';
import { KNOWN_INITIALS, SHORT_HARD } from './hard-words.ts';

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

/** A row's text as readers meet it: its sentences, and the items of its lists (steps, choices). */
export interface RowText {
  sentences: string[];
  items: string[];
}

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+/;

/** Splits plain text into sentences: at a full stop, question or exclamation mark, or colon before a capital. */
const splitSentences = (t: string) =>
  plain(t)
    .split(/(?<=[.!?:])\s+(?=[A-Z0-9"“'‘£(])/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The sentences of a row, and its list items apart: a list of steps is one idea, each step a short line. */
export function rowText(text: string): RowText {
  const out: RowText = { sentences: [], items: [] };
  let prose: string[] = [];
  const flush = () => {
    out.sentences.push(...splitSentences(prose.join(' ')));
    prose = [];
  };
  for (const line of text.split('\n')) {
    if (LIST_ITEM.test(line)) {
      flush();
      out.items.push(plain(line.replace(LIST_ITEM, '')));
    } else if (/^\s+\S/.test(line) && out.items.length && !prose.length) {
      // An item's continuation line.
      out.items[out.items.length - 1] = plain(`${out.items[out.items.length - 1]} ${line}`);
    } else prose.push(line);
  }
  flush();
  out.items = out.items.filter(Boolean);
  return out;
}

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)';
const DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
/**
 * What a reader reads as one thing, though it is written with spaces or slashes: a phone number
 * ("03000 41 61 61", with a textphone prefix "18001"), a date ("Monday 4 March 2019", "March
 * 2019", "24/08/2017"), a time ("8am", "10.30 am"), a sum of money ("£1.2 million") and a reference
 * ("16/00014", "B1"). Each counts as one word (docs/easy-read-format.md, "Counting words").
 */
const UNITS: RegExp[] = [
  /(?:\+44\s?|\b18001\s)?\b0\d{2,4}(?:[ -]\d{2,6}){1,3}\b/g,
  new RegExp(`\\b(?:${DAY},?\\s)?\\d{1,2}(?:st|nd|rd|th)?\\s${MONTH}(?:,?\\s\\d{4})?\\b`, 'g'),
  new RegExp(`\\b(?:${DAY},?\\s)?${MONTH}\\s\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s\\d{4})?\\b`, 'g'),
  new RegExp(`\\b${MONTH}\\s\\d{4}\\b`, 'g'),
  /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/g,
  /\b\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm)\b/gi,
  /£\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|thousand|bn|m|k)\b)?/gi,
  /\b(?=[A-Za-z]*\d)[A-Za-z0-9]+(?:\/[A-Za-z0-9]+)+\b/g,
];

export function words(sentence: string): string[] {
  return sentence.match(/[A-Za-z0-9£%'’-]+/g)?.filter((w) => /[A-Za-z0-9]/.test(w)) ?? [];
}

/** The words of a sentence as a reader counts them: each phone number, date, time, sum or reference one word. */
export function countedWords(sentence: string): number {
  let t = sentence;
  for (const u of UNITS) t = t.replace(u, ' one ');
  return words(t).length;
}

/** An estimate good enough for a warning: vowel groups, less a silent final e. */
export function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length <= 3) return 1;
  const groups = w.replace(/([^aeiouy])ely$/, '$1ly').replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').replace(/^y/, '').match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups?.length ?? 1);
}

/**
 * Words of 3+ syllables that are not everyday words, and the curated short hard words. Names
 * (Kent, Faversham: see namesIn), which the word list need not explain, are left out.
 */
export function hardWords(sentence: string, names: ReadonlySet<string> = new Set()): string[] {
  const ws = words(sentence).map((w) => w.replace(/[’']+$/, ''));
  return ws.filter((w, i) => {
    if (!/^[A-Za-z]/.test(w)) return false;
    const l = w.toLowerCase();
    if (SHORT_HARD.has(lemma(l))) return true;
    // A name is a name wherever it stands, at a sentence's start too (see namesIn).
    if (/^[A-Z]/.test(w) && (names.has(w) || (i > 0 && syllables(w) < LONG_NAME))) return false;
    return syllables(w) >= 3 && !EVERYDAY.has(lemma(l)) && !EVERYDAY.has(l);
  });
}

/** A capitalised word this long is title-cased jargon ("Multidisciplinary Team Meetings"), not a name. */
const LONG_NAME = 6;

/**
 * The names of a document: capitalised words that stand capitalised inside a sentence somewhere
 * (Faversham, Osborne), or start a sentence with another capitalised word after them ("Osborne
 * Court is …"); not the curated hard words, and not words so long they are title-cased jargon.
 */
export function namesIn(texts: string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts)
    for (const sentence of splitSentences(t)) {
      const ws = words(sentence);
      ws.forEach((w, i) => {
        const named = /^[A-Z][a-z]/.test(w) && (i > 0 || /^[A-Z][a-z]/.test(ws[1] ?? ''));
        if (named && syllables(w) < LONG_NAME && !SHORT_HARD.has(lemma(w))) out.add(w);
      });
    }
  return out;
}

/** A word's dictionary form, for matching it with the word list: plurals as their singular ("families" → "family"). */
export function lemma(word: string): string {
  const l = word.toLowerCase().replace(/[’']s$/, '');
  return l.length > 3 ? pluralize.singular(l) : l;
}

/**
 * Initials in a text (NHS, CCG, GPs, CAMHS) with where each first stands: two or three capitals,
 * or up to six with at most one vowel; a word in capitals for emphasis ("NOTE the outcome") is not.
 */
function initials(text: string): { word: string; at: number }[] {
  const seen = new Map<string, number>();
  for (const m of text.matchAll(/\b([A-Z]{2,6})s?\b/g)) {
    const vowels = (m[1].match(/[AEIOU]/g) ?? []).length;
    if ((m[1].length <= 3 || vowels <= 1) && !seen.has(m[1])) seen.set(m[1], m.index!);
  }
  return [...seen].map(([word, at]) => ({ word, at }));
}

/** Where a word first stands in a Markdown text, as a whole word (for the warning's line and column). */
function offsetOf(text: string, word: string): number | undefined {
  const m = new RegExp(`(?<![A-Za-z])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z])`).exec(text);
  return m?.index;
}

/** The checks of Easy Read content its schema accepted. */
export function easyReadChecks(d: EasyReadInput): Located[] {
  const out: Located[] = [];
  const explained = new Set<string>();
  for (const w of d.words) {
    const word = w.word.toLowerCase();
    explained.add(word);
    explained.add(lemma(word));
    for (const part of words(word)) {
      explained.add(part.toLowerCase());
      explained.add(lemma(part));
    }
  }
  const known = (w: string) => {
    const l = w.toLowerCase().replace(/[’']s$/, '');
    return explained.has(l) || explained.has(lemma(l)) || [...explained].some((e) => e.length > 4 && l.startsWith(e));
  };
  const names = namesIn([...d.sections.flatMap((s) => [s.title, ...s.rows.map((r) => r.text)]), d.subtitle ?? '', ...d.words.map((w) => w.meaning)]);
  /** ER-L09: each hard word of a text that the word list does not explain, at its own place, with the fix. */
  const hardWordsIn = (path: PathKey[], text: string, ss: string[]) => {
    for (const w of new Set(ss.flatMap((sentence) => hardWords(sentence, names).filter((x) => !known(x))))) {
      out.push({ path, offset: offsetOf(text, w), message: `"${w}" is a hard word that is not in the word list; add **${w}** to the word list, or say it in everyday words`, severity: 'warning', rule: 'ER-L09' });
    }
  };
  // Headings, the subtitle and the word list's meanings are read too: their hard words are explained,
  // and a heading or subtitle is as short as a sentence.
  const lines: { path: PathKey[]; text: string; counted: boolean }[] = [
    ...(d.subtitle ? [{ path: ['subtitle'] as PathKey[], text: d.subtitle, counted: true }] : []),
    ...d.sections.map((s, si) => ({ path: ['sections', si, 'title'] as PathKey[], text: s.title, counted: true })),
    ...d.words.map((w, wi) => ({ path: ['words', wi, 'meaning'] as PathKey[], text: w.meaning, counted: false })),
  ];
  for (const { path, text, counted } of lines) {
    for (const sentence of counted ? splitSentences(text) : []) {
      const n = countedWords(sentence);
      if (n > MAX_WORDS) out.push({ path, message: `this has ${n} words; Easy Read keeps a heading or subtitle to sentences of ${MAX_WORDS} words or fewer: "${sentence.slice(0, 60)}…"`, rule: 'ER-L02' });
    }
    hardWordsIn(path, text, splitSentences(text));
  }
  d.sections.forEach((s, si) =>
    s.rows.forEach(({ text }, ri) => {
      const path = ['sections', si, 'rows', ri, 'text'];
      const row = rowText(text);
      // An item may hold more than one sentence ("**Integration**. We will work …"): each is counted.
      const ss = [...row.sentences, ...row.items.flatMap(splitSentences)];
      for (const sentence of ss) {
        const n = countedWords(sentence);
        if (n > MAX_WORDS) out.push({ path, message: `this sentence has ${n} words; Easy Read sentences have at most ${MAX_WORDS}: "${sentence.slice(0, 60)}…"`, offset: text.indexOf(sentence.split(' ')[0]), rule: 'ER-L02' });
      }
      // A list (of steps or choices) is one idea of its row, however many items it has.
      const ideas = row.sentences.length + (row.items.length ? 1 : 0);
      if (ideas > MAX_SENTENCES) out.push({ path, message: `this row has ${row.sentences.length} sentences${row.items.length ? ' and a list' : ''}; keep to ${MAX_SENTENCES} or fewer (one idea per row)`, severity: 'warning', rule: 'ER-T15' });
      hardWordsIn(path, text, ss);
      // ER-L10: initials are explained: in the word list, or spelt out in brackets beside them.
      for (const { word, at } of initials(text)) {
        // A word in capitals that is an everyday word (NOTE) is not initials.
        if (KNOWN_INITIALS.has(word) || known(word) || EVERYDAY.has(word.toLowerCase())) continue;
        const spelt = new RegExp(`${word}s?\\s*\\([^)]{4,}\\)|\\([^)]*\\b${word}\\b[^)]*\\)|[A-Za-z]+[^.()]*\\(${word}s?\\)`).test(text);
        if (!spelt) out.push({ path, offset: at, message: `"${word}" is initials a reader may not know; add ${word} to the word list with what it stands for, or write it out`, severity: 'warning', rule: 'ER-L10' });
      }
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
