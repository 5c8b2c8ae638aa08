// A link's address, for readers who cannot follow it: on paper (PDF, large print, Word printed)
// and in plain text, a link whose words do not already say where it goes is followed by its
// address in brackets, "our website (https://www.kent.gov.uk)". Worded once for every writer.

/** The address to print after a link's words, or undefined when the words already say it. */
export function unseenAddress(href: string, text: string): string | undefined {
  const shown = href.replace(/^mailto:|^tel:/, '');
  // "kent.gov.uk" says https://www.kent.gov.uk/: the scheme, "www." and a last slash go without saying.
  const bare = shown.replace(/^https?:\/\//, '').replace(/^www\./i, '').replace(/\/$/, '').toLowerCase();
  // A phone number written with spaces, or nationally ("03000 41 61 61"), is the number its tel: link dials ("+443000416161").
  const national = (s: string) => s.replace(/\D/g, '').replace(/^(00)?44/, '').replace(/^0/, '');
  const same = text.toLowerCase().includes(bare) || (href.startsWith('tel:') && national(text) === national(shown));
  return same ? undefined : shown;
}
