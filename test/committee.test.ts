// Committee papers: every kind validates and publishes; the agenda pack's printed page ranges
// are the pages where each paper really starts and ends (read back with pdfjs-dist).
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publish } from '../src/pipeline/publish.ts';
import { folderImageLoader, folderTextLoader } from '../src/storage/folder.ts';
import { build } from '../src/cli/docgen.ts';
import YAML from 'yaml';
import { checkPdfUa } from './support/pdf-ua-checker.ts';
import { treeText, walk, type ReadPdf } from './support/pdf-reader.ts';

async function publishFile(file: string) {
  const r = await publish(file, readFileSync(file), folderImageLoader(file), { loadText: folderTextLoader(file) });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.path} ${p.message}`).join('\n'));
  return r;
}

// Extraction drops the space where a line wraps, so texts are compared without whitespace.
const squash = (s: string) => s.replace(/\s+/g, '');

/** Page of each top-level heading under the title (H2: the agenda and each paper in a pack), from the structure tree. */
function headingPages(pdf: ReadPdf): Map<string, number> {
  const out = new Map<string, number>();
  pdf.text.forEach((t, i) =>
    walk(pdf.trees[i], (n) => {
      if (n.role === 'H2') {
        const text = squash(treeText(n, t.byMcid).join(''));
        if (!out.has(text)) out.set(text, i + 1);
      }
    }),
  );
  return out;
}

async function checkPackRanges(file: string, papers: { title: string; item: string }[]) {
  const r = await publishFile(file);
  for (const f of r.files.filter((x) => x.file.format === 'pdf')) {
    const { failures, pdf } = await checkPdfUa(f.data);
    expect(failures, f.file.file).toEqual([]);
    const starts = headingPages(pdf);
    const all = squash(pdf.text.map((t) => t.plain).join(''));
    papers.forEach((p, i) => {
      const start = starts.get(squash(p.title));
      expect(start, `${p.title} starts on a page`).toBeGreaterThan(0);
      const nextStart = i + 1 < papers.length ? starts.get(squash(papers[i + 1].title))! : pdf.pages + 1;
      const printed = new RegExp(`${squash(p.item).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.{0,200}?\\((?:[A-Za-z-]+:?[0-9/]*\\.)*Pages?(\\d+)(?:to(\\d+))?\\)`).exec(all);
      expect(printed, `${p.item} prints its page range`).not.toBeNull();
      expect(Number(printed![1]), `${p.item} first page`).toBe(start);
      expect(Number(printed![2] ?? printed![1]), `${p.item} last page`).toBe(nextStart - 1);
    });
    // Page stamps: every page says which page of the pack it is.
    pdf.text.forEach((t, i) => expect(squash(t.artifacts.join(''))).toContain(`Page${i + 1}of${pdf.pages}`));
  }
  return r;
}

describe('committee papers', () => {
  it('computes the agenda pack page ranges from the real layout (test pack, standard and large print)', async () => {
    const r = await checkPackRanges('test/fixtures/committee/pack.yaml', [
      { title: 'Test Committee, 1 February 2017: minutes', item: 'A1 Minutes of the last meeting' },
      { title: 'A report', item: 'A2 A report' },
    ]);
    expect(r.files.map((f) => f.file.file)).toEqual(['test-pack.html', 'test-pack.pdf', 'test-pack.epub', 'test-pack-large-print.pdf']);
  });

  it('computes the real 11 October 2016 pack: agenda ranges equal the pages where each paper starts and ends', async () => {
    const dir = 'content/committee-2016-10-11';
    const title = (f: string) => YAML.parse(readFileSync(join(dir, f), 'utf8')).title as string;
    await checkPackRanges(join(dir, 'asch-cc-2016-10-11-pack.yaml'), [
      { title: title('minutes-2016-07-12.yaml'), item: 'A5 Minutes of the meeting held on 12 July 2016' },
      { title: title('b1-integrated-domestic-abuse-services.yaml'), item: 'B1 Commissioning of Integrated Domestic Abuse Services' },
      { title: title('c1-substance-misuse-procurements.yaml'), item: 'C1 ' },
      { title: title('d3-west-kent-substance-misuse-update.yaml'), item: 'D3 ' },
    ]);
  });

  it('publishes every real paper on its own in every format, each PDF tagged', async () => {
    const dir = 'content/committee-2016-10-11';
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.includes('-pack'))) {
      const r = await publishFile(join(dir, f));
      expect(r.files.map((x) => `${x.file.profile}.${x.file.format}`).sort(), f).toEqual(['large-print.docx', 'large-print.pdf', 'standard.brf', 'standard.docx', 'standard.epub', 'standard.html', 'standard.pdf', 'standard.txt']);
      const { failures } = await checkPdfUa(r.files.find((x) => x.file.format === 'pdf' && x.file.profile === 'standard')!.data);
      expect(failures, f).toEqual([]);
    }
  });

  it('never publishes an exempt item: only a notice saying it is exempt and why', async () => {
    const r = await publishFile('test/fixtures/committee/agenda.yaml');
    for (const f of r.files) {
      const text = f.file.format === 'txt' ? Buffer.from(f.data).toString('utf8') : '';
      if (text) {
        expect(text).toContain('F1 Sale of land at Example Farm');
        expect(text).toContain('This item is exempt and is not published');
        expect(text).toContain('paragraph 3 of Part 1 of Schedule 12A');
      }
      expect(Buffer.from(f.data).toString('latin1')).not.toContain('SECRET PURPOSE');
    }
    const pdf = await checkPdfUa(r.files.find((f) => f.file.format === 'pdf')!.data);
    expect(pdf.pdf.text.map((t) => t.plain).join(' ')).not.toContain('SECRET');
  });

  it('keeps printed labels and RESOLVED blocks in the minutes, and links declarations to their minute', async () => {
    const r = await publishFile('test/fixtures/committee/minutes.yaml');
    const text = Buffer.from(r.files.find((f) => f.file.format === 'txt')!.data).toString('utf8');
    expect(text).toMatch(/^1\. Members discussed the report\.$/m);
    expect(text).toMatch(/^ {2}a\) one point$/m);
    expect(text).toContain('RESOLVED that:');
    expect(text).toMatch(/Ms A Chair: her husband works for a provider \(see "minute 6"/);
  });

  it.each([
    // The schema's problems come first: a kind builds only from content its schema accepts.
    // A decision number is checked against the organisation's templates, quoted with an example.
    ['committee-typed-pages.yaml', [/:11:\d+: error: decision: "2017\/1" is not a decision number as Kent County Council writes them: YY\/NNNNN \(like "16\/00123"\)/, /:13:\d+: error: summaryText: page ranges are computed/]],
    ['committee-typed-pages-only.yaml', [/:13:\d+: error: summaryText: page ranges are computed/]],
    ['committee-bad-minutes.yaml', [/:6:\d+: error: published: is not a real date/]],
    ['committee-bad-minute-numbers.yaml', [/items\[1\]\.number: minute 7 follows minute 5/, /declarations\[0\]\.minute: there is no minute 9/]],
  ])('rejects %s with located errors', async (file, expected) => {
    const out = mkdtempSync(join(tmpdir(), 'docgen-'));
    const lines: string[] = [];
    expect(await build(join('test/fixtures/invalid', file), out, undefined, (s) => lines.push(s))).toBe(false);
    for (const e of expected) expect(lines.join('\n')).toMatch(e);
    expect(readdirSync(out)).toEqual([]);
  });
});
