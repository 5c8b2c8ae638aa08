// Characters refused in content, because they are invisible, break the output files or can make
// text display in a different order from how it is stored ("Trojan Source", CVE-2021-42574).
// The rules, and why body text is allowed more than titles and ids, are in docs/reliability.md.
import type { PathKey } from './problems.ts';

interface Rule {
  test: RegExp;
  what: string;
}

/** A character as Unicode writes it: U+202E. */
export const codePointName = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Refused in every text field: they break PDF and Word files or reorder text invisibly. */
const EVERYWHERE: Rule[] = [
  // Tab, line feed and carriage return are ordinary white space.
  { test: /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u, what: 'an invisible control character' },
  { test: /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/, what: 'half of a character (a lone surrogate)' },
  { test: /[\u202a-\u202e]/u, what: 'a bidirectional embedding or override, which makes text display in a different order from how it is stored' },
  { test: /[\ufdd0-\ufdef\ufffe\uffff]|[\u{1fffe}\u{1ffff}\u{2fffe}\u{2ffff}\u{3fffe}\u{3ffff}\u{4fffe}\u{4ffff}\u{5fffe}\u{5ffff}\u{6fffe}\u{6ffff}\u{7fffe}\u{7ffff}\u{8fffe}\u{8ffff}\u{9fffe}\u{9ffff}\u{afffe}\u{affff}\u{bfffe}\u{bffff}\u{cfffe}\u{cffff}\u{dfffe}\u{dffff}\u{efffe}\u{effff}\u{ffffe}\u{fffff}\u{10fffe}\u{10ffff}]/u, what: 'a character that is not text (a Unicode noncharacter)' },
];

/** Refused also in titles and ids, which become headings, file names, links and page titles. */
const TITLE_ONLY: Rule[] = [
  { test: /[\u2066-\u2069]/u, what: 'a bidirectional isolate, which changes the order in which the title displays' },
  // Zero-width joiner and non-joiner (U+200C, U+200D) are kept: some scripts need them.
  { test: /[\u200b\u2060\ufeff\u180e]/u, what: 'an invisible zero-width space' },
  // Invisible or blank-looking: a title made of them looks empty, or like another title.
  { test: /[\u00ad\u034f\u2061-\u2064\u115f\u1160\u3164\uffa0]/u, what: 'an invisible character (a soft hyphen, joiner, operator or filler)' },
  { test: /[\u2028\u2029]/u, what: 'a line or paragraph separator, which breaks the title over two lines' },
];

/** Fields that name the publication or its parts. */
const TITLE_FIELDS = new Set(['id', 'title', 'subtitle', 'term', 'kind']);

export interface CharacterProblem {
  path: PathKey[];
  /** Character offset inside the text. */
  offset: number;
  message: string;
}

/** Every refused character in the parsed data (keys and values), one problem a field. */
export function checkCharacters(data: unknown): CharacterProblem[] {
  const problems: CharacterProblem[] = [];
  const stack: { value: unknown; path: PathKey[] }[] = [{ value: data, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const field = [...path].reverse().find((k) => typeof k === 'string');
      const rules = typeof field === 'string' && TITLE_FIELDS.has(field) ? [...EVERYWHERE, ...TITLE_ONLY] : EVERYWHERE;
      const found = firstMatch(value, rules) ?? firstMatch(referencedCharacters(value), rules, value);
      if (found) problems.push({ path, offset: found.offset, message: `contains ${found.rule.what} (${codePointName(found.char)}) at character ${found.offset + 1}; delete it (such characters often come with text copied from another program)` });
      else {
        const shape = textShape(value);
        if (shape) problems.push({ path, offset: shape.offset, message: shape.message });
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const found = firstMatch(k, [...EVERYWHERE, ...TITLE_ONLY]);
        if (found) problems.push({ path: [...path, k], offset: 0, message: `the field name contains ${found.rule.what} (${codePointName(found.char)}); retype the field name` });
        else stack.push({ value: v, path: [...path, k] });
      }
    }
  }
  return problems;
}

function firstMatch(s: string, rules: Rule[], original?: string): { rule: Rule; offset: number; char: string } | undefined {
  let best: { rule: Rule; offset: number; char: string } | undefined;
  for (const rule of rules) {
    const m = rule.test.exec(s);
    if (m && (!best || m.index < best.offset)) best = { rule, offset: m.index, char: m[0] };
  }
  // Found in a character reference: say where the reference is in the text as written.
  if (best && original) best.offset = Math.max(0, original.indexOf('&#'));
  return best;
}

/**
 * The characters Markdown's numeric references (`&#x202E;`, `&#0;`) stand for, which Markdown
 * decodes after these checks would see the text: a hidden override must not come in that way.
 */
function referencedCharacters(s: string): string {
  if (!s.includes('&#')) return '';
  let out = '';
  for (const m of s.matchAll(/&#(?:x([0-9a-f]{1,6})|([0-9]{1,7}));/gi)) {
    const cp = m[1] ? parseInt(m[1], 16) : Number(m[2]);
    out += cp === 0 || cp > 0x10ffff ? '\u0000' : String.fromCodePoint(cp);
  }
  return out;
}

/** Markdown that no publication needs and that the layout cannot bound: very deep quotes or lists, endless words. */
export const TEXT_SHAPE = { quoteOrListDepth: 16, wordLength: 400 } as const;

function textShape(s: string): { offset: number; message: string } | undefined {
  let offset = 0;
  for (const line of s.split('\n')) {
    const markers = /^(?:\s*(?:>|[-*+]|\d{1,9}[.)])(?=\s|$))+/.exec(line)?.[0].match(/>|[-*+]|\d+[.)]/g)?.length ?? 0;
    // Lists nest by indentation too: each level is at least two columns further in.
    const indented = /^( *)(?:[-*+]|\d{1,9}[.)])\s/.exec(line)?.[1].length ?? 0;
    if (markers > TEXT_SHAPE.quoteOrListDepth || indented > 4 * TEXT_SHAPE.quoteOrListDepth) return { offset, message: `quotes or lists are nested more than ${TEXT_SHAPE.quoteOrListDepth} deep here; no publication needs that many: use fewer ">" or list markers` };
    offset += line.length + 1;
  }
  // A word that cannot be broken over lines; the address of a link is not laid out, so it does not count.
  const laidOut = s.replace(/\]\([^)\s]*\)/g, '](x)');
  const long = new RegExp(`\\S{${TEXT_SHAPE.wordLength + 1},}`).exec(laidOut);
  if (long) return { offset: long.index, message: `has a run of ${long[0].length} characters without a space; no word is that long: add spaces, or put a long web address in a link, [like this](https://example.gov.uk/…)` };
  return undefined;
}
