// WCAG 2 contrast, for the organisation profile's colours: the profile is refused, at the colour's
// line, when text sits on a colour (or in one) at less than 4.5:1 (WCAG 1.4.3, normal-size text).
// Each pair is where a writer really puts text: see the Identity interface in ./types.ts.
import type { Identity } from './types.ts';

/** Body text as the print writers set it; the HTML's #0b0c0c is darker, so passing this passes both. */
export const INK = '#111111';
export const WHITE = '#ffffff';
/** WCAG's minimum for body text (1.4.3). */
export const TEXT_CONTRAST = 4.5;

/** WCAG 2 relative luminance of #rrggbb. */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

export type IdentityField = keyof Identity;

/** One place text meets a colour: which field is at fault, and what to do about it. */
export interface ContrastFailure {
  field: IdentityField;
  message: string;
}

const PANELS: { field: IdentityField; what: string }[] = [
  { field: 'panel', what: 'a box or a table header row' },
  { field: 'storyPanel', what: 'a story box' },
  { field: 'quotePanel', what: 'a quote box' },
];

const ratio = (r: number) => `${(Math.floor(r * 100) / 100).toFixed(2)}:1`;

/** Every pair of colours in the identity that text is set in or on, below 4.5:1. */
export function contrastFailures(id: Identity): ContrastFailure[] {
  const out: ContrastFailure[] = [];
  const check = (field: IdentityField, fg: string, bg: string, where: string, fix: string) => {
    const r = contrast(fg, bg);
    if (r < TEXT_CONTRAST) out.push({ field, message: `${where} has a contrast of ${ratio(r)}, less than the ${TEXT_CONTRAST}:1 text needs (WCAG 1.4.3); ${fix}` });
  };
  const darker = 'choose a darker colour';
  const lighter = 'choose a lighter fill';
  // Headings, key figures and links are set in accent and link, on white and on every panel.
  check('accent', id.accent, WHITE, `accent ${id.accent} (headings, key figures) on white`, darker);
  check('accent', WHITE, id.accent, `white text on the accent ${id.accent} (the web page's title band)`, darker);
  check('link', id.link, WHITE, `link ${id.link} on white`, darker);
  for (const { field, what } of PANELS) {
    const fill = id[field];
    check(field, INK, fill, `body text (${INK}) on the fill ${fill} of ${what}`, lighter);
    // A failure between two identity colours is the panel's when the panel is not white-like
    // enough, so say both and point at the fill (the colour used on white already passed there).
    check(field, id.accent, fill, `accent ${id.accent} (a heading in ${what}) on its fill ${fill}`, `${lighter}, or a darker accent`);
    check(field, id.link, fill, `link ${id.link} in ${what} on its fill ${fill}`, `${lighter}, or a darker link colour`);
  }
  return out;
}
