// A contact's details as labelled lines, the same in every writer. Phone numbers keep
// non-breaking spaces so they never split across lines (CP-07); addresses are written whole.
import type { Contact, Inline } from '../../model/types.ts';

const NBSP = '\u00a0';
const keep = (s: string) => s.replace(/ /g, NBSP);

export function contactFields(c: Contact): [label: string, value: Inline[]][] {
  const out: [string, Inline[]][] = [];
  if (c.phone) out.push(['Telephone', [{ type: 'link', href: `tel:${c.phone.replace(/\s/g, '')}`, children: [{ type: 'text', text: keep(c.phone) }] }]]);
  if (c.textRelay) out.push(['Text Relay', [{ type: 'text', text: keep(c.textRelay) }]]);
  if (c.email) out.push(['Email', [{ type: 'link', href: `mailto:${c.email}`, children: [{ type: 'text', text: c.email }] }]]);
  if (c.web) out.push(['Website', [{ type: 'link', href: c.web, children: [{ type: 'text', text: c.web.replace(/^https?:\/\//, '') }] }]]);
  if (c.hours) out.push(['Opening hours', [{ type: 'text', text: c.hours }]]);
  if (c.address) out.push(['Address', [{ type: 'text', text: c.address }]]);
  return out;
}
