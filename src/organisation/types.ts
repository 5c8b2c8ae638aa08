// The organisation profile: what one council prints the same way in every publication (its
// name, logo, colours, the formats it offers and whom to ask, footer and legal lines, committee
// names, decision-number patterns and its own wording of labels). One file per council beside
// the content (`organisation.yaml`); every publication inherits it and may override parts.
// This is the contract the kinds and writers read; src/organisation/ loads and checks it.
import type { ImageData } from '../model/types.ts';

/** A council's colours, as #rrggbb. Text sits on `panel` and `headerRow`; links and accents sit on white. */
export interface Identity {
  /** Headings' rules, a box's accent bar, key figures (text on white: ≥ 4.5:1). */
  accent: string;
  /** Links (text on white and on the panels: ≥ 4.5:1). */
  link: string;
  /** A box's fill, and a table's header row (body text on it: ≥ 4.5:1). */
  panel: string;
  /** A story's (case study's) fill. */
  storyPanel: string;
  /** A quote's fill. */
  quotePanel: string;
}

export interface FormatsContact {
  /** Who to ask ("Alternative formats team"). */
  name: string;
  phone?: string;
  textRelay?: string;
  email?: string;
  web?: string;
}

/** The words the organisation prints of its own, where councils differ. */
export interface OrganisationLabels {
  /** A story box's label ("Case study", "Spotlight"). */
  caseStudy: string;
  /** What a minute's resolution starts with when the content does not give its own wording ("RESOLVED that"). */
  resolved: string;
  /** Record of decision field labels, as the council prints them. */
  decisionTitle: string;
  keyDecision: string;
  nonKeyDecision: string;
  decisionNumber: string;
}

export interface Organisation {
  /** A short id ("kent"), used in paths and fingerprints. */
  id: string;
  /** "Kent County Council". */
  name: string;
  /**
   * The council's logo: a .png or .jpg beside organisation.yaml, with what it says for people who
   * cannot see it. `image` is the checked picture, read at the edge with the profile (./logo.ts).
   */
  logo?: { file: string; alt: string; image?: ImageData };
  identity: Identity;
  /** The other formats it really offers ("large print", "Easy Read", "audio", "Braille"), and whom to ask. */
  formats: { offered: string[]; contact: FormatsContact };
  /** A line in every print footer before the page number, if any. */
  footer?: string;
  /** Lines printed at the end of every publication (copyright, registered address). */
  legal: string[];
  /** Committees by id, with their names as printed. */
  committees: Record<string, string>;
  /** Decision-number templates, e.g. "YY/NNNNN" (Y a year digit, N a digit, other characters as written). */
  decisionNumbers: string[];
  labels: OrganisationLabels;
}
