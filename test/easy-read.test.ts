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
import { checkPicture } from '../src/pictures/check.ts';
import { fromHtml } from 'hast-util-from-html';
import JSZip from 'jszip';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

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
    for (const [k, f] of pageFigures.entries()) {
      expect(f.bbox, 'Figure BBox').toBeDefined();
      const [x1, y1, x2, y2] = f.bbox!;
      const beside = body.filter((r) => r.y >= y1 - 1 && r.y <= y2 + 1);
      // The second of a row's two pictures stands under the first (same left edge, 20pt or less
      // below it) and may have its row's text beside the first only.
      const above = pageFigures[k - 1]?.bbox;
      const second = !!above && Math.abs(above[0] - x1) < 1 && above[1] - y2 >= 0 && above[1] - y2 <= 20;
      if (!second) expect(beside.length, `text beside the picture "${f.alt}" on page ${i + 1}`).toBeGreaterThan(0);
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
    expect(r.files.map((f) => `${f.file.profile}.${f.file.format}`)).toEqual(['easy-read.html', 'easy-read.pdf', 'easy-read.docx', 'easy-read.txt', 'easy-read.brf', 'easy-read.epub']);
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

describe('Easy Read rows: two pictures, the writer\'s own drawings, steps, the contact row, printed links', () => {
  const rows = () => run(join(FIX, 'rows.yaml'));
  const file = (r: Awaited<ReturnType<typeof rows>>, format: string) => {
    if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.col} ${p.path} ${p.message}`).join('\n'));
    return r.files.find((f) => f.file.format === format)!.data;
  };

  it('ER-T12: a row of two pictures stands them one above the other, left of the text, and counts both on the page', async () => {
    const r = await rows();
    expect(r.ok && r.manifest.warnings).toEqual([]);
    const { failures, pdf } = await checkPdfUa(file(r, 'pdf'));
    expect(failures).toEqual([]);
    const figures: StructNode[] = [];
    for (const tree of pdf.trees) walk(tree, (n) => { if (n.role === 'Figure') figures.push(n); });
    const person = figures.find((f) => f.alt === 'A person')!.bbox!;
    const house = figures.find((f) => f.alt === 'A house')!.bbox!;
    expect(Math.abs(person[0] - house[0])).toBeLessThan(1); // the same column
    expect(house[3]).toBeLessThanOrEqual(person[1]); // the house under the person
    const words = pdf.text[0].runs.find((t) => t.str.includes('A care worker can visit you'))!;
    expect(words.x).toBeGreaterThanOrEqual(person[2]);
    expect(words.y).toBeGreaterThanOrEqual(house[1]); // beside the pair, not under it
    expect(checkLayout(pdf)).toBe(6); // two, the drawing, the steps, the website, the contact picture
    // Word and HTML keep the pair together in the picture's place.
    const xml = await (await JSZip.loadAsync(file(r, 'docx'))).file('word/document.xml')!.async('string');
    const cell = xml.split('<w:tc>').find((c) => c.includes('descr="A person"'))!;
    expect(cell).toContain('descr="A house"');
    const html = fromHtml(Buffer.from(file(r, 'html')).toString('utf8'));
    const pair: string[] = [];
    const visit = (n: { type: string; properties?: Record<string, unknown>; children?: unknown[] }, inPicture = false) => {
      const here = inPicture || (Array.isArray(n.properties?.className) && (n.properties.className as string[]).includes('picture'));
      if (here && n.properties?.ariaLabelledBy) pair.push(String(n.properties.ariaLabelledBy));
      for (const c of (n.children ?? []) as (typeof n)[]) visit(c, here);
    };
    visit(html as never);
    expect(pair.length).toBeGreaterThanOrEqual(2);
  });

  it('an SVG drawing of the writer\'s own is drawn, cleaned of everything but the drawing', async () => {
    const r = await rows();
    const zip = await JSZip.loadAsync(file(r, 'docx'));
    const svgs = await Promise.all(Object.keys(zip.files).filter((n) => n.endsWith('.svg')).map((n) => zip.file(n)!.async('string')));
    const drawing = svgs.find((s) => s.includes('linearGradient'))!;
    expect(drawing).toBeDefined();
    expect(drawing).not.toMatch(/inkscape|metadata|<\?xml|<!--/);
    expect(drawing).toContain('fill="url(#skin)"');
    const { pdf } = await checkPdfUa(file(r, 'pdf'));
    const alts: string[] = [];
    for (const tree of pdf.trees) walk(tree, (n) => { if (n.role === 'Figure' && n.alt) alts.push(n.alt); });
    expect(alts).toContain('A care worker holding a cup of tea');
    expect(Buffer.from(file(r, 'html')).toString('utf8')).toMatch(/<img src="data:image\/svg\+xml;base64,[^"]+" alt="A care worker holding a cup of tea"/);
  });

  const svg = (inner: string, attrs = 'viewBox="0 0 10 10"') => `<svg xmlns="http://www.w3.org/2000/svg" ${attrs}>${inner}</svg>`;
  it.each([
    ['a script', svg('<script>alert(1)</script><path d="M0 0h10"/>'), /has a script in it/],
    ['an event handler', svg('<path d="M0 0h10"/>', 'viewBox="0 0 10 10" onload="alert(1)"'), /runs code when it is loaded \(onLoad\)/],
    ['a picture from the web', svg('<use href="https://example.com/a.svg#x"/>'), /refers to something outside itself \(https:\/\/example.com/],
    ['a style from the web', svg('<style>@import url(https://example.com/a.css);</style>'), /refers to something outside itself/],
    ['a fill from another file', svg('<path fill="url(other.svg#g)" d="M0 0h10"/>'), /refers to something outside itself \(url\(other.svg#g\)\)/],
    ['a web page inside', svg('<foreignObject><div>hi</div></foreignObject>'), /has a web page inside it/],
    ['words', svg('<text x="0" y="5">Hello</text>'), /has words in it/],
    ['its own entities', `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>${svg('<path d="M0 0h10"/>')}`, /declares its own entities/],
    ['no size', svg('<path d="M0 0h10"/>', ''), /has no size/],
    ['no svg at all', '<html><body>hello</body></html>', /is not an SVG drawing/],
  ])('an SVG drawing with %s is refused with what to do', (_what, text, message) => {
    const r = checkPicture('drawing.svg', new TextEncoder().encode(text));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toMatch(message);
      expect(r.problem).toMatch(/^the drawing "drawing\.svg" /);
    }
  });

  it('an SVG drawing\'s refusal is located at the picture in the content, and nothing is published', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'er-svg-'));
    writeFileSync(join(dir, 'bad.svg'), svg('<script>alert(1)</script>'));
    const text = readFileSync(join(FIX, 'rows.yaml'), 'utf8').replace('care-worker.svg', 'bad.svg');
    const r = await run(join(dir, 'rows.yaml'), text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([expect.objectContaining({ line: 14, col: 26, path: 'sections[0].rows[1].picture.file', message: expect.stringMatching(/has a script in it/) })]);
  });

  it('a picture file that is not there is told the nearest file beside the content', async () => {
    const r = await run(join(FIX, 'typo.yaml'), readFileSync(join(FIX, 'rows.yaml'), 'utf8').replace('care-worker.svg', 'care-workr.svg'));
    expect(!r.ok && r.problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual(['14:26 the picture file "care-workr.svg" is not beside the content file; did you mean "care-worker.svg"?']);
  });

  it('a row has one or two pictures: three is a located error that says so', async () => {
    const text = readFileSync(join(FIX, 'rows.yaml'), 'utf8').replace('          - { symbol: home, alt: A house }\n', '          - { symbol: home, alt: A house }\n          - { symbol: tree, alt: A tree }\n');
    const r = await run(join(FIX, 'three.yaml'), text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => `${p.line}:${p.path}: ${p.message}`)).toEqual(['11:sections[0].rows[0].picture: a row has one or two pictures; give the others rows of their own']);
  });

  it('a numbered list of steps is set with its numbers in every format', async () => {
    const r = await rows();
    const { pdf } = await checkPdfUa(file(r, 'pdf'));
    const page = pdf.text.find((t) => t.plain.includes('Tell us your name'))!;
    for (const n of ['1.', '2.', '3.']) expect(page.runs.map((x) => x.str.trim())).toContain(n);
    const xml = await (await JSZip.loadAsync(file(r, 'docx'))).file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:numPr>[\s\S]*Tell us your name/);
    expect(Buffer.from(file(r, 'html')).toString('utf8')).toMatch(/<ol>[\s\S]*<li>[\s\S]*Tell us your name[\s\S]*<\/ol>/);
  });

  it('the contact row has phone, textphone, email, opening hours and a picture', async () => {
    const r = await rows();
    const txt = Buffer.from(file(r, 'txt')).toString('utf8');
    expect(txt).toMatch(/Picture: A person on the phone\.\nTest Council care team\nTelephone: 03000 41 61 61\nTextphone: 18001 03000 41 61 61\nEmail: care@example\.gov\.uk\nOpening hours: Monday to Friday, 8am to 8pm/);
    const { pdf } = await checkPdfUa(file(r, 'pdf'));
    const last = pdf.text[pdf.pages - 1];
    expect(last.plain).toMatch(/Textphone:\s*18001/);
    expect(last.plain).toMatch(/Opening hours:\s*Monday to Friday, 8am to 8pm/);
    expect(checkLayout({ ...pdf, text: [last], trees: [pdf.trees[pdf.pages - 1]] })).toBe(1);
  });

  it('a mistyped contact field is told the field it is nearest to, and a field of another place is told the fields there are', async () => {
    const typo = await run(join(FIX, 'typo.yaml'), readFileSync(join(FIX, 'rows.yaml'), 'utf8').replace('  hours:', '  hour:'));
    expect(!typo.ok && typo.problems.map((p) => p.message)).toEqual(['unknown field "hour"; did you mean "hours"?']);
    const elsewhere = await run(join(FIX, 'elsewhere.yaml'), readFileSync(join(FIX, 'rows.yaml'), 'utf8').replace('        text: They can help', '        hours: 9 to 5\n        text: They can help'));
    expect(!elsewhere.ok && elsewhere.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['sections[0].rows[1].hours: unknown field "hours"; the fields here are picture, text']);
  });

  it('a link is followed by its address in print (PDF and Word), where it cannot be followed; not where its words say it', async () => {
    const r = await rows();
    const { pdf } = await checkPdfUa(file(r, 'pdf'));
    expect(pdf.text.map((t) => t.plain).join(' ').replace(/\s+/g, '')).toContain('ourwebsite(https://www.example.gov.uk/help-at-home)');
    const xml = await (await JSZip.loadAsync(file(r, 'docx'))).file('word/document.xml')!.async('string');
    expect(xml).toMatch(/our website<\/w:t>[\s\S]{0,400}<w:t xml:space="preserve"> \(https:\/\/www\.example\.gov\.uk\/help-at-home\)<\/w:t>/);
    // An email address shown as itself is not printed twice.
    expect(xml.match(/care@example\.gov\.uk/g)!.length).toBeLessThanOrEqual(2); // the text and the mailto target
  });
});

describe('Easy Read: advice the writer can follow, and nothing an author writes crashes', () => {
  it('a heading or a table in a row is told what Easy Read has instead, at its line', async () => {
    const text = readFileSync(join(FIX, 'rows.yaml'), 'utf8').replace(
      '        text: They can help you get up and have a drink.',
      '        text: |-\n          ## Our help\n\n          They can help you.\n\n          | Day | Time |\n          |---|---|\n          | Monday | 8am |',
    );
    const r = await run(join(FIX, 'advice.yaml'), text);
    expect(!r.ok && r.problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '16:11 a row cannot have a heading; start a new section (a new "- title:" under sections) for a new heading',
      '20:11 Easy Read has no tables; give each line of the table a row of its own, or write it as a short list ("- Monday: 8am to 8pm")',
    ]);
  });

  // Whatever shape a row's picture or the contact takes (a list of any length, a string, a number,
  // an unknown symbol, a file that is not there, a drawing of random bytes), the answer is a
  // publication or located problems in plain words: never an exception or a stack trace.
  it('any picture or contact an author writes gives a publication or located problems, never a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'er-any-'));
    let published = 0;
    const junk = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }));
    const picture = fc.oneof(
      fc.record({ symbol: fc.constantFrom('home', 'user', 'castle', ''), alt: fc.constantFrom('A house', 'image', '', 'A person') }, { requiredKeys: [] }),
      fc.record({ file: fc.constantFrom('drawing.svg', 'missing.png', 'folder/', 'x.gif', 'drawing.SVG'), alt: fc.constantFrom('A drawing', 'picture') }, { requiredKeys: [] }),
      junk,
    );
    const good = fc.record({ symbol: fc.constantFrom('home', 'user'), alt: fc.constant('A house') });
    const pictures = fc.oneof({ weight: 3, arbitrary: good }, { weight: 2, arbitrary: picture }, { weight: 2, arbitrary: fc.array(fc.oneof(good, picture), { maxLength: 4 }) });
    const often = <T,>(good: T) => fc.oneof({ weight: 4, arbitrary: fc.constant(good) }, { weight: 1, arbitrary: junk });
    const contact = fc.record({ name: often('Care team'), hours: often('9 to 5'), textphone: often('18001 03000 41 61 61'), picture: fc.oneof({ weight: 3, arbitrary: picture }, { weight: 1, arbitrary: pictures }) }, { requiredKeys: ['name'] });
    const drawing = fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.constantFrom('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 5 5"><path d="M0 0h5"/></svg>', '<svg><script>x</script></svg>', '<svg viewBox="0 0 1e400 -1"/>', '<!DOCTYPE svg [<!ENTITY a "b">]><svg/>'));
    await fc.assert(
      fc.asyncProperty(fc.array(pictures, { minLength: 1, maxLength: 3 }), contact, drawing, async (rows, c, svg) => {
        writeFileSync(join(dir, 'drawing.svg'), typeof svg === 'string' ? svg : svg);
        const doc = { kind: 'easy-read', id: 'any', title: 'Any', organisation: 'Test Council', summary: 'Any rows.', sections: [{ title: 'Rows', rows: rows.map((p) => ({ picture: p, text: 'We can help you.' })) }], contact: c };
        const r = await run(join(dir, 'any.yaml'), stringify(doc));
        published += r.ok ? 1 : 0;
        if (r.ok) return;
        for (const p of r.problems) {
          expect(p.line, `${p.path}: ${p.message}`).toBeGreaterThan(0);
          expect(p.message).not.toMatch(/\n\s+at |TypeError|undefined|\[object/);
        }
      }),
      { numRuns: 60, seed: 1515 },
    );
    // The property reaches the writers too, not only the validation.
    expect(published).toBeGreaterThan(5);
  }, 120_000);
});
