// Every word the product prints of its own ("Contents", "Case study", "Page 3 of 40"), in one
// place per language, so a publication in another language needs only a new table here.
import type { Labels } from './types.ts';

const ENGLISH: Labels = {
  contents: 'Contents',
  caseStudy: 'Case study',
  keyFacts: 'Key facts',
  note: 'Note',
  source: 'Source',
  published: 'Published',
  publishedUnknown: 'Date of publication not known',
  period: 'Period covered',
  continued: 'continued',
  panel: 'Panel',
  reference: 'Reference',
  page: 'page',
  pageOf: (current, total) => `Page ${current} of ${total}`,
  seeGlossary: 'see the glossary',
  seeSection: 'see that section',
  table: 'Table',
  tableName: (n, section) => `Table ${n}${section ? `, in “${section}”` : ''}`,
  endOfTable: 'End of table.',
  chart: 'Chart',
  theFigures: 'the figures',
  part: 'Part',
  share: 'Share',
  measure: 'Measure',
  before: 'Before',
  after: 'After',
  notKnown: 'Not known',
  total: 'Total',
  picture: 'Picture',
  image: 'Image',
  quote: 'Quote',
  achieved: 'Achieved',
  telephone: 'Telephone',
  textphone: 'Textphone',
  textRelay: 'Text Relay',
  email: 'Email',
  website: 'Website',
  hours: 'Opening hours',
  address: 'Address',
  box: 'Box',
  endOf: (what) => `End of ${what.toLowerCase()}.`,
  skipToContent: 'Skip to main content',
  download: 'Download this publication',
  askForAnotherFormat: 'Ask for another format',
};

const BY_LANGUAGE: Record<string, Labels> = { en: ENGLISH };

/** The labels for a BCP 47 language tag ("en-GB" → English); English where there is no table yet. */
export function labelsFor(language: string): Labels {
  return BY_LANGUAGE[language.toLowerCase().split('-')[0]] ?? ENGLISH;
}
