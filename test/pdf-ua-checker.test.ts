// Scores our PDF/UA checker against a peer's test suite: the veraPDF PDF/UA-1 corpus files of the
// rules it claims (test/fixtures/verapdf/, CC BY 4.0). For each claimed rule, every fail file of its
// tests is flagged with the rule and no pass file is; pass files are not flagged at all. Prints the
// per-rule table. VERAPDF_CORPUS=<checkout>/PDF_UA-1 scores a whole corpus folder instead.
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { checkPdfUa, isBcp47, isLanguageTag, NOT_CHECKED, RULES } from './support/pdf-ua-checker.ts';

const ROOT = process.env.VERAPDF_CORPUS ?? 'test/fixtures/verapdf/PDF_UA-1';

interface CorpusFile {
  path: string;
  name: string;
  /** The test it belongs to, e.g. 7.1-t03 (the corpus names one file 7-18.3-…: read as 7.18.3). */
  test: string;
  expect: 'fail' | 'pass';
}
function corpusFiles(dir: string): CorpusFile[] {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return corpusFiles(path);
    const m = /^(\d[\d.-]*?-t\d+)-(fail|pass)-[a-z]+\.pdf$/.exec(entry);
    return m ? [{ path, name: entry, test: m[1].replace(/^(\d+)-(\d)/, '$1.$2'), expect: m[2] as 'fail' | 'pass' }] : [];
  });
}

const files = corpusFiles(ROOT);
const claimed = new Set(RULES.flatMap((r) => r.tests));
const flagged = new Map<string, Set<string>>();
const messages = new Map<string, string[]>();
const ofRule = (rule: (typeof RULES)[number], expect: 'fail' | 'pass') => files.filter((f) => f.expect === expect && rule.tests.includes(f.test));

beforeAll(async () => {
  for (const f of files) {
    if (!claimed.has(f.test)) continue;
    const { failures } = await checkPdfUa(new Uint8Array(readFileSync(f.path)), { house: false });
    flagged.set(f.path, new Set(failures.map((x) => x.rule)));
    messages.set(f.path, failures.map((x) => `${x.rule}: ${x.message}`));
  }
  const rows = RULES.map((r) => {
    const fail = ofRule(r, 'fail'), pass = ofRule(r, 'pass');
    const hit = fail.filter((f) => flagged.get(f.path)!.has(r.id)).length;
    const clean = pass.filter((f) => !flagged.get(f.path)!.has(r.id)).length;
    return `${r.id.padEnd(7)} ${r.clause.padEnd(17)} ${`${hit}/${fail.length}`.padStart(7)} ${`${clean}/${pass.length}`.padStart(7)}`;
  });
  const checked = files.filter((f) => claimed.has(f.test));
  const failTotal = checked.filter((f) => f.expect === 'fail'), passTotal = checked.filter((f) => f.expect === 'pass');
  console.log(
    [
      `PDF/UA checker on ${ROOT}: ${checked.length} files of claimed rules`,
      'rule    clause            flagged   clean',
      ...rows,
      `all     ${''.padEnd(17)} ${`${failTotal.filter((f) => flagged.get(f.path)!.size).length}/${failTotal.length}`.padStart(7)} ${`${passTotal.filter((f) => !flagged.get(f.path)!.size).length}/${passTotal.length}`.padStart(7)}`,
      `(flagged: fail files flagged with the rule; clean: pass files not flagged with it; last row: flagged with anything / not flagged at all)`,
      `not claimed: ${NOT_CHECKED.flatMap((n) => n.tests).join(', ')}`,
    ].join('\n'),
  );
}, 600_000);

describe('the veraPDF PDF/UA-1 corpus', () => {
  it('has files for the claimed rules, and only those when vendored', () => {
    expect(files.filter((f) => claimed.has(f.test)).length).toBeGreaterThan(250);
    if (!process.env.VERAPDF_CORPUS) expect(files.filter((f) => !claimed.has(f.test)).map((f) => f.name)).toEqual([]);
  });

  for (const rule of RULES) {
    const fail = ofRule(rule, 'fail'), pass = ofRule(rule, 'pass');
    it(`${rule.id} (${rule.clause}): flags its ${fail.length} fail files and none of its ${pass.length} pass files`, () => {
      for (const f of fail) expect(flagged.get(f.path)!.has(rule.id), `${f.name} should be flagged ${rule.id}; got ${JSON.stringify(messages.get(f.path))}`).toBe(true);
      for (const f of pass) expect(messages.get(f.path)!.filter((m) => m.startsWith(`${rule.id}:`)), f.name).toEqual([]);
    });
  }

  it('flags no pass file of a claimed rule with anything', () => {
    const pass = files.filter((f) => f.expect === 'pass' && claimed.has(f.test));
    expect(Object.fromEntries(pass.filter((f) => flagged.get(f.path)!.size).map((f) => [f.name, messages.get(f.path)]))).toEqual({});
  });
});

describe('language tags (PDF-24)', () => {
  it('takes any well-formed BCP 47 tag, and the RFC 3066 forms the corpus passes', () => {
    for (const tag of ['en', 'en-GB', 'en-us', 'EN-US', 'cy', 'sr-Latn-RS', 'zh-Hant-TW', 'es-419', 'de-CH-1996', 'sl-rozaj-biske', 'x-private', 'i-klingon', 'en-GB-oed', 'nl-1234abcd', 'portugue', 'p-pt']) {
      expect(isLanguageTag(tag), tag).toBe(true);
    }
    for (const tag of ['', '-pt', '1-pt', 'portugues-pt', 'nl-1234abcde', 'пт-PT', 'en_GB', 'en-', 'en--GB']) expect(isLanguageTag(tag), tag).toBe(false);
  });
  it('holds our own PDFs to well-formed BCP 47 (PDF-H10)', () => {
    for (const tag of ['en-GB', 'en-us', 'sr-Latn-RS', 'zh-Hant-TW', 'es-419', 'de-CH-1996', 'x-private', 'i-klingon', 'cy']) expect(isBcp47(tag), tag).toBe(true);
    for (const tag of ['p-pt', 'portugues', 'en-GB-x', 'en-a', '1-pt', '']) expect(isBcp47(tag), tag).toBe(false);
  });
});
