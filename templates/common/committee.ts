// Pieces shared by the committee-paper kinds: base fields, people, meetings and their modes,
// agenda item numbering schemes, decisions (types, numbers checked against the council's
// templates), the council's own labels with a document's overrides, and the rule that page
// ranges are computed, never typed. What differs between councils comes from the organisation
// profile (src/organisation/types.ts) or from the content; nothing here is one council's.
import { z } from 'zod';
import type { Block, Inline } from '../../src/model/domain.ts';
import type { PathKey } from '../../src/parse/problems.ts';
import type { Organisation, OrganisationLabels } from '../../src/organisation/types.ts';
import { DocumentId, DocumentSummary, Id, IsoDate, Language, OrganisationName, Text } from './schema.ts';
import type { Located } from './blocks.ts';
import { longDate } from '../../src/model/dates.ts';
import { compileNumberTemplate, matchesAny } from '../../src/organisation/numbers.ts';

/** A web address people follow (a meeting's link): http(s) only, never javascript: or a file. */
export const WebLink = z.url({ protocol: /^https?$/, error: 'must be a web address starting https:// (or http://)' });

// ---------------------------------------------------------------------------------------------
// Decisions

/**
 * A decision number as the council writes it. Which patterns are right is the organisation's
 * (its `decisionNumbers` templates), so the schema takes any text and the builder checks it.
 */
export const DecisionNumber = Text.describe('A decision number as the council writes it, e.g. "16/00014"; checked against the organisation\'s decisionNumbers templates');

export const DECISION_TYPES = ['key', 'non-key', 'none'] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];

/**
 * A decision an agenda item, minute or report concerns: its number alone ("16/00014", as most
 * papers give it), or its type with the number when it has one.
 */
export const Decision = z.union(
  [
    DecisionNumber,
    z.strictObject({
      type: z.enum(DECISION_TYPES, { error: 'must be "key", "non-key" or "none"' }).describe('"key" for a key decision, "non-key", or "none" when it is not a decision'),
      number: DecisionNumber.optional(),
    }),
  ],
  { error: 'must be a decision number like "16/00014", or its type and number like { type: key, number: "16/00014" } (the type is key, non-key or none; the number may be left out)' },
).meta({ description: 'The decision it concerns: its number, e.g. "16/00014", or its type and number, e.g. { type: key, number: "16/00014" }', examples: ['16/00014', { type: 'key', number: '16/00014' }] });
export type DecisionInput = z.infer<typeof Decision>;

/** The decision as one shape: its type when the content says it, and its number. */
export function decisionOf(d: DecisionInput | undefined): { type?: DecisionType; number?: string } | undefined {
  if (d === undefined) return undefined;
  return typeof d === 'string' ? { number: d } : d;
}

/**
 * Checks a decision number against the organisation's templates ("YY/NNNNN", compiled to a
 * matcher by src/organisation/numbers.ts; an upload never gives a regular expression). Any
 * number passes when the organisation has no templates.
 */
export function checkDecisionNumber(number: string, org: Organisation, path: PathKey[], problems: Located[]): void {
  const templates = org.decisionNumbers;
  if (!templates.length || matchesAny(templates, number)) return;
  const forms = templates.map((t) => `${t} (like "${compileNumberTemplate(t).example}")`);
  problems.push({
    path,
    message: `"${number}" is not a decision number as ${org.name} writes them: ${forms.length === 1 ? forms[0] : `one of ${forms.join(', ')}`}, where Y is a digit of the year, N any other digit and every other character is written as shown`,
  });
}

/** Checks a decision's number, and that a decision of type "none" has none. */
export function checkDecision(d: DecisionInput | undefined, org: Organisation, path: PathKey[], problems: Located[]): void {
  const dec = decisionOf(d);
  if (!dec) return;
  const numberPath = typeof d === 'string' ? path : [...path, 'number'];
  if (dec.type === 'none' && dec.number) problems.push({ path: numberPath, message: 'a decision of type "none" has no number; remove the number, or give the type "key" or "non-key"' });
  if (dec.number) checkDecisionNumber(dec.number, org, numberPath, problems);
}

// ---------------------------------------------------------------------------------------------
// The council's labels

/** The labels committee papers print of the council's own. */
export type CommitteeLabels = Pick<OrganisationLabels, 'resolved' | 'decisionTitle' | 'keyDecision' | 'nonKeyDecision' | 'decisionNumber'>;

/** A document's own wording of the council's labels, where it differs from the organisation profile. */
export const LabelOverrides = z
  .strictObject({
    resolved: Text.optional().describe('What a resolution starts with, e.g. "RESOLVED that", "It was RESOLVED that", "AGREED"'),
    decisionTitle: Text.optional().describe('The record of decision\'s title field, e.g. "Title of Decision" or "Subject"'),
    keyDecision: Text.optional().describe('What a key decision is labelled, e.g. "Key decision no" or "Key decision"'),
    nonKeyDecision: Text.optional().describe('What a decision that is not a key decision is labelled, e.g. "Non-key decision"'),
    decisionNumber: Text.optional().describe('What a decision number is labelled, e.g. "Decision number" or "Decision No"'),
  })
  .describe('This document\'s wording of labels the organisation profile gives');

export function labelsOf(org: Organisation, overrides: z.infer<typeof LabelOverrides> | undefined): CommitteeLabels {
  const l = org.labels;
  return {
    resolved: overrides?.resolved ?? l.resolved,
    decisionTitle: overrides?.decisionTitle ?? l.decisionTitle,
    keyDecision: overrides?.keyDecision ?? l.keyDecision,
    nonKeyDecision: overrides?.nonKeyDecision ?? l.nonKeyDecision,
    decisionNumber: overrides?.decisionNumber ?? l.decisionNumber,
  };
}

/**
 * What a decision prints, in the council's labels: "Key decision no: 23/045"; "Decision number:
 * 23/046" and "Non-key decision"; nothing for "none". A number the title already carries is not
 * printed again. Each is a label with its value, or a label alone.
 */
export function decisionFacts(d: DecisionInput | undefined, labels: CommitteeLabels, title = ''): { label: string; value?: string }[] {
  const dec = decisionOf(d);
  if (!dec || dec.type === 'none') return [];
  const number = dec.number && !title.includes(dec.number) ? dec.number : undefined;
  if (dec.type === 'key') return [{ label: labels.keyDecision, value: number }];
  const out: { label: string; value?: string }[] = number ? [{ label: labels.decisionNumber, value: number }] : [];
  if (dec.type === 'non-key') out.push({ label: labels.nonKeyDecision });
  return out;
}

/** The same as running text, for an agenda item's or a minute's line in brackets. */
export function decisionPhrases(d: DecisionInput | undefined, labels: CommitteeLabels, title = ''): string[] {
  return decisionFacts(d, labels, title).map((f) => (f.value ? `${f.label}: ${f.value}` : f.label));
}

// ---------------------------------------------------------------------------------------------
// Agenda item numbering

export const NUMBERING_SCHEMES = ['letter-number', 'number', 'as-printed'] as const;
export type NumberingScheme = (typeof NUMBERING_SCHEMES)[number];

/** How the papers number agenda items; the agenda and the minutes that cite it use the same. */
export const NumberingFields = {
  numbering: z
    .enum(NUMBERING_SCHEMES, { error: 'must be "letter-number" (like "B1"), "number" (like 7) or "as-printed" (any text, like "7(a)")' })
    .default('letter-number')
    .describe('How agenda items are numbered: "letter-number" (B1), "number" (7) or "as-printed" (7(a), 5.1 …)'),
  itemLabel: Text.optional().describe('Printed before an item number, e.g. "Item" or "Agenda Item"'),
};

/** An agenda item's number, or a minute's reference to one: 7, "B1", "7(a)". */
export const ItemNumber = z.union([z.number().int().positive(), Text], { error: 'must be an item number, like 7, "B1" or "7(a)"' });
export type ItemNumberInput = z.infer<typeof ItemNumber>;

/** The printed form of an item number, or why it does not fit the scheme and which scheme would. */
export function itemNumber(scheme: NumberingScheme, n: ItemNumberInput): { ok: true; text: string } | { ok: false; message: string } {
  const text = String(n).trim();
  if (scheme === 'letter-number' && !/^[A-Z]\d+$/.test(text)) {
    return { ok: false, message: `"${text}" is not a capital letter and a number like "B1", which the default numbering (letter-number) needs; for plain numbers (7) write numbering: number, or to keep numbers as printed ("7(a)") numbering: as-printed` };
  }
  if (scheme === 'number' && !/^[1-9]\d*$/.test(text)) {
    return { ok: false, message: `"${text}" is not a whole number like 7, which numbering: number needs; for a letter and a number ("B1") write numbering: letter-number, or to keep numbers as printed ("7(a)") numbering: as-printed` };
  }
  return { ok: true, text };
}

/** An agenda item's heading: "B1 Title", "7. Title", "Agenda Item 7: Title". */
export function itemHeading(scheme: NumberingScheme, label: string | undefined, ref: string, title: string): string {
  if (label) return `${label} ${ref}: ${title}`;
  return scheme === 'number' ? `${ref}. ${title}` : `${ref} ${title}`;
}

/** How a minute cites an agenda item: "Item B1", "Agenda Item 7". */
export function itemReference(label: string | undefined, ref: string): string {
  return `${label ?? 'Item'} ${ref}`;
}

// ---------------------------------------------------------------------------------------------
// People and meetings

/** A paper's committee as printed: its name, or the name the profile gives the id it names ("cabinet" → "Cabinet"). */
export function committeeName(org: Organisation, committee: string): string {
  return Object.hasOwn(org.committees, committee) ? org.committees[committee] : committee;
}


export const Person = z.strictObject({
  name: Text.meta({ description: 'The person’s name, as printed', examples: ['Mr G K Gibbens'] }),
  role: Text.optional().meta({ description: 'Their role or title, as printed', examples: ['Cabinet Member for Adult Social Care and Public Health'] }),
});

export const MEETING_MODES = ['in-person', 'online', 'hybrid'] as const;

export const Meeting = z.strictObject({
  date: IsoDate.meta({ description: 'The day of the meeting, as YYYY-MM-DD', examples: ['2016-10-11'] }),
  time: Text.optional().meta({ description: 'When it starts, as printed', examples: ['10.00 am'] }),
  mode: z.enum(MEETING_MODES, { error: 'must be "in-person", "online" or "hybrid"' }).default('in-person').describe('How the meeting is held'),
  venue: Text.optional().describe('Where people meet: required in person and hybrid, absent online'),
  link: WebLink.optional().describe('The address to join or watch the meeting online: required for a hybrid meeting'),
});
export type MeetingInput = z.infer<typeof Meeting>;

/** A meeting's mode and its fields must agree: a venue only where people meet, a link to join a hybrid one. */
export function meetingProblems(m: MeetingInput, needsLink: boolean): Located[] {
  const out: Located[] = [];
  if (m.mode !== 'online' && !m.venue) out.push({ path: ['meeting', 'venue'], message: `${m.mode === 'hybrid' ? 'a hybrid' : 'an in-person'} meeting needs its venue; for a meeting held only online write mode: online` });
  if (m.mode === 'online' && m.venue) out.push({ path: ['meeting', 'venue'], message: 'an online meeting has no venue; remove it, or write mode: hybrid if people also meet in a room' });
  if (needsLink && m.mode === 'hybrid' && !m.link) out.push({ path: ['meeting', 'link'], message: 'a hybrid meeting needs the web address people join it by, like link: https://…' });
  return out;
}

/** Where a meeting was held, for the minutes' opening sentence: "in the Darent Room", "online", "in the Darent Room and online". */
export function meetingPlace(m: MeetingInput): string {
  if (m.mode === 'online') return 'online';
  return `in ${m.venue}${m.mode === 'hybrid' ? ' and online' : ''}`;
}

const link = (href: string): Inline => ({ type: 'link', href, children: [txt(href)] });

/** A meeting's place in an agenda's front matter: the venue, how it is held when not only in person, and its link. */
export function meetingFields(m: MeetingInput): Block[] {
  const out: Block[] = [];
  if (m.venue) out.push(field('Venue', m.venue));
  if (m.mode !== 'in-person') out.push(field('Meeting held', m.mode === 'online' ? 'online' : 'in person and online'));
  if (m.link) out.push(field(m.mode === 'in-person' ? 'Watch online' : 'Join online', [link(m.link)]));
  return out;
}

/** "Tuesday 11 October 2016 at 10.00 am": a meeting's date, and its time when given. */
export function meetingWhen(meeting: Pick<MeetingInput, 'date' | 'time'>): string {
  return `${longDate(meeting.date, true)}${meeting.time ? ` at ${meeting.time}` : ''}`;
}

export const Exempt = z
  .strictObject({ reason: Text.describe('Why the item is exempt, e.g. the paragraph of Schedule 12A') })
  .describe('Only for an item not open to the public: why it is exempt');

export const CommitteeBase = {
  id: DocumentId.meta({ examples: ['asch-cc-2016-10-11-agenda'] }),
  title: Text.meta({ description: 'The title, as printed at the top', examples: ['Commissioning of Integrated Domestic Abuse Services'] }),
  organisation: OrganisationName,
  committee: Text.meta({ description: 'The committee’s name as printed, or the id the organisation profile gives it', examples: ['Adult Social Care and Health Cabinet Committee'] }),
  published: IsoDate.meta({ description: 'The date the paper was published, as YYYY-MM-DD, e.g. 2016-10-03', examples: ['2016-10-03'] }),
  summary: DocumentSummary,
  language: Language,
};

/** The fields of a paper that prints the council's labels (an agenda, minutes, a report; not a pack). */
export const PaperBase = { ...CommitteeBase, labels: LabelOverrides.optional() };

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

/** "A, B and C". */
export function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export const EXEMPT_NOTICE = (reason: string) =>
  `This item is exempt and is not published. The meeting is likely not to be open to the public while it is discussed. Reason: ${reason}`;
