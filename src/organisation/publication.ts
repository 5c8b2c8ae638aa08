// What one publication makes of its organisation's profile: it inherits all of it, and may name
// its own contact for other formats (`alternativeFormats: <contact id>`, a contact of its own
// `contacts:`), for a service whose requests go to its own team. Colours, labels, the formats
// offered, footer and legal lines are the council's and stay the same in every publication
// (docs/decisions/0009-organisation-profile.md says why).
import type { Located } from '../../templates/common/blocks.ts';
import type { FormatsContact, Organisation } from './types.ts';

interface ContactLike {
  id: string;
  name: string;
  phone?: string;
  textRelay?: string;
  email?: string;
  web?: string;
}

/**
 * The profile as this publication prints it, with every problem in the override. `found`: the
 * profile came from an organisation.yaml (not the installation's default), so a content file that
 * names another council in its `organisation` field is warned that it is under the wrong profile.
 */
export function forPublication(org: Organisation, data: unknown, found = false): { organisation: Organisation; problems: Located[] } {
  const d = (data && typeof data === 'object' ? data : {}) as { alternativeFormats?: unknown; contacts?: unknown; organisation?: unknown };
  const named = found && typeof d.organisation === 'string' ? otherCouncil(org, d.organisation) : [];
  const own = ownContact(org, d);
  return { organisation: own.organisation, problems: [...named, ...own.problems] };
}

const plain = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** A warning when the content's `organisation` is not the profile's council (either name may be the longer). */
function otherCouncil(org: Organisation, named: string): Located[] {
  const [a, b] = [plain(named), plain(org.name)];
  if (a.includes(b) || b.includes(a)) return [];
  return [{ path: ['organisation'], severity: 'warning', message: `this file says it is ${named}'s, but the organisation.yaml that governs it is ${org.name}'s, whose colours, labels and contact it will print; put it in ${named}'s folder, or correct the name` }];
}

function ownContact(org: Organisation, d: { alternativeFormats?: unknown; contacts?: unknown }): { organisation: Organisation; problems: Located[] } {
  if (typeof d.alternativeFormats !== 'string') return { organisation: org, problems: [] };
  const contacts = (Array.isArray(d.contacts) ? d.contacts : []) as ContactLike[];
  const c = contacts.find((x) => x && x.id === d.alternativeFormats);
  const path = ['alternativeFormats'];
  if (!c) return { organisation: org, problems: [{ path, message: `there is no contact with id "${d.alternativeFormats}"; add it to contacts: or correct the id (or leave alternativeFormats out to use ${org.name}'s: ${org.formats.contact.name})` }] };
  if (!c.phone && !c.email && !c.web) {
    return { organisation: org, problems: [{ path, message: `the contact "${c.id}" has no phone, email or web address, so readers could not ask it for another format; add one to it, or leave alternativeFormats out to use ${org.name}'s` }] };
  }
  const contact: FormatsContact = { name: c.name, ...pick(c) };
  return { organisation: { ...org, formats: { ...org.formats, contact } }, problems: [] };
}

function pick(c: ContactLike): Omit<FormatsContact, 'name'> {
  return { ...(c.phone ? { phone: c.phone } : {}), ...(c.textRelay ? { textRelay: c.textRelay } : {}), ...(c.email ? { email: c.email } : {}), ...(c.web ? { web: c.web } : {}) };
}

/** "large print, Easy Read or audio": the formats offered, as a sentence says them. */
export function formatsSentence(offered: readonly string[]): string {
  return offered.length <= 1 ? offered.join('') : `${offered.slice(0, -1).join(', ')} or ${offered[offered.length - 1]}`;
}

/** The contact and formats a download page names (recorded in the manifest, which rebuilds the page). */
export function alternativeFormatsOf(org: Organisation): FormatsContact & { offered: string[] } {
  return { ...org.formats.contact, offered: [...org.formats.offered] };
}

/** A piece of the "ask for another format" sentence: words, or words that are a link. */
export type AskPart = { text: string; href?: string };

/**
 * "If you need this publication in large print, … or Braille, contact <name>: telephone <phone>,
 * Text Relay <number>, email <address>, or visit <web>. Tell us what format you need and what
 * assistive technology you use." One wording for the download pages and the HTML publication.
 */
export function askParts(contact: FormatsContact & { offered?: string[] }): AskPart[] {
  const offered = contact.offered?.length ? formatsSentence(contact.offered) : 'another format';
  const ways: AskPart[][] = [];
  if (contact.phone) ways.push([{ text: 'telephone ' }, { text: contact.phone, href: `tel:${contact.phone.replace(/\s/g, '')}` }]);
  if (contact.textRelay) ways.push([{ text: `Text Relay ${contact.textRelay}` }]);
  if (contact.email) ways.push([{ text: 'email ' }, { text: contact.email, href: `mailto:${contact.email}` }]);
  if (contact.web) ways.push([{ text: 'visit ' }, { text: contact.web.replace(/^https?:\/\//, ''), href: contact.web }]);
  return [
    { text: `If you need this publication in ${offered}, contact ${contact.name}` },
    ...ways.flatMap((w, i) => [{ text: i === 0 ? ': ' : i === ways.length - 1 ? ', or ' : ', ' }, ...w]),
    { text: '. Tell us what format you need and what assistive technology you use.' },
  ];
}
