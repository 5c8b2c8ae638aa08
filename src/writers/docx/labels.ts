// Printed labels ("a)", "1.2", "(iv)", "Appendix 1") as Word numbering that prints exactly them.
// Labels that count on from one to the next (a), b), c)) are one numbering, in the format they
// count in ("%1)" in small letters, from a): Word numbers them, and numbers an item added in
// Word after them too. A label that does not follow on starts a numbering of its own; one with
// nothing that counts is printed as it is (format none, the label as the level's text).
import { LevelFormat } from 'docx';

type Format = (typeof LevelFormat)[keyof typeof LevelFormat];

/** Labels that follow on, numbered as one: `prefix`, the number in `format` from `start`, `suffix`. */
export interface LabelRun {
  format: Format;
  /** The level's text: the prefix, %1 for the number and the suffix ("%1)", "1.%1"). */
  text: string;
  start: number;
  /** How many labels it prints. */
  count: number;
}

const ROMAN: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];

export function roman(n: number): string {
  let out = '';
  for (const [v, s] of ROMAN) for (; n >= v; n -= v) out += s;
  return out;
}

function fromRoman(s: string): number | undefined {
  let n = 0;
  let rest = s;
  for (const [v, r] of ROMAN) while (rest.startsWith(r)) (n += v), (rest = rest.slice(r.length));
  return rest === '' && n > 0 && n < 4000 && roman(n) === s ? n : undefined;
}

/** The number a label's counting part is in each format it can be read in (i: the letter i, or one in roman). */
function readings(token: string): { format: Format; value: number }[] {
  if (/^(0|[1-9]\d{0,8})$/.test(token)) return [{ format: LevelFormat.DECIMAL, value: Number(token) }];
  if (!/^([a-z]+|[A-Z]+)$/.test(token)) return [];
  const lower = token.toLowerCase();
  const upper = token !== lower;
  const out: { format: Format; value: number }[] = [];
  if (token.length === 1) out.push({ format: upper ? LevelFormat.UPPER_LETTER : LevelFormat.LOWER_LETTER, value: lower.charCodeAt(0) - 96 });
  const r = fromRoman(lower);
  if (r !== undefined) out.push({ format: upper ? LevelFormat.UPPER_ROMAN : LevelFormat.LOWER_ROMAN, value: r });
  return out;
}

/** A label as the text before its counting part, that part, and the text after it. */
function parts(label: string): { prefix: string; token: string; suffix: string } | undefined {
  const m = /^(.*?)(\d+|\p{L}+)([^\p{L}\p{N}]*)$/su.exec(label);
  return m ? { prefix: m[1], token: m[2], suffix: m[3] } : undefined;
}

/** What Word prints for number `n` in a format (the formats `readings` gives). */
export function formatNumber(format: string, n: number): string {
  switch (format) {
    case LevelFormat.DECIMAL:
      return String(n);
    case LevelFormat.LOWER_LETTER:
      return String.fromCharCode(96 + n);
    case LevelFormat.UPPER_LETTER:
      return String.fromCharCode(64 + n);
    case LevelFormat.LOWER_ROMAN:
      return roman(n);
    case LevelFormat.UPPER_ROMAN:
      return roman(n).toUpperCase();
    default:
      return '';
  }
}

/** The labels as runs of labels that follow on, in order; together they print every label exactly. */
export function labelRuns(labels: string[]): LabelRun[] {
  const runs: LabelRun[] = [];
  for (let k = 0; k < labels.length; ) {
    const p = parts(labels[k]);
    let best: LabelRun = { format: LevelFormat.NONE, text: labels[k], start: 1, count: 1 };
    // A level's text takes % as the start of a number's place: such a label is printed as it is.
    for (const r of p && !labels[k].includes('%') ? readings(p.token) : []) {
      let count = 1;
      while (k + count < labels.length && labels[k + count] === p!.prefix + formatNumber(r.format, r.value + count) + p!.suffix) count++;
      if (count > best.count || best.format === LevelFormat.NONE) best = { format: r.format, text: `${p!.prefix}%1${p!.suffix}`, start: r.value, count };
    }
    runs.push(best);
    k += best.count;
  }
  return runs;
}
