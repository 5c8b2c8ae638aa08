// Invalid content gets every problem located (file:line:col, field path) in plain English,
// and no output at all.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/cli/docgen.ts';
import { readFileSync } from 'node:fs';
import { checkPdfUa } from './support/pdf-ua-checker.ts';
import { walk } from './support/pdf-reader.ts';
import JSZip from 'jszip';

const cases: [file: string, expected: RegExp[]][] = [
  ['wrong-type.yaml', [/wrong-type\.yaml:3:8: error: title: must be text, but it is number 42/]],
  ['missing-required.yaml', [/missing-required\.yaml:1:1: error: title: "title" is required but missing/]],
  ['yaml-syntax.yaml', [/yaml-syntax\.yaml:3:8: error: \(top level\): a quotation mark is not closed; end the text with the same kind of quote it starts with/]],
  ['unknown-field.yaml', [/unknown-field\.yaml:13:5: error: sections\[0\]\.blokcs: unknown field "blokcs"; did you mean "blocks"\?/]],
  [
    'dangling-references.yaml',
    [
      /:15:\d+: error: sections\[0\]\.blocks\[0\]\.text: the glossary has no term "advocacy-for-all"/,
      /:16:\d+: error: sections\[0\]\.blocks\[1\]\.keyFacts\.facts\[0\]: there is no fact with id "no-such-fact"/,
      /:17:\d+: error: sections\[0\]\.blocks\[2\]\.contact: there is no contact with id "nobody"/,
      /:18:\d+: error: sections\[0\]\.blocks\[3\]\.chart: there is no chart with id "no-chart"/,
      /:19:\d+: error: sections\[0\]\.blocks\[4\]\.figure\.image: there is no image with id "no-image"/,
    ],
  ],
  ['raw-html.yaml', [/raw-html\.yaml:17:\d+: error: sections\[0\]\.blocks\[0\]\.text: raw HTML is not allowed/]],
  ['javascript-link.yaml', [/javascript-link\.yaml:15:\d+: error: sections\[0\]\.blocks\[0\]\.text: links may only start with https:\/\/, http:\/\/, mailto: or tel:/]],
  ['bad-date.yaml', [/bad-date\.yaml:6:12: error: published: is not a real date/]],
  ['json-wrong-type.json', [/json-wrong-type\.json:11:15: error: sections: must be a list/]],
];

describe('invalid content', () => {
  it.each(cases)('%s gives its located errors and no output', async (file, expected) => {
    const out = mkdtempSync(join(tmpdir(), 'docgen-'));
    const lines: string[] = [];
    const ok = await build(join('test/fixtures/invalid', file), out, undefined, (s) => lines.push(s));
    const log = lines.join('\n');
    expect(ok).toBe(false);
    for (const e of expected) expect(log).toMatch(e);
    expect(log).toMatch(/nothing was published/);
    expect(log).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack traces
    expect(readdirSync(out)).toEqual([]);
  });

  it('reports all problems at once', async () => {
    const lines: string[] = [];
    await build('test/fixtures/invalid/dangling-references.yaml', mkdtempSync(join(tmpdir(), 'docgen-')), undefined, (s) => lines.push(s));
    expect(lines.filter((l) => l.includes(': error: '))).toHaveLength(5);
  });
});

describe('valid content', () => {
  it('publishes every output and manifest.json last-written into out/<id>/', async () => {
    const out = mkdtempSync(join(tmpdir(), 'docgen-'));
    const ok = await build('test/fixtures/valid/minimal.yaml', out, undefined, () => {});
    expect(ok).toBe(true);
    const files = readdirSync(join(out, 'minimal-account')).sort();
    expect(files).toEqual(['index.html', 'manifest.json', 'minimal-account-large-print.docx', 'minimal-account-large-print.pdf', 'minimal-account.brf', 'minimal-account.docx', 'minimal-account.epub', 'minimal-account.html', 'minimal-account.pdf', 'minimal-account.txt']);
    expect(existsSync(join(out, 'minimal-account.partial'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(out, 'minimal-account', 'manifest.json'), 'utf8'));
    expect(manifest.outputs.map((o: { file: string }) => o.file)).toHaveLength(8);
    for (const pdfFile of ['minimal-account.pdf', 'minimal-account-large-print.pdf']) {
      const { failures, pdf } = await checkPdfUa(readFileSync(join(out, 'minimal-account', pdfFile)));
      expect(failures).toEqual([]);
      // PDF-15: the picture is a Figure with its alt text and its caption inside it.
      const figures: { alt?: string; children?: { role?: string }[] }[] = [];
      for (const tree of pdf.trees) walk(tree, (n) => { if (n.role === 'Figure') figures.push(n); });
      expect(figures[0]?.alt).toBe('A single blue square');
      expect(figures[0]?.children?.some((c) => c.role === 'Caption')).toBe(true);
      // PDF-10: the Welsh passage is a Span with its own language.
      const spans: { lang?: string }[] = [];
      for (const tree of pdf.trees) walk(tree, (n) => { if (n.role === 'Span') spans.push(n); });
      expect(spans.map((s) => s.lang)).toContain('cy');
    }
    const docx = await JSZip.loadAsync(readFileSync(join(out, 'minimal-account', 'minimal-account.docx')));
    expect(await docx.file('word/document.xml')!.async('string')).toMatch(/<w:lang w:val="cy"\/>.*?Croeso i Gaint/s);
  });
});
