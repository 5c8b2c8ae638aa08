// Easy Read: the layout (picture left of its text on every row, 16pt or more, line spacing 1.5,
// at most 4 pictures a page) read back with pdfjs-dist, and each language check with a failing
// and a passing fixture.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { publish } from '../src/pipeline/publish.ts';
import { folderImageLoader } from '../src/storage/folder.ts';
import { checkPdfUa } from './support/pdf-ua-checker.ts';
import { walk, type ReadPdf, type StructNode } from './support/pdf-reader.ts';
import { countedWords, rowText } from '../src/checks/easy-read.ts';

const FIX = 'test/fixtures/easy-read';
const run = (file: string, text = readFileSync(file, 'utf8')) => publish(file, Buffer.from(text), folderImageLoader(file));

/** Checks the Easy Read layout rules on a PDF; returns the number of picture rows seen. */
function checkLayout(pdf: ReadPdf): number {
  let figures = 0;
  pdf.text.forEach((t, i) => {
    const roles = new Map<string, string>();
    const pageFigures: StructNode[] = [];
    walk(pdf.trees[i], (n, anc) => {
      if (n.role === 'Figure') pageFigures.push(n);
      if (n.type === 'content' && n.id) roles.set(n.id, anc.map((a) => a.role).filter(Boolean).join('/'));
    });
    // ER-T12: at most 4 pictures a page.
    expect(pageFigures.length, `page ${i + 1} pictures`).toBeLessThanOrEqual(4);
    figures += pageFigures.length;
    // ER-T02: nothing smaller than 16pt.
    for (const size of t.sizes) expect(size).toBeGreaterThanOrEqual(15.99);
    if (!pageFigures.length) return;
    // ER-T09: on every row, the text level with a picture starts to the picture's right.
    const body = t.runs.filter((r) => !/H\d/.test(roles.get(r.mcid) ?? '') && (roles.get(r.mcid) ?? '').includes('P'));
    for (const f of pageFigures) {
      expect(f.bbox, 'Figure BBox').toBeDefined();
      const [x1, y1, x2, y2] = f.bbox!;
      const beside = body.filter((r) => r.y >= y1 - 1 && r.y <= y2 + 1);
      expect(beside.length, `text beside the picture "${f.alt}" on page ${i + 1}`).toBeGreaterThan(0);
      for (const r of beside) expect(r.x, `"${r.str}" on page ${i + 1} is right of its picture`).toBeGreaterThanOrEqual(x2);
      expect(x1).toBeLessThan(x2);
      // Pictures at least 35 mm (99.2 pt) wide and high.
      expect(x2 - x1, `picture "${f.alt}" width`).toBeGreaterThanOrEqual(99.2);
      expect(y2 - y1, `picture "${f.alt}" height`).toBeGreaterThanOrEqual(99.2);
    }
    // ER-T14: line spacing at least 1.5 within a paragraph.
    const byMcid = new Map<string, number[]>();
    for (const r of body) byMcid.set(r.mcid, [...(byMcid.get(r.mcid) ?? []), r.y]);
    for (const ys of byMcid.values()) {
      const lines = [...new Set(ys.map((y) => Math.round(y)))].sort((a, b) => b - a);
      for (let k = 1; k < lines.length; k++) expect(lines[k - 1] - lines[k]).toBeGreaterThanOrEqual(16 * 1.5 - 0.5);
    }
  });
  return figures;
}

describe('Easy Read layout', () => {
  it('puts each picture left of its text, at 16pt with 1.5 line spacing, 4 pictures a page at most', async () => {
    const r = await run(join(FIX, 'valid.yaml'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.manifest.warnings).toEqual([]);
    expect(r.files.map((f) => `${f.file.profile}.${f.file.format}`)).toEqual(['easy-read.html', 'easy-read.pdf', 'easy-read.docx', 'easy-read.txt']);
    const { failures, pdf } = await checkPdfUa(r.files.find((f) => f.file.format === 'pdf')!.data);
    expect(failures).toEqual([]);
    expect(checkLayout(pdf)).toBe(7); // help note, 5 rows, the word list's picture
    const alts: string[] = [];
    for (const tree of pdf.trees) walk(tree, (n) => { if (n.role === 'Figure' && n.alt) alts.push(n.alt); });
    expect(alts).toContain('A house');
    const txt = Buffer.from(r.files.find((f) => f.file.format === 'txt')!.data).toString('utf8');
    expect(txt).toContain('Picture: A house.\nWe want to help you live in your own home.');
    expect(txt).toMatch(/Word list[\s\S]*strategy: A plan for the future\./);
  });

  const LONGER_THAN_20_PAGES = new Set(['osborne-court-easy-read.yaml']);
  const realFiles = existsSync('content/easy-read') ? readdirSync('content/easy-read').filter((f) => f.endsWith('.yaml')) : [];
  it.each(realFiles)('publishes the real Easy Read document %s, passing its own checks', async (f) => {
    const r = await run(join('content/easy-read', f));
    if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.col} ${p.path} ${p.message}`).join('\n'));
    // Its own checks: no errors (or nothing would publish) and no warnings, except that the
    // Osborne Court paper is longer than 20 pages (the seed's text is 1,736 words; ER-S01 aims
    // for 1,000), which is reported; it stays within the 24-page limit.
    const long = LONGER_THAN_20_PAGES.has(f);
    expect(r.manifest.warnings.map((w) => w.rule)).toEqual(long ? ['ER-S01'] : []);
    const { failures, pdf } = await checkPdfUa(r.files.find((f) => f.file.format === 'pdf')!.data);
    expect(failures).toEqual([]);
    expect(pdf.pages).toBeLessThanOrEqual(long ? 24 : 20);
    const txt = Buffer.from(r.files.find((f) => f.file.format === 'txt')!.data).toString('utf8');
    expect(txt).toMatch(/^You might need some help with this document\.$/m);
    expect(txt).toMatch(/Word list[\s\S]*Contact us/);
    expect(checkLayout(pdf)).toBeGreaterThan(10);
  });
});

describe('Easy Read checks', () => {
  it('ER-L02: a sentence over 15 words is an error, and nothing is published', async () => {
    const r = await run(join(FIX, 'fail-sentence.yaml'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContainEqual(expect.objectContaining({ line: 12, path: 'sections[0].rows[0].text', severity: 'error', rule: 'ER-L02' }));
  });

  it.each([
    ['fail-paragraph.yaml', 'ER-T15', 'sections[0].rows[3].text'],
    ['fail-hardword.yaml', 'ER-L09', 'sections[0].rows[4].text'],
    ['fail-percent.yaml', 'ER-L20', 'sections[0].rows[1].text'],
    ['fail-bold.yaml', 'ER-T04', 'sections[0].rows[4].text'],
  ])('%s gives a %s warning at %s, and still publishes', async (file, rule, path) => {
    const r = await run(join(FIX, file));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.manifest.warnings).toEqual([expect.objectContaining({ rule, path, severity: 'warning' })]);
  });

  const long = (rows: number) =>
    readFileSync(join(FIX, 'valid.yaml'), 'utf8').replace(
      /sections:\n/,
      `sections:\n  - title: Many rows\n    rows:\n${Array.from({ length: rows }, (_, i) => `      - picture: { symbol: star, alt: A star }\n        text: This is row ${i + 1}.\n`).join('')}`,
    );

  it('ER-S01: more than 20 pages is a warning', async () => {
    const r = await run(join(FIX, 'long.yaml'), long(70));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.manifest.warnings).toContainEqual(expect.objectContaining({ rule: 'ER-S01', severity: 'warning' }));
  });

  it('ER-S01: more than 24 pages is an error, and nothing is published', async () => {
    const r = await run(join(FIX, 'long.yaml'), long(100));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContainEqual(expect.objectContaining({ rule: 'ER-S01', severity: 'error' }));
  });
});

describe('Easy Read counting, as readers read (ER-L02, ER-T15)', () => {
  it('ER-L02: a phone number, a date, a time, a sum of money and a reference each count as one word', () => {
    expect(countedWords('Phone 03000 41 61 61 or textphone 18001 03000 41 61 61 on Monday to Friday, 8am to 8pm.')).toBe(12);
    expect(countedWords('The meeting is on Monday 4 March 2019 at 10.30 am.')).toBe(7);
    expect(countedWords('We will spend £1.2 million by 24/08/2017.')).toBe(6);
    expect(countedWords('The decision number is 16/00014.')).toBe(5);
    // Ordinary words still count one by one.
    expect(countedWords('We want to help you stay safe and well in your own home with your family.')).toBe(16);
  });

  it('ER-T15: a list of steps is one idea of its row; each step is an item, not a sentence', () => {
    const r = rowText('If you want to go:\n1. Ring us.\n2. Tell us your name.\n3. We will call you back.');
    expect(r.sentences).toEqual(['If you want to go:']);
    expect(r.items).toEqual(['Ring us.', 'Tell us your name.', 'We will call you back.']);
  });

  const row = (text: string) =>
    readFileSync(join(FIX, 'valid.yaml'), 'utf8').replace(/sections:\n/, `sections:\n  - title: Call us\n    rows:\n      - picture: { symbol: phone, alt: A telephone }\n        text: |-\n${text.split('\n').map((l) => `          ${l}`).join('\n')}\n`);

  it('a row with a long phone sentence and a list of four bullets publishes with no false alarm', async () => {
    const r = await run(join(FIX, 'counting.yaml'), row('Phone 03000 41 61 61 or textphone 18001 03000 41 61 61 on Monday to Friday, 8am to 8pm.\nWe can help you:\n- at home\n- on the phone\n- by letter\n- by email'));
    if (!r.ok) throw new Error(r.problems.map((p) => `${p.path} ${p.rule} ${p.message}`).join('\n'));
    expect(r.manifest.warnings.filter((w) => w.rule === 'ER-T15' || w.rule === 'ER-L02')).toEqual([]);
  });

  it('ER-L02 and ER-T15 still find what they are for: a long list item is an error, four sentences and a list a warning', async () => {
    const long = await run(join(FIX, 'counting.yaml'), row('We can help you:\n- at home, on the phone, by letter, by email, at the library, at the shops and in the park'));
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.problems).toContainEqual(expect.objectContaining({ rule: 'ER-L02', severity: 'error' }));
    const many = await run(join(FIX, 'counting.yaml'), row('We are here.\nWe can help.\nWe like you.\nWe will call.\n- at home\n- by phone'));
    expect(many.ok).toBe(true);
    if (many.ok) expect(many.manifest.warnings).toContainEqual(expect.objectContaining({ rule: 'ER-T15', message: expect.stringContaining('4 sentences and a list') }));
  });
});

describe('Easy Read hard words: matched by lemma, short ones listed, initials explained (ER-L09, ER-L10)', () => {
  const withRow = (text: string, words: string[] = []) =>
    readFileSync(join(FIX, 'valid.yaml'), 'utf8')
      .replace(/sections:\n/, `sections:\n  - title: Our plan\n    rows:\n      - picture: { symbol: home, alt: A house }\n        text: |-\n          ${text}\n`)
      .replace(/words:\n/, `words:\n${words.map((w) => `  - { word: ${w}, meaning: Something we explain. }\n`).join('')}`);
  const warnings = async (text: string, words?: string[]) => {
    const r = await run(join(FIX, 'hard-words.yaml'), withRow(text, words));
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    return r.manifest.warnings.filter((w) => w.rule === 'ER-L09' || w.rule === 'ER-L10');
  };

  it('ER-L09: a plural matches its singular in the word list, and the other way round', async () => {
    expect(await warnings('We help **families** and their **surgeries**.', ['Family', 'GP surgery'])).toEqual([]);
    expect(await warnings('This is our **ambition** for you.', ['Ambitions'])).toEqual([]);
  });

  it('ER-L09: short hard words are found, each at its own line and column with the fix', async () => {
    const ws = await warnings('You can have respite care at the hospice.');
    expect(ws.map((w) => w.message)).toEqual([
      '"respite" is a hard word that is not in the word list; add **respite** to the word list, or say it in everyday words',
      '"hospice" is a hard word that is not in the word list; add **hospice** to the word list, or say it in everyday words',
    ]);
    // Each at the word itself: its line of the file, and its column in that line.
    const lines = withRow('You can have respite care at the hospice.').split('\n');
    const line = lines.findIndex((l) => l.includes('You can have respite')) + 1;
    expect(ws.map((w) => [w.line, w.col])).toEqual([
      [line, lines[line - 1].indexOf('respite') + 1],
      [line, lines[line - 1].indexOf('hospice') + 1],
    ]);
  });

  it('ER-L10: initials are explained, in the word list or spelt out beside them; capitals for emphasis are not initials', async () => {
    expect((await warnings('Your CCG pays for this.')).map((w) => w.message)).toEqual(['"CCG" is initials a reader may not know; add CCG to the word list with what it stands for, or write it out']);
    expect(await warnings('Your Clinical Commissioning Group (CCG) pays for this.')).toEqual([]);
    expect(await warnings('The NHS helps you.', ['NHS'])).toEqual([]);
    expect(await warnings('Please NOTE this.')).toEqual([]);
  });
});

describe('Easy Read: names wherever they stand; headings, the subtitle and meanings read too (ER-L02, ER-L09)', () => {
  const doc = (o: { title?: string; text?: string; subtitle?: string; meaning?: string }) =>
    readFileSync(join(FIX, 'valid.yaml'), 'utf8')
      .replace(/sections:\n/, `sections:\n  - title: ${o.title ?? 'Our plan'}\n    rows:\n      - picture: { symbol: home, alt: A house }\n        text: ${o.text ?? 'We will help you.'}\n`)
      .replace(/words:\n/, `words:\n  - { word: Helper, meaning: ${o.meaning ?? 'Someone who helps you.'} }\n`)
      .replace(/^title: (.*)$/m, (line) => (o.subtitle ? `${line}\nsubtitle: ${o.subtitle}` : line));
  const said = async (o: Parameters<typeof doc>[0]) => {
    const r = await run(join(FIX, 'names.yaml'), doc(o));
    return r.ok ? r.manifest.warnings.map((w) => `${w.path} ${w.rule}: ${w.message}`) : r.problems.map((p) => `${p.path} ${p.rule}: ${p.message}`);
  };

  it('ER-L09: a place named inside a sentence somewhere is a name at the start of one too', async () => {
    expect(await said({ text: 'Faversham is a town. We have a centre in Faversham.' })).toEqual([]);
  });

  it('ER-L09: title-cased jargon inside a sentence is still a hard word', async () => {
    expect(await said({ text: 'You can go to Multidisciplinary Team Meetings.' })).toEqual([
      'sections[0].rows[0].text ER-L09: "Multidisciplinary" is a hard word that is not in the word list; add **Multidisciplinary** to the word list, or say it in everyday words',
    ]);
  });

  it('ER-L09: a heading, the subtitle and a meaning are checked for hard words', async () => {
    expect(await said({ title: 'Commissioning intentions', subtitle: 'An overview of our commissioning.', meaning: 'Someone who gives respite.' })).toEqual([
      'subtitle ER-L09: "overview" is a hard word that is not in the word list; add **overview** to the word list, or say it in everyday words',
      'subtitle ER-L09: "commissioning" is a hard word that is not in the word list; add **commissioning** to the word list, or say it in everyday words',
      'sections[0].title ER-L09: "Commissioning" is a hard word that is not in the word list; add **Commissioning** to the word list, or say it in everyday words',
      'sections[0].title ER-L09: "intentions" is a hard word that is not in the word list; add **intentions** to the word list, or say it in everyday words',
      'words[0].meaning ER-L09: "respite" is a hard word that is not in the word list; add **respite** to the word list, or say it in everyday words',
    ]);
  });

  it('ER-L02: a heading of more than 15 words is refused, with nothing published', async () => {
    const out = await said({ title: 'What we will do about the way we plan and pay for the services you use at home' });
    expect(out).toEqual([expect.stringMatching(/^sections\[0\]\.title ER-L02: this has 18 words; Easy Read keeps a heading or subtitle to sentences of 15 words or fewer/)]);
  });
});
