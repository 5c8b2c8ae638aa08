// A contact's details as labelled lines, worded once for every writer. Phone numbers keep
// non-breaking spaces so they never split across lines (CP-07); addresses are written whole.
import type { Contact } from './domain.ts';
import type { Inline, Labels } from './types.ts';

const NBSP = '\u00a0';
const keep = (s: string) => s.replace(/ /g, NBSP);

export function contactLines(c: Contact, L: Labels): [label: string, value: Inline[]][] {
  const out: [string, Inline[]][] = [];
  if (c.phone) out.push([L.telephone, [{ type: 'link', href: `tel:${c.phone.replace(/\s/g, '')}`, children: [{ type: 'text', text: keep(c.phone) }] }]]);
  if (c.textphone) out.push([L.textphone, [{ type: 'text', text: keep(c.textphone) }]]);
  if (c.textRelay) out.push([L.textRelay, [{ type: 'text', text: keep(c.textRelay) }]]);
  if (c.email) out.push([L.email, [{ type: 'link', href: `mailto:${c.email}`, children: [{ type: 'text', text: c.email }] }]]);
  if (c.web) out.push([L.website, [{ type: 'link', href: c.web, children: [{ type: 'text', text: c.web.replace(/^https?:\/\//, '') }] }]]);
  if (c.hours) out.push([L.hours, [{ type: 'text', text: c.hours }]]);
  if (c.address) out.push([L.address, [{ type: 'text', text: c.address }]]);
  return out;
}
