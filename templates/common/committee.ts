// Pieces shared by the committee-paper kinds: base fields, people, decision numbers, and the
// rule that page ranges are computed, never typed.
import { z } from 'zod';
import type { Block, Inline } from '../../src/model/domain.ts';
import type { PathKey } from '../../src/parse/problems.ts';
import { Id, IsoDate, Text } from './schema.ts';
import type { Located } from './blocks.ts';
import { longDate } from '../../src/model/dates.ts';

export const DecisionNumber = z
  .string({ error: 'must be a decision number written as text, like "16/00014"' })
  .regex(/^\d{2}\/\d{5}$/, { error: 'must follow the council\'s pattern YY/NNNNN, like "16/00014"' });

export const Person = z.strictObject({ name: Text, role: Text.optional() });

export const Meeting = z.strictObject({ date: IsoDate, time: Text.optional(), venue: Text });

export const Exempt = z.strictObject({ reason: Text.describe('Why the item is exempt, e.g. the paragraph of Schedule 12A') });

export const CommitteeBase = {
  id: Id,
  title: Text,
  organisation: Text,
  committee: Text,
  published: IsoDate,
  summary: Text,
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, { error: 'must be a language tag like "en-GB"' }).default('en-GB'),
};

const TYPED_PAGES = /\(\s*pages?\s+\d+(\s*[-–]\s*\d+)?\s*\)/i;

/**
 * A typed page range anywhere in the content is an error: the pack computes them. It walks every
 * string of any kind's content, whatever its shape, so it takes any value (`unknown`) on purpose.
 */
export function typedPageRanges(data: unknown, path: PathKey[] = [], out: Located[] = []): Located[] {
  if (typeof data === 'string') {
    const m = TYPED_PAGES.exec(data);
    if (m) out.push({ path, message: `page ranges are computed from the layout; remove the typed "${m[0]}"`, offset: m.index });
  } else if (Array.isArray(data)) data.forEach((x, i) => typedPageRanges(x, [...path, i], out));
  else if (data && typeof data === 'object') for (const [k, v] of Object.entries(data)) typedPageRanges(v, [...path, k], out);
  return out;
}

export const txt = (text: string, bold = false): Inline => ({ type: 'text', text, ...(bold ? { bold: true } : {}) });
export const para = (...inlines: Inline[]): Block => ({ type: 'paragraph', inlines });
/** "Label: value" with the label in bold: the committee house style for front matter. */
export const field = (label: string, value: string | Inline[]): Block => ({ type: 'field', label, value: typeof value === 'string' ? [txt(value)] : value });

export { longDate } from '../../src/model/dates.ts';

/** "Tuesday 11 October 2016 at 10.00 am": a meeting's date, and its time when given. */
export function meetingWhen(meeting: z.infer<typeof Meeting>): string {
  return `${longDate(meeting.date, true)}${meeting.time ? ` at ${meeting.time}` : ''}`;
}

/** "A, B and C". */
export function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export const EXEMPT_NOTICE = (reason: string) =>
  `This item is exempt and is not published. The meeting is likely not to be open to the public while it is discussed. Reason: ${reason}`;
