// Kent County Council's profile, built in: what the code printed before profiles existed, and
// the profile a publication gets when no organisation.yaml is found on its way to the content
// root (docs/organisation-format.md, "How a publication finds its profile"). content/organisation.yaml
// says the same in the profile format; test/organisation.test.ts checks that the two agree.
import type { Organisation } from './types.ts';

export const KENT: Organisation = {
  id: 'kent',
  name: 'Kent County Council',
  identity: {
    accent: '#1d3557',
    link: '#0b4f9c',
    panel: '#eef3f8',
    storyPanel: '#fdf5e6',
    quotePanel: '#f6f6f6',
  },
  formats: {
    offered: ['large print', 'Easy Read', 'plain text', 'audio', 'Braille', 'another language'],
    contact: {
      name: 'Alternative formats and languages',
      phone: '03000 421553',
      textRelay: '18001 03000 421553',
      email: 'alternativeformats@kent.gov.uk',
    },
  },
  legal: [],
  committees: {
    'adult-social-care-and-health': 'Adult Social Care and Health Cabinet Committee',
  },
  decisionNumbers: ['YY/NNNNN'],
  labels: {
    caseStudy: 'Case study',
    resolved: 'RESOLVED that',
    decisionTitle: 'Subject',
    keyDecision: 'Key decision',
    nonKeyDecision: 'Non-key decision',
    decisionNumber: 'Decision number',
  },
};

/** The profile used when none is found: this installation's. */
export const DEFAULT_ORGANISATION = KENT;
