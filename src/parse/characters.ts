// Characters refused in content, because they are invisible, break the output files or can make
// text display in a different order from how it is stored ("Trojan Source", CVE-2021-42574).
// The rules, and why body text is allowed more than titles and ids, are in docs/reliability.md.
import type { PathKey } from './problems.ts';

interface Rule {
  test: RegExp;
  what: string;
}

const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Refused in every text field: they break PDF and Word files or reorder text invisibly. */
const EVERYWHERE: Rule[] = [
  // Tab, line feed and carriage return are ordinary white space.
  { test: /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u, what: 'an invisible control character' },
  { test: /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/, what: 'half of a character (a lone surrogate)' },
  { test: /[\u202a-\u202e]/u, what: 'a bidirectional embedding or override, which makes text display in a different order from how it is stored' },
  { test: /[\ufffe\uffff]/u, what: 'a character that is not text (a Unicode noncharacter)' },
];

/** Refused also in titles and ids, which become headings, file names, links and page titles. */
const TITLE_ONLY: Rule[] = [
  { test: /[\u2066-\u2069]/u, what: 'a bidirectional isolate, which changes the order in which the title displays' },
  // Zero-width joiner and non-joiner (U+200C, U+200D) are kept: some scripts need them.
  { test: /[\u200b\u2060\ufeff\u180e]/u, what: 'an invisible zero-width space' },
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
      const found = firstMatch(value, rules);
      if (found) problems.push({ path, offset: found.offset, message: `contains ${found.rule.what} (${hex(found.char)}) at character ${found.offset + 1}; delete it (such characters often come with text copied from another program)` });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const found = firstMatch(k, [...EVERYWHERE, ...TITLE_ONLY]);
        if (found) problems.push({ path: [...path, k], offset: 0, message: `the field name contains ${found.rule.what} (${hex(found.char)}); retype the field name` });
        else stack.push({ value: v, path: [...path, k] });
      }
    }
  }
  return problems;
}

function firstMatch(s: string, rules: Rule[]): { rule: Rule; offset: number; char: string } | undefined {
  let best: { rule: Rule; offset: number; char: string } | undefined;
  for (const rule of rules) {
    const m = rule.test.exec(s);
    if (m && (!best || m.index < best.offset)) best = { rule, offset: m.index, char: m[0] };
  }
  return best;
}
