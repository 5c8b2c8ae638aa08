// The strategy "Your life, your well-being" in every format, read back with independent readers.
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import YAML from 'yaml';
import { readFileSync } from 'node:fs';
import { buildAll } from './support/build.ts';
import { checkPdfUa } from './support/pdf-ua-checker.ts';

const FILE = 'content/strategy/your-life-your-wellbeing-strategy.yaml';

describe('strategy', () => {
  it('publishes the whole strategy in every format, with a bookmark per chapter and tagged PDFs', async () => {
    const out = await buildAll(FILE);
    expect([...out.keys()].sort()).toEqual(['large-print.docx', 'large-print.pdf', 'standard.brf', 'standard.docx', 'standard.epub', 'standard.html', 'standard.pdf', 'standard.txt']);
    const chapters: string[] = YAML.parse(readFileSync(FILE, 'utf8')).sections.map((s: { title: string }) => s.title);
    expect(chapters).toHaveLength(11);
    for (const key of ['standard.pdf', 'large-print.pdf']) {
      const { failures, pdf } = await checkPdfUa(out.get(key)!.data);
      expect(failures, key).toEqual([]);
      expect(pdf.outline.map((o) => o.title)).toEqual(expect.arrayContaining(chapters));
    }
    const text = Buffer.from(out.get('standard.txt')!.data).toString('utf8');
    for (const c of chapters) expect(text).toContain(`\n${c}\n`);
    expect(text).toContain('Case study: ');
    const docx = await (await JSZip.loadAsync(out.get('standard.docx')!.data)).file('docProps/core.xml')!.async('string');
    expect(docx).toContain('<dc:title>Your life, your well-being</dc:title>');
  });
});
