// Bad and hostile uploads (docs/reliability.md): every one ends in located, plain-English problems,
// exit status 1 and nothing written; never a stack trace, a crash or a broken publication.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/cli/docgen.ts';
import { parseSource } from '../src/parse/source.ts';
import { LIMITS } from '../src/limits.ts';

const INVALID = 'test/fixtures/invalid';

async function refuse(file: string) {
  const out = mkdtempSync(join(tmpdir(), 'docgen-hostile-'));
  const lines: string[] = [];
  const ok = await build(file, out, undefined, (s) => lines.push(s));
  const log = lines.join('\n');
  expect(ok, log).toBe(false);
  expect(readdirSync(out), 'nothing is written').toEqual([]);
  expect(log, 'no stack trace reaches staff').not.toMatch(/\n\s+at |Error:|TypeError|RangeError|ReferenceError|ENAMETOOLONG|EISDIR|ENOENT/);
  expect(log, 'no parser jargon reaches staff').not.toMatch(/parseAllDocuments|compact mappings|implicit key|Unresolved tag|tag:yaml\.org/);
  return log;
}

const cases: [fixture: string, located: RegExp][] = [
  // kinds that name Object.prototype properties
  ['kind-constructor.yaml', /kind-constructor\.yaml:1:7: error: kind: unknown kind "constructor"; use one of/],
  ['kind-proto.yaml', /kind-proto\.yaml:1:7: error: kind: unknown kind "__proto__"/],
  ['kind-tostring.yaml', /kind-tostring\.yaml:1:7: error: kind: unknown kind "toString"/],
  // YAML that crashed the parser or was silently changed
  ['yaml-undefined-alias.yaml', /yaml-undefined-alias\.yaml:3:8: error: \(top level\): "\*missing" repeats a part marked "&missing", but there is no such mark/],
  ['yaml-alias-bomb.yaml', /yaml-alias-bomb\.yaml:\d+:\d+: error: .*repeats marked parts/],
  ['yaml-unknown-tag.yaml', /yaml-unknown-tag\.yaml:3:8: error: .*"!!js\/function" is a YAML tag, which this format does not use/],
  ['yaml-custom-tag.yaml', /yaml-custom-tag\.yaml:3:8: error: .*"!evil" is a YAML tag, which this format does not use/],
  ['yaml-directive.yaml', /yaml-directive\.yaml:1:\d+: error: .*YAML directive, which this format does not use; remove the line/],
  ['yaml-colon-in-value.yaml', /yaml-colon-in-value\.yaml:3:\d+: error: .*a colon followed by a space inside a value needs the whole value in quotes: title: "Priority 2: Living well at home"/],
  ['yaml-tab-indent.yaml', /yaml-tab-indent\.yaml:11:1: error: .*a tab is used to indent this line; YAML needs spaces/],
  ['yaml-two-documents.yaml', /yaml-two-documents\.yaml:18:1: error: .*a second document starts here/],
  // JSON that YAML would have accepted
  ['json-trailing-comma.json', /json-trailing-comma\.json:6:1: error: .*remove the comma before this "}"/],
  ['json-single-quotes.json', /json-single-quotes\.json:4:3: error: .*JSON needs double quotes/],
  // encodings
  ['encoding-latin1.yaml', /encoding-latin1\.yaml:3:11: error: .*not saved as UTF-8: the byte 0xE9 .*save it as UTF-8/],
  ['encoding-bad-utf8.yaml', /encoding-bad-utf8\.yaml:17:19: error: .*not saved as UTF-8: the byte 0xC3/],
  ['encoding-utf16.yaml', /encoding-utf16\.yaml:1:1: error: .*saved as UTF-16 .*save it as UTF-8/],
  ['encoding-utf16-no-bom.yaml', /encoding-utf16-no-bom\.yaml:1:1: error: .*saved as UTF-16/],
  // characters in titles, ids and text
  ['title-nul.yaml', /title-nul\.yaml:3:8: error: title: contains an invisible control character \(U\+0000\) at character 7/],
  ['title-control-character.yaml', /title-control-character\.yaml:3:14: error: \(top level\): the file has an invisible control character \(U\+0007\) here/],
  ['title-lone-surrogate.yaml', /title-lone-surrogate\.yaml:3:8: error: title: contains half of a character \(a lone surrogate\) \(U\+D800\)/],
  ['title-bidi-override.yaml', /title-bidi-override\.yaml:3:8: error: title: contains a bidirectional embedding or override.*\(U\+202E\)/],
  ['title-bidi-isolate.yaml', /title-bidi-isolate\.yaml:3:8: error: title: contains a bidirectional isolate.*\(U\+2067\)/],
  ['title-zero-width-space.yaml', /title-zero-width-space\.yaml:3:8: error: title: contains an invisible zero-width space \(U\+200B\)/],
  ['body-bidi-override.yaml', /body-bidi-override\.yaml:17:15: error: sections\[0\]\.blocks\[0\]\.text: contains a bidirectional embedding or override/],
  // found by reading every output of a few hundred generated hostile uploads
  ['yaml-recursive-alias.yaml', /yaml-recursive-alias\.yaml:18:11: error: .*"\*a" repeats the part marked "&a" inside itself, which never ends/],
  ['yaml-core-tag.yaml', /yaml-core-tag\.yaml:3:8: error: .*"!!str" is a YAML tag/],
  ['yaml-complex-key.yaml', /yaml-complex-key\.yaml:18:3: error: .*a field name must be plain text/],
  ['comment-nul.yaml', /comment-nul\.yaml:1:12: error: .*invisible control character \(U\+0000\)/],
  ['body-entity-bidi-override.yaml', /body-entity-bidi-override\.yaml:17:15: error: sections\[0\]\.blocks\[0\]\.text: contains a bidirectional embedding or override.*\(U\+202E\)/],
  ['body-entity-noncharacter.yaml', /body-entity-noncharacter\.yaml:17:15: error: sections\[0\]\.blocks\[0\]\.text: contains a character that is not text .*\(U\+FFFE\)/],
  ['body-entity-nul.yaml', /body-entity-nul\.yaml:17:15: error: .*invisible control character \(U\+0000\)/],
  ['body-noncharacter-plane-1.yaml', /body-noncharacter-plane-1\.yaml:17:15: error: .*not text .*\(U\+1FFFE\)/],
  ['title-paragraph-separator.yaml', /title-paragraph-separator\.yaml:3:8: error: title: contains a line or paragraph separator/],
  ['title-hangul-filler.yaml', /title-hangul-filler\.yaml:3:8: error: title: contains an invisible character/],
  ['body-deep-blockquote.yaml', /body-deep-blockquote\.yaml:17:\d+: error: sections\[0\]\.blocks\[0\]\.text: quotes or lists are nested more than 16 deep/],
  ['body-deep-indented-list.yaml', /body-deep-indented-list\.yaml:17:15: error: sections\[0\]\.blocks\[0\]\.text: quotes or lists are nested more than 16 deep/],
  ['body-endless-word.yaml', /body-endless-word\.yaml:17:15: error: sections\[0\]\.blocks\[0\]\.text: has a run of 20000 characters without a space/],
  ['pack-contains-itself.yaml', /pack-contains-itself\.yaml:8:9: error: agenda: an agenda pack cannot contain itself/],
  // ids and references
  ['id-too-long.yaml', /id-too-long\.yaml:2:5: error: id: must be at most 100 characters; use a shorter id/],
  ['duplicate-image-ids.yaml', /duplicate-image-ids\.yaml:22:9: error: images\[1\]\.id: the picture id "logo" is used twice/],
];

describe('hostile and careless uploads are refused with located problems', () => {
  it.each(cases)('%s', async (fixture, located) => {
    expect(await refuse(join(INVALID, fixture))).toMatch(located);
  });

  it('lists the same mistake in two papers of a pack once for each paper', async () => {
    const { loadContent } = await import('../src/pipeline/validate.ts');
    const pack = readFileSync(join(INVALID, 'pack-contains-itself.yaml'), 'utf8').replace(/agenda: .*\n/, 'agenda: agenda.yaml\n').replace(/papers:[\s\S]*/, 'papers:\n  - p1.yaml\n  - p2.yaml\n');
    const paper = Buffer.from('kind: report\nid: same-mistake\n');
    const r = loadContent('pack.yaml', Buffer.from(pack), () => undefined, { loadText: (f) => (f === 'agenda.yaml' ? Buffer.from('kind: agenda\n') : paper) });
    expect(r.ok).toBe(false);
    const files = new Set((r as { problems: { file: string }[] }).problems.map((p) => p.file));
    expect([...files].sort()).toEqual(['agenda.yaml', 'p1.yaml', 'p2.yaml']);
  });

  it('keeps zero-width joiners, which some scripts need, and a UTF-8 byte-order mark', () => {
    const text = readFileSync(join(INVALID, 'title-zero-width-space.yaml'), 'utf8').replace('\u200b', '\u200d');
    expect(parseSource('zwj.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])).problems).toEqual([]);
  });

  it('allows bidirectional isolates in body text, for names written right to left', () => {
    const text = readFileSync(join(INVALID, 'body-bidi-override.yaml'), 'utf8').replace('\u202e000,01\u202c', '\u2067\u0645\u062d\u0645\u062f\u2069');
    expect(parseSource('isolate.yaml', Buffer.from(text)).problems).toEqual([]);
  });
});

describe('bounds: each limit exceeded is a located problem, found before the work it bounds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'docgen-bounds-'));
  const write = (name: string, text: string | Buffer) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it.each([
    ['flow', 'deep-flow.yaml', `kind: local-account\ntitle: ${'['.repeat(20000)}${']'.repeat(20000)}\n`, /deep-flow\.yaml:2:\d+: error: .*nested more than 64 levels/],
    ['block', 'deep-block.yaml', `kind: local-account\n${Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`, /deep-block\.yaml:\d+:\d+: error: .*nested more than 64 levels/],
    ['sequence', 'deep-seq.yaml', `kind: local-account\nsections:\n  ${'- '.repeat(5000)}x\n`, /deep-seq\.yaml:3:\d+: error: .*nested more than 64 levels/],
    ['JSON', 'deep.json', `{"kind": "local-account", "title": ${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}}`, /deep\.json:1:\d+: error: .*nested more than 64 levels/],
  ])('nesting thousands deep (%s) is refused', async (_what, name, text, located) => {
    expect(await refuse(write(name, text))).toMatch(located);
  });

  it('a content file over the size limit is refused before it is parsed', async () => {
    const big = `kind: local-account\nid: big\ntitle: Big\nsummary: |\n${'  All work and no play makes a long report.\n'.repeat(Math.ceil(LIMITS.contentBytes / 40))}`;
    expect(await refuse(write('big.yaml', big))).toMatch(/big\.yaml:1:1: error: .*the file is \d+\.\d MB, more than the 2\.0 MB one publication may be/);
  });

  it('too many aliases are refused', async () => {
    const text = `kind: local-account\nx: &a "y"\nlist: [${Array.from({ length: LIMITS.yamlAliases + 1 }, () => '*a').join(', ')}]\n`;
    expect(await refuse(write('aliases.yaml', text))).toMatch(/aliases\.yaml:3:\d+: error: .*more than 100 times/);
  });
});
