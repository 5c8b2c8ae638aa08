// Decision-number templates: a council writes how its numbers look ("YY/NNNNN": Y a digit of the
// year, N a digit, anything else as written, text in single quotes as written even Y and N) and
// this compiles it into a matcher. Uploads never
// give a regular expression: a template can only say "a digit here, this character there", so it
// cannot be slow (no backtracking: one pass, one character per position) or match more than it
// says. See docs/decisions/0009-organisation-profile.md.

/** The characters a template may write as themselves, besides the placeholders Y and N. */
const LITERAL = /^[A-Za-z0-9/\-. _:]$/;
const MAX_LENGTH = 32;

export interface NumberTemplate {
  template: string;
  /** Whether a number is written as the template says, whole (no more, no less). */
  matches(number: string): boolean;
  /** A number written by the template, for messages ("16/00123"). */
  example: string;
}

/** One position of a number: a digit of the year, any digit, or a character as written. */
type Slot = { year: true } | { digit: true } | { literal: string };

const isDigit = (c: string) => c >= '0' && c <= '9';

/**
 * A template's positions. Y and N are placeholders; text between single quotes is as written, so
 * the letters Y and N themselves can be written ("'ND'-YYYY-NNN" is "ND-2016-123").
 */
function slots(template: string): Slot[] | string {
  const out: Slot[] = [];
  let quoted = false;
  for (const c of template) {
    if (c === "'") quoted = !quoted;
    else if (!LITERAL.test(c)) return `"${template}" has the character "${c}", which a template cannot hold; use Y, N, letters, digits, spaces and / - . _ : (and single quotes around letters meant as themselves)`;
    else if (!quoted && c === 'Y') out.push({ year: true });
    else if (!quoted && c === 'N') out.push({ digit: true });
    else out.push({ literal: c });
  }
  if (quoted) return `"${template}" opens a quote it does not close; put a single quote after the letters meant as themselves`;
  return out;
}

/** Why a template cannot be used, in plain English with the fix; undefined if it can. */
export function templateProblem(template: string): string | undefined {
  if (template.length === 0) return 'a decision-number template must not be empty; write it like "YY/NNNNN"';
  if (template.length > MAX_LENGTH) return `a decision-number template may have at most ${MAX_LENGTH} characters`;
  const parsed = slots(template);
  if (typeof parsed === 'string') return parsed;
  if (!parsed.some((s) => !('literal' in s))) return `"${template}" has no Y or N, so it matches only itself; write Y for each digit of the year and N for each other digit, like "YY/NNNNN"`;
  if (template !== template.trim()) return `"${template}" starts or ends with a space; remove it`;
  return undefined;
}

/** Compiles a template; throws on one templateProblem refuses (the schema checks them first). */
export function compileNumberTemplate(template: string): NumberTemplate {
  const problem = templateProblem(template);
  const parsed = slots(template);
  if (problem || typeof parsed === 'string') throw new Error(problem ?? String(parsed));
  const yCount = parsed.filter((s) => 'year' in s).length;
  const nCount = parsed.filter((s) => 'digit' in s).length;
  const year = '2016'.padStart(yCount, '0').slice(-yCount);
  const serial = '123'.padStart(nCount, '0').slice(-nCount);
  let y = 0;
  let n = 0;
  const example = parsed.map((s) => ('year' in s ? year[y++] : 'digit' in s ? serial[n++] : s.literal)).join('');
  return {
    template,
    example,
    matches(number: string) {
      const got = [...number];
      if (got.length !== parsed.length) return false;
      return parsed.every((s, i) => ('literal' in s ? got[i] === s.literal : isDigit(got[i])));
    },
  };
}
/** Whether a number fits any of the organisation's templates. */
export function matchesAny(templates: readonly string[], number: string): boolean {
  return templates.some((t) => compileNumberTemplate(t).matches(number));
}

/** "16/00123" or "16/00123 or ND-2016-123": examples of every template, for messages. */
export function examplesOf(templates: readonly string[]): string {
  const ex = templates.map((t) => `"${compileNumberTemplate(t).example}"`);
  return ex.length <= 1 ? ex.join('') : `${ex.slice(0, -1).join(', ')} or ${ex[ex.length - 1]}`;
}
