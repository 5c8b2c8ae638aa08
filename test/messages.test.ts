// Problems that say how to put them right: an id that refers to nothing is answered with the
// nearest one there is ("did you mean") or, when none is near, a few that there are; a date
// written another way is one message with its right form. Each at its file, line and column.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadContent } from '../src/pipeline/validate.ts';
import type { ImageLoader } from '../templates/common/blocks.ts';
import type { Problem } from '../src/parse/problems.ts';

/** A Local Account with one of each registry, and a section to refer to. */
const account = (blocks: string, published = '2017-08-24') => `kind: local-account
id: messages
title: Messages that say how to put a mistake right
organisation: Test Council
published: ${published}
summary: Mistyped ids and dates.
contacts: [{ id: formats, name: Formats, phone: "03000 421553" }]
alternativeFormats: formats
facts:
  - { id: people-supported, value: "34,641", label: people supported }
  - { id: carers-assessed, value: "1,200", label: carers assessed }
glossary:
  - { id: advocacy, term: Advocacy, definition: Someone who speaks up for you. }
  - { id: enablement, term: Enablement, definition: Help to do things yourself again. }
charts:
  - { id: spending-by-service, type: pie, title: Spending, unit: £m, data: [{ label: Older people, value: 160 }] }
images:
  - { id: day-centre, file: day-centre.png, alt: People painting at a day centre }
sections:
  - id: what-we-spent
    title: What we spent
    blocks:
${blocks}
`;

const PNG = { mime: 'image/png' as const, data: new Uint8Array(), width: 1, height: 1 };
/** Pictures beside the file: day-centre.png is there; the loader can list what is. */
const listing: ImageLoader = Object.assign((file: string) => (file === 'day-centre.png' ? PNG : undefined), { files: () => ['day-centre.png', 'logo.png'] });
const notListing: ImageLoader = (file: string) => (file === 'day-centre.png' ? PNG : undefined);

function problems(text: string, loadImage: ImageLoader = listing): Problem[] {
  const r = loadContent('messages.yaml', text, loadImage, { symbols: new Set(['home', 'phone', 'people']) });
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.problems;
}

/** Where `needle` first stands in `text`: 1-based line and column. */
function at(text: string, needle: string): { line: number; col: number } {
  const i = text.indexOf(needle);
  expect(i, `${needle} is in the fixture`).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

/** The one problem, as file:line:col: path: message. */
const said = (ps: Problem[]) => ps.map((p) => `${p.file}:${p.line}:${p.col}: ${p.path}: ${p.message}`);

describe('an id that refers to nothing', () => {
  const cases: [what: string, block: string, needle: string, path: string, message: string][] = [
    // Text in a block (text: |) is located at the link itself; a one-line text at its start.
    ['a glossary term', '      - text: |\n          Ask for [an advocate](glossary:advocasy).', '[an advocate]', 'sections[0].blocks[0].text', 'the glossary has no term "advocasy"; add it to glossary: or remove the link; did you mean "advocacy"?'],
    ['a section', '      - text: |\n          See [](#what-we-spnt).', '[](#what-we-spnt)', 'sections[0].blocks[0].text', 'there is no section with id "what-we-spnt" to refer to; did you mean "what-we-spent"?'],
    ['a fact', '      - keyFacts: { facts: [people-suported] }', 'people-suported', 'sections[0].blocks[0].keyFacts.facts[0]', 'there is no fact with id "people-suported"; did you mean "people-supported"?'],
    ['a contact', '      - contact: formts', 'formts', 'sections[0].blocks[0].contact', 'there is no contact with id "formts"; did you mean "formats"?'],
    ['a chart', '      - chart: spending-by-servce', 'spending-by-servce', 'sections[0].blocks[0].chart', 'there is no chart with id "spending-by-servce"; did you mean "spending-by-service"?'],
    ['a picture', '      - figure: { image: day-center }', 'day-center', 'sections[0].blocks[0].figure.image', 'there is no image with id "day-center"; did you mean "day-centre"?'],
    ['a symbol', '      - pictureRow: { picture: { symbol: hom, alt: A house }, blocks: [{ text: At home. }] }', 'hom,', 'sections[0].blocks[0].pictureRow.picture.symbol', 'there is no symbol "hom"; did you mean "home"? Or choose one listed in docs/content-format.md (the files in assets/symbols)'],
  ];

  it.each(cases)('%s a letter or two out is answered with the nearest one, where it stands', (_what, block, needle, path, message) => {
    const text = account(block);
    const { line, col } = at(text, needle);
    expect(said(problems(text))).toEqual([`messages.yaml:${line}:${col}: ${path}: ${message}`]);
  });

  const far: [what: string, block: string, message: string][] = [
    ['a glossary term', '      - text: Ask for [help](glossary:social-worker).', 'the glossary has no term "social-worker"; add it to glossary: or remove the link; the glossary terms are "advocacy", "enablement"'],
    ['a section', '      - text: See [](#our-money).', 'there is no section with id "our-money" to refer to; the section ids are "what-we-spent"'],
    ['a fact', '      - keyFacts: { facts: [hospital-discharges] }', 'there is no fact with id "hospital-discharges"; add it to facts: or correct the id; the ones there are: "people-supported", "carers-assessed"'],
    ['a contact', '      - contact: contact-centre', 'there is no contact with id "contact-centre"; add it to contacts: or correct the id; the ones there are: "formats"'],
  ];

  it.each(far)('%s nowhere near one there is is answered with the ones there are', (_what, block, message) => {
    expect(problems(account(block)).map((p) => p.message)).toEqual([message]);
  });
});

describe('a picture file that is not there', () => {
  const withFile = (file: string) => account('      - text: Hello.').replace('file: day-centre.png', `file: ${file}`);

  it('is answered with the nearest picture beside the content file, when the loader can list them', () => {
    const text = withFile('day-center.png');
    const { line, col } = at(text, 'day-center.png');
    expect(said(problems(text))).toEqual([`messages.yaml:${line}:${col}: images[0].file: the picture file "day-center.png" is not beside the content file; did you mean "day-centre.png"?`]);
  });

  it('with none near, lists the pictures there are', () => {
    expect(problems(withFile('map-of-kent.png')).map((p) => p.message)).toEqual([
      'the picture file "map-of-kent.png" is not beside the content file; upload it to the same folder; the ones there are: "day-centre.png", "logo.png"',
    ]);
  });

  it('asks for the upload when the loader cannot list what is there', () => {
    expect(problems(withFile('day-center.png'), notListing).map((p) => p.message)).toEqual(['the picture file "day-center.png" is not beside the content file; upload it to the same folder']);
  });
});

describe('a date written another way', () => {
  const forms: [written: string, message: string][] = [
    ['24/08/2017', '"24/08/2017": write the date as 2017-08-24'],
    ['24-08-2017', '"24-08-2017": write the date as 2017-08-24'],
    ['24.08.2017', '"24.08.2017": write the date as 2017-08-24'],
    ['24 August 2017', '"24 August 2017": write the date as 2017-08-24'],
    ['Thursday 24th Aug 2017', '"Thursday 24th Aug 2017": write the date as 2017-08-24'],
    ['August 24, 2017', '"August 24, 2017": write the date as 2017-08-24'],
    ['2017/08/24', '"2017/08/24": write the date as 2017-08-24'],
    ['2017-8-24', '"2017-8-24": write the date as 2017-08-24'],
    ['31/02/2017', '"31/02/2017" is not a real date; write a date as YYYY-MM-DD'],
  ];

  it.each(forms)('%s gets one message, with the right form, at the date', (written, message) => {
    const text = account('      - text: Hello.', written);
    const { line, col } = at(text, written);
    expect(said(problems(text))).toEqual([`messages.yaml:${line}:${col}: published: ${message}`]);
  });

  it('a date written YYYY-MM-DD that does not exist is not a real date, once', () => {
    expect(problems(account('      - text: Hello.', '2017-02-30')).map((p) => p.message)).toEqual(['is not a real date']);
  });

  it('text that is no date is asked for one written YYYY-MM-DD, once', () => {
    expect(problems(account('      - text: Hello.', 'last summer')).map((p) => p.message)).toEqual(['must be a date written YYYY-MM-DD']);
  });

  it('a meeting date in a committee paper gets the same one message', () => {
    const agenda = readFileSync('content/committee-2016-10-11/asch-cc-2016-10-11-agenda.yaml', 'utf8');
    const text = agenda.replace(/^(  date: )2016-10-11$/m, '$111/10/2016');
    expect(text).not.toBe(agenda);
    const { line, col } = at(text, '11/10/2016');
    expect(said(problems(text))).toEqual([`messages.yaml:${line}:${col}: meeting.date: "11/10/2016": write the date as 2016-10-11`]);
  });
});
