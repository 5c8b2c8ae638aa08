// The starter content file `docgen new <kind>` writes for each document kind: every field the
// kind requires, each with a comment saying what it is, filled with placeholders that publish as
// they are (test/cli.test.ts builds every one), so an author starts from a file that works.
// A kind added to templates/index.ts needs its starter here; the test fails until it has one.

/** The placeholders a starter is filled with, which change from one call to the next. */
export interface StarterValues {
  /** The publication's id, from the new file's name. */
  id: string;
  /** Today, YYYY-MM-DD: a date every starter's date fields can take. */
  today: string;
}

const common = (v: StarterValues, what: string) => `# The publication's name in web addresses and file names: lower-case words and digits joined by "-".
id: ${v.id}
# The title, printed on the cover and at the top of every format.
title: ${what}
# Who publishes it, as it is printed.
organisation: Your Council
`;

const committee = (v: StarterValues) => `# The committee that meets, as printed (or a committee id from organisation.yaml).
committee: Your Committee
# The date this paper is published: YYYY-MM-DD.
published: ${v.today}
# One sentence on what it is about, for the download page and the list of publications.
summary: What the committee will discuss and decide at this meeting.
`;

const meeting = (v: StarterValues) => `# When and where the meeting is.
meeting:
  # The day of the meeting: YYYY-MM-DD.
  date: ${v.today}
  # The time, as printed.
  time: 10.00 am
  # in-person, online or hybrid (in person and online).
  mode: in-person
  # The room and building people meet in (leave it out for an online meeting).
  venue: Council Chamber, County Hall
`;

/** Starters by kind: the text after the $schema line. */
export const STARTERS: Readonly<Record<string, (v: StarterValues) => string>> = {
  'local-account': (v) => `# A Local Account: the council's yearly report to residents on adult social care.
# The fields are described in docs/content-format.md.
# What this file is: do not change it.
kind: local-account
${common(v, 'Our Local Account')}# One sentence on what it is about, for the download page and the list of publications.
summary: What we did this year for adults who need care and support, and what we will do next.
# The chapters, in order: at least one.
sections:
  # The section's name in links ([see](#introduction)): lower-case words joined by "-".
  - id: introduction
    # The heading, as printed.
    title: Introduction
    # What the section says, in order: text (Markdown), keyFacts, table, quote, story, chart, figure …
    blocks:
      - text: |
          Write the introduction here. Markdown works: **bold**, lists and [links](https://www.example.gov.uk).
`,

  strategy: (v) => `# A strategy: the council's plan for the years ahead, with the same building blocks as a Local Account.
# The fields are described in docs/content-format.md.
# What this file is: do not change it.
kind: strategy
${common(v, 'Our strategy')}# One sentence on what it is about, for the download page and the list of publications.
summary: What we want to achieve in the next five years, and how we will do it.
# The chapters, in order: at least one.
sections:
  # The section's name in links ([see](#our-aims)): lower-case words joined by "-".
  - id: our-aims
    # The heading, as printed.
    title: Our aims
    # What the section says, in order: text (Markdown), keyFacts, table, quote, story, chart, figure …
    blocks:
      - text: |
          Write what the strategy sets out to do here. Markdown works: **bold**, lists and [links](https://www.example.gov.uk).
`,

  'easy-read': (v) => `# An Easy Read document: short sentences, one idea per row, each row with a picture.
# The rules it is checked against are in docs/content-format.md (Easy Read).
# What this file is: do not change it.
kind: easy-read
${common(v, 'About our plan')}# One sentence on what it is about, for the download page and the list of publications.
summary: An Easy Read guide to our plan.
# The pages, in order: each a heading and its rows.
sections:
  # The heading, as printed.
  - title: About this document
    # One idea per row: a picture and a few short sentences.
    rows:
      # A symbol from assets/symbols (or file: a .png or .jpg beside this file), and what it shows.
      - picture: { symbol: file-text, alt: A document }
        # Sentences of 15 words or fewer. Put a hard word in bold and explain it in the word list.
        text: This document tells you about our **plan**.
# The hard words and what they mean, printed at the end.
words:
  # The word as it is written in bold above, and what it means.
  - word: plan
    meaning: What we are going to do.
# Whom to ask about the document, printed on the last page.
contact:
  # Who to contact.
  name: Your Council
  # A phone number people can call.
  phone: "03000 000000"
`,

  agenda: (v) => `# A committee agenda: the meeting, who is on the committee, and the items to be discussed.
# The fields are described in docs/committee-format.md.
# What this file is: do not change it.
kind: agenda
${common(v, 'Your Committee agenda')}${committee(v)}${meeting(v)}# The officer who arranges the meeting, whom people ask about it.
clerk:
  # The clerk's name.
  name: A Clerk
  # A phone number for questions about the meeting.
  phone: "03000 000000"
# Who is on the committee, in groups as printed (for example by party).
membership:
  # The group's heading.
  - group: Members
    # The members of the group, each with a role when they have one.
    members:
      - { name: A Member, role: Chair }
# The items, in order. Number them as organisation.yaml says (by default a letter and a number, like "A1").
items:
  # The item's number.
  - number: A1
    # The item's title, as printed.
    title: Apologies and substitutes
    # What the item is for (Markdown).
    purpose: To receive apologies for absence and notice of any substitutes.
# Who signs the agenda off, printed at its end.
signOff:
  # Their name.
  name: A Director
  # Their role.
  role: Head of Democratic Services
`,

  minutes: (v) => `# Committee minutes: who came, and what the committee discussed and decided.
# The fields are described in docs/committee-format.md.
# What this file is: do not change it.
kind: minutes
${common(v, 'Minutes of Your Committee')}${committee(v)}${meeting(v)}# Who was there.
attendance:
  # The members present, each with a role when they have one (at least one).
  present:
    - { name: A Member, role: Chair }
# The minutes, in order.
items:
  # The minute's number: a whole number, counting on through the council's year.
  - number: 1
    # The minute's title, as printed.
    title: Apologies and substitutes
    # What was said (Markdown).
    text: There were no apologies.
`,

  report: (v) => `# A report to committee: who it is from, what it asks the committee to do, and why.
# The fields are described in docs/committee-format.md.
# What this file is: do not change it.
kind: report
${common(v, 'A report to Your Committee')}${committee(v)}# Who the report is from: at least one person, each with a role.
from:
  - { name: A Director, role: Director of Adult Services }
# Whom the report is to, as printed (the committee, or a decision maker).
to: Your Committee
# The subject, as printed on the cover.
subject: A new service
# Whether the report is open to the public, as printed (for example Unrestricted).
classification: Unrestricted
# The report's summary, printed on its first page (Markdown).
summaryText: This report tells the committee about a new service.
`,

  'agenda-pack': (v) => `# An agenda pack: an agenda and its papers, published together as one PDF with page numbers.
# The agenda and the papers are content files beside this one; make them with
#   npx docgen new agenda agenda.yaml
#   npx docgen new report report.yaml
# The fields are described in docs/committee-format.md.
# What this file is: do not change it.
kind: agenda-pack
${common(v, 'Your Committee agenda pack')}${committee(v)}# The agenda's content file, beside this one.
agenda: agenda.yaml
# The papers' content files, beside this one, in the order they are printed (at least one).
papers:
  - report.yaml
`,
};
