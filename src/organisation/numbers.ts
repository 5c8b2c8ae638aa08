// Decision-number templates: a council writes how its numbers look ("YY/NNNNN": Y a digit of the
// year, N a digit, anything else as written) and this compiles it into a matcher. Uploads never
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

const isDigit = (c: string) => c >= '0' && c <= '9';

/** Why a template cannot be used, in plain English with the fix; undefined if it can. */
export function templateProblem(template: string): string | undefined {
  if (template.length === 0) return 'a decision-number template must not be empty; write it like "YY/NNNNN"';
  if (template.length > MAX_LENGTH) return `a decision-number template may have at most ${MAX_LENGTH} characters`;
  if (!/[YN]/.test(template)) return `"${template}" has no Y or N, so it matches only itself; write Y for each digit of the year and N for each other digit, like "YY/NNNNN"`;
  const bad = [...template].find((c) => c !== 'Y' && c !== 'N' && !LITERAL.test(c));
  if (bad !== undefined) return `"${template}" has the character "${bad}", which a template cannot hold; use Y, N, letters, digits, spaces and / - . _ :`;
  if (template !== template.trim()) return `"${template}" starts or ends with a space; remove it`;
  return undefined;
}

/** Compiles a template; throws on one templateProblem refuses (the schema checks them first). */
export function compileNumberTemplate(template: string): NumberTemplate {
  const problem = templateProblem(template);
  if (problem) throw new Error(problem);
  const chars = [...template];
  const year = '2016';
  let y = 0;
  let n = 0;
  const yCount = chars.filter((c) => c === 'Y').length;
  const nCount = chars.filter((c) => c === 'N').length;
  const serial = String(123).padStart(nCount, '0').slice(-nCount);
  const example = chars
    .map((c) => (c === 'Y' ? year.padStart(yCount, '0').slice(-yCount)[y++] : c === 'N' ? serial[n++] : c))
    .join('');
  return {
    template,
    example,
    matches(number: string) {
      const got = [...number];
      if (got.length !== chars.length) return false;
      return chars.every((c, i) => (c === 'Y' || c === 'N' ? isDigit(got[i]) : got[i] === c));
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
