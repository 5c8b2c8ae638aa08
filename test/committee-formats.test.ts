// Committee papers for any council and any year (issue 14, part 2): one fixture per option of
// docs/committee-format.md, written as a council officer would write it, each built with its
// council's profile (Kent's built in, or a made-up council's organisation.yaml beside the
// fixtures). Each fixture's plain text is compared with a committed golden
// (test/fixtures/committee/golden/, UPDATE_GOLDEN=1 rewrites them) and its printed words are
// checked; wrong content fails with located, plain-English errors that say the fix.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { loadContent } from '../src/pipeline/validate.ts';
import { loadOrganisation } from '../src/organisation/load.ts';
import { DEFAULT_ORGANISATION } from '../src/organisation/kent.ts';
import type { Organisation } from '../src/organisation/types.ts';
import type { Problem } from '../src/parse/problems.ts';
import { folderImageLoader, folderTextLoader } from '../src/storage/folder.ts';
import { writeText } from '../src/writers/text/index.ts';
import { PROFILES } from '../src/profiles/index.ts';
import { loadAssets } from '../src/storage/assets.ts';
import { renderContext } from '../src/writers/context.ts';
import { publish } from '../src/pipeline/publish.ts';
import { gatherInputs } from '../src/pipeline/inputs.ts';
import { folderInputReader } from '../src/storage/folder.ts';
import { checkPdfUa } from './support/pdf-ua-checker.ts';

const DIR = 'test/fixtures/committee';
const GOLDEN = join(DIR, 'golden');
const UPDATE = !!process.env.UPDATE_GOLDEN;

/** The profile of a fixture: the organisation.yaml in its folder, or Kent's when there is none. */
function organisationOf(file: string): Organisation {
  const profile = join(dirname(file), 'organisation.yaml');
  if (!existsSync(profile)) return DEFAULT_ORGANISATION;
  const r = loadOrganisation(profile, readFileSync(profile));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.path} ${p.message}`).join('\n'));
  return r.organisation;
}

function load(file: string) {
  return loadContent(file, readFileSync(file), folderImageLoader(file), { loadText: folderTextLoader(file), organisation: organisationOf(file) });
}

const assets = loadAssets();

/** A fixture's plain text, checked against (or, with UPDATE_GOLDEN=1, written to) its golden. */
async function text(file: string): Promise<string> {
  const r = load(file);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.path} ${p.message}`).join('\n'));
  const out = Buffer.from((await writeText(r.model, PROFILES.standard, renderContext(assets, r.model.meta.published))).bytes).toString('utf8');
  const golden = join(GOLDEN, `${dirname(file) === DIR ? '' : `${basename(dirname(file))}-`}${basename(file, extname(file))}.txt`);
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(golden, out);
  }
  expect(existsSync(golden), `${golden} is missing: run UPDATE_GOLDEN=1 npx vitest run test/committee-formats.test.ts and review it`).toBe(true);
  expect(out, `${golden} differs: review the change, then rewrite it with UPDATE_GOLDEN=1`).toBe(readFileSync(golden, 'utf8'));
  return out;
}

function problems(file: string): Problem[] {
  const r = load(file);
  if (r.ok) throw new Error(`${file} was accepted`);
  return r.problems;
}

const said = (ps: Problem[]) => ps.map((p) => `${p.file}:${p.line}:${p.col}: ${p.severity}: ${p.path}: ${p.message}`).join('\n');

const W = join(DIR, 'wexcombe');

describe('agenda item numbering', () => {
  it('letter and number ("B1"), the default: items under lettered sections', async () => {
    const t = await text(join(DIR, 'agenda.yaml'));
    expect(t).toMatch(/ A - Committee Business$/m);
    expect(t).toMatch(/ A1 Minutes of the last meeting$/m);
    expect(t).toContain('(Decision number: 17/00001)');
  });

  it('plain numbers with the council\'s word before them ("Agenda Item 4")', async () => {
    const t = await text(join(W, 'cabinet-2023-03-14-agenda.yaml'));
    expect(t).toMatch(/ Agenda Item 1: Apologies for absence$/m);
    expect(t).toMatch(/ Agenda Item 7: Disposal of land at Mill Lane$/m);
  });

  it('numbers as printed ("5(a)"), in sections with titles and no letters', async () => {
    const t = await text(join(W, 'planning-2021-01-19-agenda.yaml'));
    expect(t).toMatch(/ Planning applications$/m);
    expect(t).toMatch(/ 5\(a\) 20\/01234\/FUL - Land north of Mill Lane, Wexcombe$/m);
  });

  it('minutes cite agenda items in the same scheme', async () => {
    expect(await text(join(W, 'cabinet-2023-03-14-minutes.yaml'))).toContain('(Agenda Item 4; Key decision no: KD/2023/014)');
    expect(await text(join(W, 'planning-2021-01-19-minutes.yaml'))).toContain('(Item 5(a))');
    expect(await text(join(DIR, 'minutes.yaml'))).toContain('(Item A4)');
  });

  it('refuses a number that does not fit the scheme, saying which scheme fits', () => {
    const ps = problems(join(DIR, 'invalid', 'hybrid-without-link.yaml'));
    expect(said(ps)).toMatch(/hybrid-without-link\.yaml:14:\d+: error: items\[0\]\.number: "1" is not a capital letter and a number like "B1", which the default numbering \(letter-number\) needs; for plain numbers \(7\) write numbering: number/);
  });
});

describe('committee names', () => {
  it('a paper may name its committee by the profile\'s id, printed as the profile\'s name for it', async () => {
    const t = await text(join(W, 'planning-2021-01-19-agenda.yaml'));
    expect(t).toContain('Meeting: Planning Committee');
    expect(t).toContain('Wexcombe District Council, Planning Committee.');
  });
});

describe('agenda shape', () => {
  it('items are given one way (parts, sections or items), and plain numbers count on one by one', () => {
    const ps = said(problems(join(DIR, 'invalid', 'agenda-two-ways.yaml')));
    expect(ps).toMatch(/:16:\d+: error: items: an agenda gives its items one way: under parts .*it has both parts and items/);
    expect(ps).toMatch(/:14:\d+: error: parts\[0\]\.items\[1\]\.number: item 3 follows item 1; with numbering: number the items count on one by one \(for other numbers write numbering: as-printed\)/);
  });
});

describe('mistakes in minutes', () => {
  it('a mistyped field of a minute or a declaration is named with the field it was meant to be', () => {
    const ps = said(problems(join(DIR, 'invalid', 'minutes-typos.yaml')));
    expect(ps).toMatch(/minutes-typos\.yaml:16:5: error: items\[0\]\.resolvd: unknown field "resolvd"; did you mean "resolved"\?/);
    expect(ps).toMatch(/minutes-typos\.yaml:18:\d+: error: declarations\[0\]\.intrest: unknown field "intrest"; did you mean "interest"\?/);
  });
});

describe('part headings', () => {
  it('an agenda\'s parts print their headings and notes as written', async () => {
    const t = await text(join(W, 'cabinet-2023-03-14-agenda.yaml'));
    expect(t).toMatch(/ Part 1 - Unrestricted items\n=+\n\nThe press and public may attend for these items\.$/m);
    expect(t).toMatch(/ Part 2 - Exempt items$/m);
    expect(t).toContain('This item is exempt and is not published');
  });

  it('minutes may sit under part headings too', async () => {
    const t = await text(join(W, 'cabinet-2023-03-14-minutes.yaml'));
    expect(t.indexOf('Part 2 - Exempt items')).toBeGreaterThan(t.indexOf('46. Budget Monitoring, Quarter 3'));
    expect(t).toContain('The press and public were excluded for this item.');
  });
});

describe('meeting modes', () => {
  it('in person: the venue', async () => {
    expect(await text(join(DIR, 'minutes.yaml'))).toMatch(/held in Council Chamber, County Hall on Wednesday,? 1 February 2017\./);
  });

  it('online: no venue, and never "held in online"', async () => {
    const agenda = await text(join(W, 'planning-2021-01-19-agenda.yaml'));
    expect(agenda).toContain('Meeting held: online');
    expect(agenda).toContain('Join online: https://www.youtube.com/@wexcombecouncil/live');
    expect(agenda).not.toContain('Venue');
    const minutes = await text(join(W, 'planning-2021-01-19-minutes.yaml'));
    expect(minutes).toMatch(/^Minutes of a meeting of the Planning Committee held online on Tuesday,? 19 January 2021 at 7\.00 pm\.$/m);
    expect(minutes).not.toContain('held in online');
  });

  it('hybrid: the venue and the link to join', async () => {
    const t = await text(join(W, 'cabinet-2023-03-14-agenda.yaml'));
    expect(t).toContain('Venue: Council Chamber, Wexcombe Civic Centre');
    expect(t).toContain('Meeting held: in person and online');
    expect(t).toContain('Join online: https://www.youtube.com/@wexcombecouncil/live');
    expect(await text(join(W, 'cabinet-2023-03-14-minutes.yaml'))).toMatch(/held in Council Chamber, Wexcombe Civic Centre and online on Tuesday,? 14 March 2023/);
  });

  it('an online meeting with a venue, or a hybrid one without a link, is refused with the fix', () => {
    expect(said(problems(join(DIR, 'invalid', 'meeting-modes.yaml')))).toMatch(/:9:\d+: error: meeting\.venue: an online meeting has no venue; remove it, or write mode: hybrid/);
    expect(said(problems(join(DIR, 'invalid', 'hybrid-without-link.yaml')))).toMatch(/:10:\d+: error: meeting\.link: a hybrid meeting needs the web address people join it by/);
  });
});

describe('resolution wording', () => {
  it('the organisation\'s wording by default: Kent\'s "RESOLVED that", Wexcombe\'s "RESOLVED"', async () => {
    expect(await text(join(DIR, 'minutes.yaml'))).toContain('RESOLVED that the declaration be noted.');
    const t = await text(join(W, 'cabinet-2023-03-14-minutes.yaml'));
    expect(t).toContain('RESOLVED that the minutes of the meeting held on 14 February 2023 be approved as a correct record.');
  });

  it('a minute\'s own wording, kept as written', async () => {
    const t = await text(join(W, 'cabinet-2023-03-14-minutes.yaml'));
    expect(t).toContain('It was RESOLVED that the refurbishment be approved at a cost of no more than £2.1m.');
    expect(t).toMatch(/^AGREED\n\n\(a\) to extend the contract by one year; and$/m);
    expect(await text(join(W, 'planning-2021-01-19-minutes.yaml'))).toContain('RESOLVED: that planning permission be granted');
  });

  it('punctuation after the wording follows it without a space ("RESOLVED that:")', async () => {
    expect(await text(join(DIR, 'minutes.yaml'))).toContain('RESOLVED that:');
  });
});

describe('decision types', () => {
  it('key: the number under the council\'s key-decision label', async () => {
    const t = await text(join(W, 'cabinet-2023-03-14-agenda.yaml'));
    expect(t).toContain('(Key decision no: KD/2023/014)');
  });

  it('non-key: its label, and its number only once when the title already carries it', async () => {
    const t = await text(join(W, 'cabinet-2023-03-14-agenda.yaml'));
    expect(t).toMatch(/ Agenda Item 5: Grass Cutting Contract Extension - DEC-23-007\n-+\n\n\(Non-key decision\)$/m);
    expect(t.match(/DEC-23-007/g)).toHaveLength(1);
    const report = await text(join(DIR, 'report-non-key.yaml'));
    expect(report).toContain('Decision number: 16/00062');
    expect(report).toContain('Non-key decision');
  });

  it('none: nothing about a decision is printed', async () => {
    const t = await text(join(W, 'cabinet-2023-03-14-agenda.yaml'));
    expect(t).toMatch(/ Agenda Item 6: Budget Monitoring, Quarter 3\n-+\n\n[\d. ]*Part 2 - Exempt items/);
  });

  it('a number is checked against the council\'s templates, quoted with an example', () => {
    expect(said(problems(join(DIR, 'invalid', 'meeting-modes.yaml')))).toMatch(
      /:12:\d+: error: items\[0\]\.decision: "2021-7" is not a decision number as Kent County Council writes them: YY\/NNNNN \(like "16\/00123"\)/,
    );
  });
});

describe('records of decision', () => {
  it('the council\'s labels, an extra question where it belongs, a table in an answer, a blank answer printed blank', async () => {
    const t = await text(join(W, 'leisure-centre-report.yaml'));
    expect(t).toContain('RECORD OF DECISION');
    expect(t).toContain('Decision taken by: Cabinet');
    expect(t).toContain('Key decision no: KD/2023/014');
    expect(t).toContain('Title of Decision: Leisure Centre Refurbishment');
    expect(t).toMatch(/Financial implications:\n\nThe refurbishment is funded from the capital programme\.\n\n[\s\S]*Cost of the refurbishment by year[\s\S]*2023\/24\. Cost: £1\.6m/);
    expect(t).toMatch(/Equality implications:\n\nAn equality impact assessment found no adverse effects\.\n\nData protection implications:\n\nNo personal data is processed\.\n\nAny alternatives considered:/);
    expect(t).toMatch(/Any interest declared when the decision was taken and any dispensation granted by the Proper Officer:\n\nSigned:/);
    expect(t).not.toMatch(/to be completed/i);
  });

  it('a record that disagrees with its report is refused: the decision\'s type and number must agree', () => {
    const ps = said(problems(join(DIR, 'invalid', 'record-of-decision-conflicts.yaml')));
    expect(ps).toMatch(/:21:\d+: error: appendices\[0\]\.recordOfDecision\.number: the record of decision says 17\/00002 but the report's decision number is 17\/00001/);
    expect(ps).toMatch(/:22:\d+: error: appendices\[0\]\.recordOfDecision\.keyDecision: the record of decision makes this a key decision, but the report's decision is non-key; make them agree/);
  });

  it('a document may give its own label for the title field', async () => {
    expect(await text(join(DIR, 'report-non-key.yaml'))).toContain('Title of Decision: Extension of the chlamydia testing service contract');
  });

  it('Kent\'s key decision with its reason: the number under "Decision number", the reason under "Key decision"', async () => {
    const r = load('content/committee-2016-10-11/b1-integrated-domestic-abuse-services.yaml');
    if (!r.ok) throw new Error(said(r.problems));
    const t = Buffer.from((await writeText(r.model, PROFILES.standard, renderContext(assets, r.model.meta.published))).bytes).toString('utf8');
    expect(t).toContain('Decision number: 16/00014\n\nFor publication\n\nKey decision: Affects more than two Electoral Divisions and expenditure of over £1m\n\nSubject: Commissioning of Integrated Domestic Abuse Support Services');
    expect(t).not.toMatch(/to be completed/i);
  });
});

describe('reports', () => {
  it('number their closing sections when the council does, in the order of their numbers', async () => {
    const t = await text(join(W, 'leisure-centre-report.yaml'));
    expect(t).toMatch(/^8\. Background documents$/m);
    expect(t).toMatch(/^9\. Contact details$/m);
    expect(t.indexOf('8. Background documents')).toBeLessThan(t.indexOf('9. Contact details'));
  });

  it('print the closing sections as before when not numbered', async () => {
    const t = await text(join(DIR, 'report-non-key.yaml'));
    expect(t).toMatch(/ Background documents\n=+\n\nNone$/m);
  });
});

describe('declarations of interest', () => {
  it('as the minutes\' own sentence, in its minute and in the list', async () => {
    const t = await text(join(W, 'cabinet-2023-03-14-minutes.yaml'));
    const sentence = 'Cllr Ali Khan declared an other registrable interest in minute 44 as a trustee of the Wexcombe Swimming Club, and left the room for that item.';
    expect(t.indexOf(sentence)).toBeGreaterThan(t.indexOf('44. Leisure Centre Refurbishment'));
    expect(t.indexOf(sentence)).toBeLessThan(t.indexOf('45. Grass Cutting'));
    expect(t).toContain(`${sentence} (see "minute 44"`);
    expect(t).not.toContain('Declaration of interest: Cllr Ali Khan');
  });

  it('member by member, labelled', async () => {
    expect(await text(join(W, 'planning-2021-01-19-minutes.yaml'))).toContain('Declaration of interest: Cllr Ben Moss: he lives next door to the site and took no part in the item');
  });
});

describe('minutes checked against their agenda', () => {
  it('an item the agenda beside them does not have is a located error with a did-you-mean', () => {
    expect(said(problems(join(DIR, 'minutes-item-not-on-agenda.yaml')))).toMatch(/minutes-item-not-on-agenda\.yaml:14:\d+: error: items\[1\]\.agendaItem: the agenda "agenda\.yaml" has no item A12; did you mean A1\?/);
  });

  it('the upload pipeline reads the agenda the minutes name as one of their inputs, so a changed agenda republishes them', async () => {
    const file = join(W, 'cabinet-2023-03-14-minutes.yaml');
    const inputs = await gatherInputs(file, readFileSync(file), folderInputReader(file), 'fingerprint');
    expect([...inputs.texts.keys()]).toEqual(['cabinet-2023-03-14-agenda.yaml']);
    expect(inputs.files.map((f) => f.name)).toContain('cabinet-2023-03-14-agenda.yaml');
  });

  it('minutes whose agenda is not beside them build, with a warning that their references were not checked', () => {
    const file = join(W, 'cabinet-2023-03-14-minutes.yaml');
    const r = loadContent(file, readFileSync(file), folderImageLoader(file), { loadText: () => undefined, organisation: organisationOf(file) });
    expect(r.ok).toBe(true);
    if (r.ok) expect(said(r.warnings)).toMatch(/:13:\d+: warning: agenda: the agenda "cabinet-2023-03-14-agenda\.yaml" is not beside these minutes, so their agenda references were not checked/);
  });

  it('every reference of minutes whose agenda is beside them is checked, and they build', () => {
    for (const f of ['cabinet-2023-03-14-minutes.yaml', 'planning-2021-01-19-minutes.yaml']) {
      const r = load(join(W, f));
      expect(r.ok, f).toBe(true);
      if (r.ok) expect(r.warnings, f).toEqual([]);
    }
  });
});

describe('every fixture in every format', () => {
  it('publishes each fixture as HTML, text, PDF and DOCX, each PDF tagged', async () => {
    const files = [
      ...['agenda.yaml', 'minutes.yaml', 'report-non-key.yaml'].map((f) => join(DIR, f)),
      ...['cabinet-2023-03-14-agenda.yaml', 'cabinet-2023-03-14-minutes.yaml', 'leisure-centre-report.yaml', 'planning-2021-01-19-agenda.yaml', 'planning-2021-01-19-minutes.yaml'].map((f) => join(W, f)),
    ];
    for (const f of files) {
      const r = await publish(f, readFileSync(f), folderImageLoader(f), { loadText: folderTextLoader(f), organisation: organisationOf(f) });
      if (!r.ok) throw new Error(said(r.problems));
      expect(r.files.map((x) => x.file.format).sort(), f).toEqual(['brf', 'docx', 'docx', 'epub', 'html', 'pdf', 'pdf', 'txt']);
      const { failures } = await checkPdfUa(r.files.find((x) => x.file.format === 'pdf' && x.file.profile === 'standard')!.data);
      expect(failures, f).toEqual([]);
    }
  }, 120_000);
});

describe('symbols beside blocks in committee papers', () => {
  it('a record of decision answer may set a bundled symbol beside its text, with its alt text', async () => {
    const file = join(DIR, 'report-non-key.yaml');
    const yaml = readFileSync(file, 'utf8').replace(
      'reasons: A new service will be commissioned in 2017.',
      'reasons:\n        - pictureRow:\n            picture: { symbol: calendar, alt: A calendar }\n            blocks:\n              - text: A new service will be commissioned in 2017.',
    );
    const r = loadContent(file, Buffer.from(yaml), folderImageLoader(file), { loadText: folderTextLoader(file), organisation: organisationOf(file), symbols: new Set(assets.symbols.keys()) });
    if (!r.ok) throw new Error(said(r.problems));
    const out = Buffer.from((await writeText(r.model, PROFILES.standard, renderContext(assets, r.model.meta.published))).bytes).toString('utf8');
    expect(out).toContain('A new service will be commissioned in 2017.');
    expect(JSON.stringify(r.model.blocks)).toContain('"alt":"A calendar"');
  });
});
