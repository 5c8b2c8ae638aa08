// `docgen import` (issue 16, item 5): a Word draft becomes a content file and its pictures, with a
// list of what a person must still do. Checked three ways, each independent of the importer:
// the project's own Word files (made by its DOCX writer) come back as content the pipeline
// builds, keeping at least 95% of the words of the original's plain text (word multisets of the
// two .txt outputs); a DOCX written by another program (pandoc, committed with its Markdown
// source) keeps its headings, lists, table, links, bold and pictures with their alt text; and
// files that are not a .docx are refused in one sentence.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { zipSync, strToU8 } from 'fflate';
import { CommanderError } from 'commander';
import { Bookmark, Document, ExternalHyperlink, FootnoteReferenceRun, ImageRun, InternalHyperlink, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { publish, type Rendered } from '../src/pipeline/publish.ts';
import { folderImageLoader, folderTextLoader } from '../src/storage/folder.ts';
import { importDocx, type ImportResult } from '../src/import/index.ts';
import { importCommand, runImport } from '../src/cli/commands/import.ts';
import { KINDS } from '../templates/index.ts';

const FIXTURES = 'test/fixtures/import';
const tmp = mkdtempSync(join(tmpdir(), 'docgen-import-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function build(file: string, formats?: string[]): Promise<Rendered[]> {
  const r = await publish(file, readFileSync(file), folderImageLoader(file), { loadText: folderTextLoader(file), formats });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.col} ${p.path} ${p.message}`).join('\n'));
  return r.files;
}

/** Writes an import's content file and pictures into a folder of their own; gives the file. */
function writeImport(name: string, r: ImportResult): string {
  const dir = mkdtempSync(join(tmp, `${name}-`));
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, r.yaml);
  for (const p of r.pictures) writeFileSync(join(dir, p.name), p.bytes);
  return file;
}

const text = (files: Rendered[]) => new TextDecoder().decode(files.find((f) => f.file.format === 'txt' && f.file.profile !== 'large-print')!.data);

/** The share of the original's words (as a multiset: each occurrence counts) that the copy has. */
function wordsKept(original: string, copy: string): number {
  const count = (s: string) => {
    const m = new Map<string, number>();
    for (const w of s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  };
  const a = count(original);
  const b = count(copy);
  let total = 0;
  let kept = 0;
  for (const [w, n] of a) {
    total += n;
    kept += Math.min(n, b.get(w) ?? 0);
  }
  return kept / total;
}

describe.each([
  { kind: 'local-account', source: 'content/local-account-2016-17/local-account-2016-17.yaml' },
  { kind: 'strategy', source: 'content/strategy/your-life-your-wellbeing-strategy.yaml' },
  { kind: 'easy-read', source: 'content/easy-read/your-life-your-wellbeing-easy-read.yaml' },
  { kind: 'report', source: 'content/committee-2016-10-11/b1-integrated-domestic-abuse-services.yaml' },
])('the project\'s own Word file of $source, imported as $kind', ({ kind, source }) => {
  let original: Rendered[];
  let imported: ImportResult;
  let rebuilt: Rendered[];
  beforeAll(async () => {
    original = await build(source, ['docx', 'txt']);
    const docx = original.find((f) => f.file.format === 'docx')!.data;
    // The organisation's name is what the command reads from content/organisation.yaml.
    imported = await importDocx(docx, { kind, organisation: 'Kent County Council' });
    rebuilt = await build(writeImport(kind, imported));
  });

  it('validates and builds with the pipeline, every output of its kind', () => {
    const made = rebuilt.map((f) => `${f.file.profile}.${f.file.format}`).sort();
    expect(made).toEqual(KINDS[kind].outputs.map((o) => `${o.profile}.${o.format}`).sort());
  });

  it('keeps at least 95% of the words of the original\'s plain text', () => {
    const kept = wordsKept(text(original), text(rebuilt));
    console.log(`${kind}: the imported publication's plain text keeps ${(kept * 100).toFixed(2)}% of the original's words`);
    expect(kept).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps the title, subtitle and summary (from the document\'s properties), and its glossary terms as terms', () => {
    const before = parse(readFileSync(source, 'utf8'));
    const after = parse(imported.yaml);
    expect(after.title).toBe(before.title);
    expect(after.subtitle).toBe(before.subtitle);
    expect(after.summary).toBe(before.summary);
    const terms = (d: { glossary?: { term: string }[]; words?: { word: string }[] }) => (d.glossary?.map((g) => g.term) ?? d.words?.map((w) => w.word) ?? []).sort();
    expect(terms(after)).toEqual(terms(before));
  });

  it('without an organisation profile, reads the organisation from the line in bold under the title, and says so', async () => {
    const docx = original.find((f) => f.file.format === 'docx')!.data;
    const r = await importDocx(docx, { kind });
    expect(parse(r.yaml).organisation).toBe(parse(readFileSync(source, 'utf8')).organisation);
    expect(r.todo.filter((l) => /^organisation: “Kent County Council” was taken from the line in bold/.test(l))).toHaveLength(1);
  });

  it('starts with the editor\'s schema line for its kind', () => {
    expect(imported.yaml.split('\n')[0]).toBe(`# yaml-language-server: $schema=schema/${kind}.schema.json`);
  });
});

describe('a DOCX written by another program (pandoc, from test/fixtures/import/pandoc-report.md)', () => {
  let r: ImportResult;
  let content: any;
  const markdown = readFileSync(join(FIXTURES, 'pandoc-report.md'), 'utf8');
  beforeAll(async () => {
    r = await importDocx(readFileSync(join(FIXTURES, 'pandoc-report.docx')), { kind: 'local-account' });
    content = parse(r.yaml);
  });
  const todo = (re: RegExp) => r.todo.filter((l) => re.test(l));
  const texts = (s: any): string[] => [...(s.blocks ?? []).flatMap((b: any) => (b.text ? [b.text] : [])), ...(s.sections ?? []).flatMap(texts)];
  const allText = () => content.sections.flatMap(texts).join('\n\n');

  it('makes sections of Heading 1 and sub-sections of Heading 2 and 3, with the title and date', () => {
    expect(content.title).toBe('Supporting carers in Kent');
    expect(content.published).toBe('2025-06-24');
    expect(content.sections.map((s: any) => s.title)).toEqual(['About this report', 'What we did', 'What happens next']);
    expect(content.sections[1].sections[0].title).toBe('Assessments and support');
    expect(content.sections[1].sections[0].sections[0].title).toBe('Breaks for carers');
  });

  it('keeps lists, bold and the links the pipeline accepts as Markdown', () => {
    const md = allText();
    for (const item of ['- Carers’ Support East Kent', '- Involve Kent', '1. Call us on [03000 41 61 61](tel:03000416161).', '3. We will arrange a time to talk with you.']) expect(md).toContain(item);
    expect(md).toContain('**unpaid carers**');
    expect(md).toContain('[www.kent.gov.uk/carers](https://www.kent.gov.uk/carers)');
    expect(md).toContain('[carers@kent.gov.uk](mailto:carers@kent.gov.uk)');
  });

  it('makes the table a table block with its header row', () => {
    const table = content.sections[1].sections[0].blocks.find((b: any) => b.table).table;
    expect(table.columns).toEqual(['Area', 'Assessments', 'Carers’ breaks arranged']);
    expect(table.rows).toEqual([['Ashford', '310', '122'], ['Canterbury', '402', '150'], ['Maidstone', '528', '201']]);
  });

  it('writes the pictures beside the content, picture-1.png …, the first with the alt text the Markdown gave it', () => {
    const alt = /!\[([^\]]+)\]\(carers-centre\.png\)/.exec(markdown)![1];
    expect(r.pictures.map((p) => p.name)).toEqual(['picture-1.png', 'picture-2.png']);
    expect(Buffer.from(r.pictures[0].bytes).equals(readFileSync(join(FIXTURES, 'carers-centre.png')))).toBe(true);
    expect(content.images[0]).toEqual({ id: 'picture-1', file: 'picture-1.png', alt: alt.replace(/'/g, '’') });
    expect(content.sections[0].blocks).toContainEqual({ figure: { image: 'picture-1' } });
  });

  it('names the picture with no alt text in the to-do list, and gives it a placeholder that says so', () => {
    expect(todo(/picture-2\.png has no alt text/)).toHaveLength(1);
    expect(content.images[1].alt).toMatch(/^TO DO: .*picture-2\.png/);
  });

  it('makes a link to a file plain text, and says so', () => {
    expect(allText()).toContain('The spending plan is in the budget spreadsheet.');
    expect(allText()).not.toContain('file:');
    expect(todo(/"budget spreadsheet".*plain text/)).toHaveLength(1);
  });

  it('lists the skipped heading level, italics, the figure that looks like a key fact and the placeholders', () => {
    expect(todo(/Heading levels are skipped: “Get in touch” is a Heading 3/)).toHaveLength(1);
    expect(todo(/^Italics were made plain text/)).toHaveLength(1);
    expect(todo(/“1,240 carers had a carer’s assessment this year\.” .*looks like a key fact/)).toHaveLength(1);
    for (const field of ['organisation', 'summary', 'period']) expect(todo(new RegExp(`^${field}: `)), field).toHaveLength(1);
    expect(content.organisation).toMatch(/^TO DO:/);
  });

  it('imported as a report to committee, names the cover fields it lacks and its pictures, which a report cannot carry, and builds', async () => {
    const report = await importDocx(readFileSync(join(FIXTURES, 'pandoc-report.docx')), { kind: 'report', organisation: 'Kent County Council' });
    const data = parse(report.yaml);
    for (const field of ['committee', 'from', 'to', 'subject', 'classification', 'summaryText']) expect(report.todo.filter((l) => l.startsWith(`${field}: `)), field).toHaveLength(1);
    expect(report.todo.filter((l) => /^picture-[12]\.png has no place in a report/.test(l))).toHaveLength(2);
    expect(data.sections.map((s: any) => s.title)).toEqual(['About this report', 'What we did', 'What happens next']);
    const table = data.sections[1].paragraphs[0].paragraphs.find((p: any) => p.table).table;
    expect(table.columns).toEqual(['Area', 'Assessments', 'Carers’ breaks arranged']);
    expect(table.caption).toMatch(/^TO DO:/);
    await build(writeImport('pandoc-as-report', report));
  });

  it('builds with the pipeline', async () => {
    const files = await build(writeImport('pandoc-report', r));
    expect(text(files)).toContain('Kent Carers’ Centre in Ashford');
    expect(text(files)).toContain('Maidstone');
  });
});

describe('a draft typed without Word\'s styles (made with the docx package)', () => {
  let r: ImportResult;
  let content: any;
  const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==', 'base64');
  beforeAll(async () => {
    const doc = new Document({
      footnotes: { 1: { children: [new Paragraph('Figures from the council’s own records.')] } },
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun({ text: 'Day centres in Ashford', bold: true })] }),
            new Paragraph({ children: [new TextRun('We run three day centres.'), new FootnoteReferenceRun(1), new TextRun(' They are open on weekdays.')] }),
            // Word often splits one bold word into runs.
            new Paragraph({ children: [new TextRun({ text: 'Ope', bold: true }), new TextRun({ text: 'ning times', bold: true }), new TextRun(' are below.')] }),
            new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('Bring a packed lunch on Fridays.')] })] })] }),
            new Paragraph({ children: [new TextRun({ text: 'Getting there', bold: true })] }),
            new Paragraph({ children: [new TextRun('Buses stop outside. See '), new ExternalHyperlink({ link: 'https://www.kent.gov.uk/buses', children: [new TextRun('bus times')] }), new TextRun('.')] }),
            new Paragraph({ children: [new ImageRun({ type: 'png', data: readFileSync(join(FIXTURES, 'carers-centre.png')), transformation: { width: 120, height: 80 }, altText: { name: 'Picture 1', title: '', description: 'A building with a sign outside Description automatically generated' } })] }),
            new Paragraph({ children: [new ImageRun({ type: 'gif', data: gif, transformation: { width: 10, height: 10 }, altText: { name: 'Picture 2', title: 'Map of bus routes', description: '' } })] }),
          ],
        },
      ],
    });
    r = await importDocx(await Packer.toBuffer(doc), { kind: 'local-account', organisation: 'Kent County Council' });
    content = parse(r.yaml);
  });
  const todo = (re: RegExp) => r.todo.filter((l) => re.test(l));

  it('takes lines in bold on their own as headings when the draft uses no Heading styles, and says so', () => {
    expect(content.sections.map((s: any) => s.title)).toEqual(['Day centres in Ashford', 'Getting there']);
    expect(todo(/no Heading styles.*“Day centres in Ashford”, “Getting there”/)).toHaveLength(1);
  });

  it('joins bold split into runs, and makes a box of one cell text', () => {
    expect(content.sections[0].blocks[0].text).toContain('**Opening times** are below.');
    expect(content.sections[0].blocks[0].text).toContain('Bring a packed lunch on Fridays.');
    expect(todo(/table of one cell/)).toHaveLength(1);
  });

  it('keeps a footnote as a note with its number, and the mark in the text', () => {
    expect(content.sections[0].blocks[0].text).toContain('We run three day centres.\\[1\\] They are open');
    expect(content.sections[1].blocks).toContainEqual({ note: '\\[1\\] Figures from the council’s own records.' });
  });

  it('flags alt text Word wrote itself, and a picture of a format publications cannot carry', () => {
    expect(content.images).toEqual([{ id: 'picture-1', file: 'picture-1.png', alt: 'A building with a sign outside' }]);
    expect(todo(/picture-1\.png's alt text was written by Word/)).toHaveLength(1);
    expect(r.pictures.map((p) => p.name)).toEqual(['picture-1.png', 'picture-2.gif']);
    expect(todo(/picture-2\.gif is a picture in GIF format.*not placed/)).toHaveLength(1);
  });

  it('names the title it could not find, and builds', async () => {
    expect(content.title).toMatch(/^TO DO:/);
    expect(todo(/^title: the draft has no title/)).toHaveLength(1);
    await build(writeImport('plain-draft', r));
  });
});

describe('an Easy Read draft laid out in Word as a table: pictures in the first column, text in the second', () => {
  it('makes each table row an Easy Read row, keeping a row\'s two pictures', async () => {
    const png = readFileSync(join(FIXTURES, 'carers-centre.png'));
    const pic = (description: string) => new ImageRun({ type: 'png', data: png, transformation: { width: 60, height: 40 }, altText: { name: description, title: '', description } });
    const row = (pictures: ImageRun[], text: string) => new TableRow({ children: [new TableCell({ children: [new Paragraph({ children: pictures })] }), new TableCell({ children: [new Paragraph(text)] })] });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: 'Our new day centre', heading: 'Title' }),
            new Paragraph({ text: 'What is changing', heading: 'Heading1' }),
            new Table({ rows: [row([pic('A day centre building')], 'We are opening a new day centre in Ashford.'), row([pic('A woman smiling'), pic('A bus')], 'Ann can take the bus to the centre.')] }),
          ],
        },
      ],
    });
    const r = await importDocx(await Packer.toBuffer(doc), { kind: 'easy-read', organisation: 'Kent County Council' });
    const data = parse(r.yaml);
    expect(data.sections).toEqual([
      {
        title: 'What is changing',
        rows: [
          { picture: { file: 'picture-1.png', alt: 'A day centre building' }, text: 'We are opening a new day centre in Ashford.' },
          { picture: [{ file: 'picture-2.png', alt: 'A woman smiling' }, { file: 'picture-3.png', alt: 'A bus' }], text: 'Ann can take the bus to the centre.' },
        ],
      },
    ]);
    expect(r.todo.filter((l) => l.startsWith('Must fix'))).toEqual([]);
    await build(writeImport('easy-read-table', r));
  });
});

describe('links to places inside the draft', () => {
  const draft = () =>
    Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({ text: 'Day centres', heading: 'Title' }),
              new Paragraph({ text: 'Opening times', heading: 'Heading1' }),
              new Paragraph({ children: [new TextRun('To ask about a place, see '), new InternalHyperlink({ anchor: 'contact', children: [new TextRun('Getting in touch')] }), new TextRun('.')] }),
              new Paragraph({ heading: 'Heading1', children: [new Bookmark({ id: 'contact', children: [new TextRun('Getting in touch')] })] }),
              new Paragraph('Call 03000 41 61 61.'),
            ],
          },
        ],
      }),
    );

  it('become cross-references to the section where the kind has section ids (a Local Account)', async () => {
    const r = await importDocx(await draft(), { kind: 'local-account', organisation: 'Kent County Council' });
    const data = parse(r.yaml);
    const target = data.sections[1].id;
    expect(data.sections[0].blocks[0].text).toBe(`To ask about a place, see [](#${target}).`);
    expect(r.todo.filter((l) => l.startsWith('Must fix'))).toEqual([]);
  });

  it('are plain text where it has none (Easy Read)', async () => {
    const r = await importDocx(await draft(), { kind: 'easy-read', organisation: 'Kent County Council' });
    expect(parse(r.yaml).sections[0].rows[0].text).toBe('To ask about a place, see Getting in touch.');
  });
});

describe('docgen import on the command line', () => {
  /** Runs `import …` as docgen runs its subcommands; what it printed and the exit status it set. */
  async function run(args: string[]): Promise<{ stdout: string; stderr: string; status: number | undefined; thrown?: unknown }> {
    let stdout = '';
    let stderr = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
    process.exitCode = undefined;
    let thrown: unknown;
    try {
      await importCommand().exitOverride().configureOutput({ writeErr: (s) => (stderr += s), writeOut: (s) => (stdout += s) }).parseAsync(args, { from: 'user' });
    } catch (x) {
      thrown = x;
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
    const status = typeof process.exitCode === 'number' ? process.exitCode : undefined;
    process.exitCode = undefined;
    return { stdout, stderr, status, thrown };
  }

  it('writes the content file and its pictures, lists them on stdout and the to-do list on stderr', async () => {
    const out = join(tmp, 'cli', 'carers.yaml');
    const r = await run([join(FIXTURES, 'pandoc-report.docx'), '--kind', 'local-account', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([`wrote ${out}`, `wrote ${join(tmp, 'cli', 'picture-1.png')}`, `wrote ${join(tmp, 'cli', 'picture-2.png')}`]);
    expect(r.stderr).toMatch(/picture-2\.png has no alt text/);
    expect(existsSync(join(tmp, 'cli', 'picture-2.png'))).toBe(true);
    // The schema line points at the repository's schema from where the file is.
    const schemaLine = readFileSync(out, 'utf8').split('\n')[0];
    expect(existsSync(join(tmp, 'cli', schemaLine.replace('# yaml-language-server: $schema=', '')))).toBe(true);
  });

  it('does not replace files that are there without --force', async () => {
    const out = join(tmp, 'cli', 'carers.yaml');
    const again = await run([join(FIXTURES, 'pandoc-report.docx'), '--kind', 'local-account', '--out', out]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exist.*--force/);
    const forced = await run([join(FIXTURES, 'pandoc-report.docx'), '--kind', 'local-account', '--out', out, '--force']);
    expect(forced.status).toBe(0);
  });

  it('gives one JSON object with --json', async () => {
    const out = join(tmp, 'json', 'carers.yaml');
    const r = await run([join(FIXTURES, 'pandoc-report.docx'), '--kind', 'local-account', '--out', out, '--json']);
    const j = JSON.parse(r.stdout);
    expect(j.file).toBe(out);
    expect(j.pictures).toHaveLength(2);
    expect(j.todo.some((l: string) => /picture-2\.png has no alt text/.test(l))).toBe(true);
    expect(r.stderr).toBe('');
  });

  const notDocx: [string, Uint8Array, RegExp][] = [
    ['a PDF renamed .docx', strToU8('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'), /is a PDF, not a Word document/],
    ['an old Word .doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /old Word document \(\.doc/],
    ['a ZIP with no Word document in it', zipSync({ 'notes.txt': strToU8('hello') }), /cannot be read as a Word document/],
    ['a text file', strToU8('Supporting carers in Kent\n'), /is not a Word document \(\.docx\)/],
  ];
  it.each(notDocx)('refuses %s with exit status 1 and one clear line', async (name, bytes, message) => {
    const file = join(tmp, `${name.replace(/\W+/g, '-')}.docx`);
    writeFileSync(file, bytes);
    const r = await run([file, '--kind', 'strategy', '--out', join(tmp, 'refused', 'x.yaml')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(existsSync(join(tmp, 'refused'))).toBe(false);
  });

  it('refuses a kind it cannot make, as a usage error', async () => {
    const r = await run([join(FIXTURES, 'pandoc-report.docx'), '--kind', 'agenda']);
    expect(r.thrown).toBeInstanceOf(CommanderError);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--kind.*agenda.*local-account, strategy, easy-read, report/);
    await expect(runImport('x.docx', { kind: 'minutes' })).rejects.toThrow(/local-account, strategy, easy-read, report; not "minutes"/);
  });
});
