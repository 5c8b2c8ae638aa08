// Honest unknowns and the blocks real reports need (issue 14, parts 3 and 4): one fixture per
// option of docs/content-format.md (test/fixtures/content-options/), each written as a
// communications officer would, built through the real pipeline with its council's profile
// (Kent's built in, or the organisation.yaml beside it). Each fixture's plain text is compared
// with a committed golden (golden/, UPDATE_GOLDEN=1 rewrites them); what each writer prints and
// tags is read back: the HTML as text, the PDF's tags and glyphs with pdfjs-dist, the DOCX's XML.
// Every PDF is also held to the PDF/UA checker and the print layout invariants.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { basename, dirname, join } from 'node:path';
import JSZip from 'jszip';
import { publish, type Rendered } from '../src/pipeline/publish.ts';
import { loadContent, type Loaded } from '../src/pipeline/validate.ts';
import { folderImageLoader } from '../src/storage/folder.ts';
import { loadOrganisation } from '../src/organisation/load.ts';
import type { Organisation } from '../src/organisation/types.ts';
import { PROFILES, pageFrame } from '../src/profiles/index.ts';
import { defaultAssets } from '../src/storage/assets.ts';
import { readPdf, walk, type StructNode } from './support/pdf-reader.ts';
import { checkPdfUa } from './support/pdf-ua-checker.ts';
import { checkLayout, readLayout } from './support/layout-invariants.ts';
import { auditPage, formatViolations, openBrowser, type Browser } from './support/browser.ts';

const DIR = 'test/fixtures/content-options';
const GOLDEN = join(DIR, 'golden');
const UPDATE = !!process.env.UPDATE_GOLDEN;
const symbols = new Set(defaultAssets().symbols.keys());

/** The profile beside a fixture, if there is one (else the installation's default, Kent's). */
function organisationOf(file: string): Organisation | undefined {
  const profile = join(dirname(file), 'organisation.yaml');
  if (!existsSync(profile)) return undefined;
  const r = loadOrganisation(profile, readFileSync(profile));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.path} ${p.message}`).join('\n'));
  return r.organisation;
}

interface Built {
  model: Loaded['model'];
  out: (key: string) => Uint8Array;
  text: string;
  html: string;
}

const cache = new Map<string, Promise<Built>>();

/** A fixture through the pipeline, once per test run: its model and every output. */
function build(name: string): Promise<Built> {
  const file = join(DIR, name);
  if (!cache.has(file)) {
    cache.set(
      file,
      (async () => {
        const organisation = organisationOf(file);
        const loaded = loadContent(file, readFileSync(file), folderImageLoader(file), { symbols, ...(organisation ? { organisation } : {}) });
        if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.line}:${p.col} ${p.path} ${p.message}`).join('\n'));
        const r = await publish(file, readFileSync(file), folderImageLoader(file), organisation ? { organisation } : {});
        if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.col} ${p.path} ${p.message}`).join('\n'));
        const files = new Map<string, Rendered>(r.files.map((f) => [`${f.file.profile}.${f.file.format}`, f]));
        const out = (key: string) => {
          const f = files.get(key);
          if (!f) throw new Error(`${name} has no ${key}; it has ${[...files.keys()].join(', ')}`);
          return f.data;
        };
        const decode = (b: Uint8Array) => new TextDecoder().decode(b);
        return { model: loaded.model, out, text: decode(out('standard.txt')), html: decode(out('standard.html')) };
      })(),
    );
  }
  return cache.get(file)!;
}

/** Problems the content has, as "path: message" lines. */
function problemsOf(yaml: string): string[] {
  const r = loadContent('content.yaml', yaml, () => undefined, { symbols });
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
}

const documentXml = async (bytes: Uint8Array) => (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
const coreXml = async (bytes: Uint8Array) => (await JSZip.loadAsync(bytes)).file('docProps/core.xml')!.async('string');

/** Every structure element of a PDF, page by page, with its role path and its text. */
async function tags(bytes: Uint8Array): Promise<{ role: string; path: string[]; text: string; alt?: string; node: StructNode }[]> {
  const pdf = await readPdf(bytes);
  const out: { role: string; path: string[]; text: string; alt?: string; node: StructNode }[] = [];
  pdf.trees.forEach((tree, i) => {
    walk(tree, (n, anc) => {
      if (!n.role) return;
      let text = '';
      walk(n, (c) => {
        if (c.type === 'content' && c.id) text += pdf.text[i].byMcid.get(c.id) ?? '';
      });
      out.push({ role: n.role, path: anc.map((a) => a.role).filter((r): r is string => !!r), text: text.replace(/\s+/g, ' ').trim(), alt: n.alt, node: n });
    });
  });
  return out;
}

/** Where a phrase's glyphs are on the page (pdfjs-dist's runs: x and baseline y, PDF space). */
async function placeOf(bytes: Uint8Array, phrase: string): Promise<{ page: number; x: number; y: number }> {
  const pdf = await readLayout(bytes);
  for (const [i, p] of pdf.pages.entries()) {
    const run = p.runs.find((r) => r.str.includes(phrase));
    if (run) return { page: i + 1, x: run.x, y: run.y };
  }
  throw new Error(`"${phrase}" is not in the PDF`);
}

const FIXTURES = [
  'unknown-date.yaml',
  'no-period.yaml',
  'caption-less-table.yaml',
  'header-less-table.yaml',
  'multi-figure-facts.yaml',
  'side-panels.yaml',
  'text-after-subsections.yaml',
  'symbols-beside-story.yaml',
  'meadowford/story-label.yaml',
];

describe('every option fixture', () => {
  it.each(FIXTURES)('%s: its plain text is the golden text', async (name) => {
    const { text } = await build(name);
    const golden = join(GOLDEN, `${basename(name, '.yaml')}.txt`);
    if (UPDATE || !existsSync(golden)) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(golden, text);
    }
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });

  it.each(FIXTURES)('%s: every PDF passes the PDF/UA checker and the print layout invariants', async (name) => {
    const { model, out } = await build(name);
    for (const profile of ['standard', 'large-print'] as const) {
      const bytes = out(`${profile}.pdf`);
      const { failures } = await checkPdfUa(bytes);
      expect(failures, `${name} ${profile}`).toEqual([]);
      const { violations } = await checkLayout(bytes, pageFrame(PROFILES[profile]), model);
      expect(violations, `${name} ${profile}`).toEqual([]);
    }
  });
});

let launched: Promise<Browser> | undefined;
const browser = () => (launched ??= openBrowser());
const pages = mkdtempSync(join(tmpdir(), 'content-options-'));
afterAll(async () => {
  await launched?.then((b) => b.close(), () => undefined);
  rmSync(pages, { recursive: true, force: true });
});

describe('every option fixture\'s HTML', () => {
  it.each(FIXTURES)('%s: has no axe violations at WCAG 2.2 AA, 1280 and 320 px wide', async (name) => {
    const { html } = await build(name);
    const file = join(pages, `${basename(name, '.yaml')}.html`);
    writeFileSync(file, html);
    for (const width of [1280, 320]) {
      const audit = await auditPage(await browser(), pathToFileURL(file).href, { viewport: { width, height: 900 } });
      expect(audit.violations, formatViolations(audit.violations)).toEqual([]);
    }
  }, 120_000);
});

describe('a date the source does not give is never invented', () => {
  it('an unknown date is printed as unknown, with the reason, and never as a date', async () => {
    const { text, html, out } = await build('unknown-date.yaml');
    expect(text).toContain("Date of publication not known: The printed leaflet carries no date. It was handed out at carers' events in 2017 and 2018.");
    expect(text).not.toMatch(/Published/);
    expect(html).not.toContain('<time');
    const pdf = await readPdf(out('standard.pdf'));
    const words = pdf.text.map((t) => t.plain).join(' ');
    expect(words).toContain('Date of publication not known');
    expect(words).not.toMatch(/1980|Published/);
  });

  it('a publication with no date says nothing of one: no date line on the cover, none on the download page', async () => {
    const { model, text, out } = await build('no-period.yaml');
    expect(model.meta.published).toBeUndefined();
    expect(text.split('\n').slice(0, 6).join('\n')).toBe('Towards a dementia friendly Kent\n================================\n\nHow we will work with our partners\n\nKent County Council.');
    const file = join(DIR, 'no-period.yaml');
    const r = await publish(file, readFileSync(file), folderImageLoader(file), { formats: ['txt'] });
    if (!r.ok) throw new Error('no-period.yaml does not build');
    expect(r.manifest.published).toBeUndefined();
    expect(r.index).not.toMatch(/Published|<time/);
    const pdf = await readPdf(out('large-print.pdf'));
    expect(pdf.text.map((t) => t.plain).join(' ')).not.toMatch(/Published|not known|Period covered/);
  });

  it('the files of an undated publication are dated 1 January 1980 (the rule in src/model/dates.ts), and are the same bytes every time', async () => {
    const { out } = await build('unknown-date.yaml');
    const pdf = await readPdf(out('standard.pdf'));
    expect(String(pdf.info.CreationDate)).toMatch(/^D:19800101000000/);
    expect(String(pdf.info.ModDate)).toMatch(/^D:19800101000000/);
    const core = await coreXml(out('standard.docx'));
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:modified>');
    const file = join(DIR, 'unknown-date.yaml');
    const again = await publish(file, readFileSync(file), folderImageLoader(file));
    if (!again.ok) throw new Error('unknown-date.yaml does not build');
    for (const f of again.files) expect(Buffer.compare(Buffer.from(f.data), Buffer.from(out(`${f.file.profile}.${f.file.format}`))), f.file.file).toBe(0);
  });

  it('a dated publication keeps its date in its files', async () => {
    const { out } = await build('multi-figure-facts.yaml');
    expect(String((await readPdf(out('standard.pdf'))).info.CreationDate)).toMatch(/^D:20170824000000/);
    expect(await coreXml(out('standard.docx'))).toContain('>2017-08-24T00:00:00Z</dcterms:created>');
  });

  it('a date written another way, or an unknown without its reason, is refused with the fix', () => {
    const base = 'kind: local-account\nid: x\ntitle: X\norganisation: Kent County Council\nsummary: S.\nsections: [{ id: a, title: A, blocks: [{ text: Hello. }] }]\n';
    // One message per cause, with the fix.
    expect(problemsOf(`${base}published: 24/08/2017\n`)).toEqual(['published: "24/08/2017": write the date as 2017-08-24']);
    expect(problemsOf(`${base}published: { unknown: "" }\n`)).toEqual(['published.unknown: must not be empty']);
    expect(problemsOf(`${base}published: { unkown: undated }\n`)).toEqual(['published.unkown: unknown field "unkown"; did you mean "unknown"?']);
  });
});

describe('the period is optional, and printed on the cover when given', () => {
  it('a period the title does not say is printed on the cover in every format', async () => {
    const { text, html, out } = await build('unknown-date.yaml');
    expect(text).toContain('Period covered: 2017 to 2018.');
    expect(html).toContain('Period covered: 2017 to 2018');
    const cover = (await tags(out('standard.pdf'))).filter((t) => t.role === 'P').map((t) => t.text);
    expect(cover).toContain('Period covered: 2017 to 2018');
    expect(await documentXml(out('standard.docx'))).toContain('Period covered: 2017 to 2018');
  });

  it('a period the subtitle already says is not printed twice', async () => {
    const file = 'content/local-account-2016-17/local-account-2016-17.yaml';
    const r = loadContent(file, readFileSync(file), folderImageLoader(file), { symbols });
    if (!r.ok) throw new Error('the Local Account does not build');
    expect(r.model.cover.lines.map((l) => l.id)).toEqual(['cover-author', 'cover-published']);
  });

  it('no period: nothing stands in for it', async () => {
    const { model, text } = await build('no-period.yaml');
    expect(model.meta.keywords).toEqual(['strategy', 'adult social care']);
    expect(text).not.toMatch(/Period covered/);
  });
});

describe('a table with no caption is named by its number and section, which is not printed', () => {
  const NAME = 'Table 1, in “When our day centres are open”';

  it('HTML: a visually hidden caption names the table and its scrolling region', async () => {
    const { html } = await build('caption-less-table.yaml');
    expect(html).toMatch(new RegExp(`<div class="table-wrap" role="region" aria-labelledby="([^"]+)" tabindex="0"><table><caption id="\\1" class="visually-hidden"><span class="caption-text">${NAME}</span></caption>`));
  });

  it('PDF: the Table has no Caption and no printed name; its title (/T) names it', async () => {
    const { out } = await build('caption-less-table.yaml');
    const bytes = out('standard.pdf');
    const all = await tags(bytes);
    const table = all.find((t) => t.role === 'Table')!;
    expect(table.node.children?.map((c) => c.role)).toEqual(['THead', 'TBody']);
    const pdf = await readPdf(bytes);
    expect(pdf.text.map((t) => t.plain).join(' ')).not.toContain('Table 1');
    // pdfkit writes the title as a UTF-16 literal string: read as Latin-1, as readPdf's raw is.
    const utf16 = Buffer.from(`\ufeff${NAME}`, 'utf16le').swap16().toString('latin1');
    expect(pdf.raw).toContain(`/S /Table\n/T (${utf16})`);
  });

  it('DOCX: no caption paragraph; the table\'s title (Word\'s alt text) names it', async () => {
    const { out } = await build('caption-less-table.yaml');
    const xml = await documentXml(out('standard.docx'));
    expect(xml).toContain(`<w:tblCaption w:val="${NAME}"/>`);
    expect(xml).not.toContain('w:val="Caption"');
  });

  it('a captioned table keeps its caption, printed, and is titled with it', async () => {
    const { out } = await build('header-less-table.yaml');
    const xml = await documentXml(out('standard.docx'));
    expect(xml).toContain('<w:tblCaption w:val="Who to call"/>');
    expect(xml).toMatch(/<w:pStyle w:val="Caption"\/>.*?<w:t[^>]*>Who to call<\/w:t>/s);
  });
});

describe('a table with no header row has every row as data', () => {
  it('HTML: no <thead>; each row named by its first cell', async () => {
    const { html } = await build('header-less-table.yaml');
    const table = html.slice(html.indexOf('<table>'), html.indexOf('</table>'));
    expect(table).not.toContain('<thead>');
    expect(table).toContain('<tbody>');
    expect(table).toMatch(/<tbody><tr><th scope="row">Adult social care<\/th>\n<td>03000 41 61 61<\/td><\/tr>/);
  });

  it('PDF: no THead; three rows of data in TBody, named by their first cells', async () => {
    const { out } = await build('header-less-table.yaml');
    for (const profile of ['standard', 'large-print']) {
      const all = await tags(out(`${profile}.pdf`));
      const table = all.find((t) => t.role === 'Table')!;
      expect(table.node.children?.map((c) => c.role)).toEqual(['Caption', 'TBody']);
      const rows = all.filter((t) => t.role === 'TR');
      expect(rows.map((r) => r.text)).toEqual(['Adult social care 03000 41 61 61', 'Blue Badge 03000 41 61 07', "Carers' support 03000 41 61 62"]);
      expect(all.filter((t) => t.role === 'TH').map((t) => t.text)).toEqual(['Adult social care', 'Blue Badge', "Carers' support"]);
    }
  });

  it('DOCX: no repeating header row', async () => {
    const { out } = await build('header-less-table.yaml');
    expect(await documentXml(out('standard.docx'))).not.toContain('<w:tblHeader');
  });

  it('rows of unequal length are refused', () => {
    const yaml = 'kind: local-account\nid: x\ntitle: X\norganisation: K\nsummary: S.\nsections: [{ id: a, title: A, blocks: [{ table: { rows: [[a, b], [c]] } }] }]\n';
    expect(problemsOf(yaml)).toEqual(['sections[0].blocks[0].table.rows: every row must have as many cells as there are columns (or, with no columns, as the first row)']);
  });
});

describe('a key fact may have more than one figure', () => {
  it('HTML: the further figure is a key fact inside the first one\'s description', async () => {
    const { html } = await build('multi-figure-facts.yaml');
    expect(html).toMatch(/<dt id="fact-reablement">4,215<\/dt>\n?<dd><p>people had reablement at home after a stay in hospital<\/p>\n?<dl class="key-facts">\n?<div><dt id="fact-reablement-2">63%<\/dt>\n?<dd>of them needed no more care afterwards \(2016-17\. Source: KCC activity data\)<\/dd><\/div><\/dl><\/dd>/);
  });

  it('PDF: one list item: the first figure its label (Lbl), the second a paragraph of its body, set as large', async () => {
    const { out } = await build('multi-figure-facts.yaml');
    for (const profile of ['standard', 'large-print'] as const) {
      const bytes = out(`${profile}.pdf`);
      const all = await tags(bytes);
      const first = all.find((t) => t.role === 'Lbl' && t.text === '4,215')!;
      expect(first.path.slice(-2)).toEqual(['L', 'LI']);
      // (A line's end is no space in the extracted text: compared without spaces.)
      const body = all.find((t) => t.role === 'LBody' && t.text.includes('63%'))!;
      const paragraphs = body.node.children!.filter((c) => c.role === 'P');
      expect(paragraphs).toHaveLength(2);
      expect(all.filter((t) => t.role === 'P' && t.path.at(-1) === 'LBody' && t.text.startsWith('63%')).map((t) => t.text.replace(/\s+/g, ''))).toEqual(['63%ofthemneedednomorecareafterwards(2016-17.Source:KCCactivitydata)']);
      expect(all.filter((t) => t.role === 'Lbl').map((t) => t.text)).toEqual(['4,215', '12,480']);
      const pdf = await readPdf(bytes);
      const size = (s: string) => pdf.text.flatMap((t) => t.runs).find((r) => r.str.startsWith(s))!.size;
      expect(size('63%')).toBeCloseTo(size('4,215'), 1);
      expect(size('63%')).toBeCloseTo(PROFILES[profile].keyFact, 1);
    }
  });

  it('DOCX: each figure is printed large in its key-fact paragraph, the first kept with the second', async () => {
    const { out } = await build('multi-figure-facts.yaml');
    const xml = await documentXml(out('standard.docx'));
    const facts = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="KeyFact"\/>(?:(?!<\/w:p>).)*<\/w:p>/gs)].map((m) => m[0]);
    const texts = facts.map((p) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
    expect(texts).toEqual(['4,215 people had reablement at home after a stay in hospital', '63% of them needed no more care afterwards (2016-17. Source: KCC activity data)', '12,480 assessments were completed (2016-17)']);
    expect(facts[0]).toContain('<w:keepNext/>');
    expect(facts[1]).toMatch(/<w:ind w:left="\d+"\/>/);
  });

  it('a fact has one figure (value and label) or several (figures), not both', () => {
    const yaml = (fact: string) => `kind: local-account\nid: x\ntitle: X\norganisation: K\nsummary: S.\nfacts: [${fact}]\nsections: [{ id: a, title: A, blocks: [{ keyFacts: { facts: [f] } }] }]\n`;
    expect(problemsOf(yaml('{ id: f, value: "1", label: one, figures: [{ value: "2", label: two }, { value: "3", label: three }] }'))).toEqual(['facts[0]: a fact has either value and label, or figures: [{ value, label }, …], not both']);
    expect(problemsOf(yaml('{ id: f, figures: [{ value: "2", label: two }] }'))).toEqual(['facts[0].figures: a fact of one figure gives value and label instead']);
    expect(problemsOf(yaml('{ id: f, value: "1", label: one }'))).toEqual([]);
  });
});

describe('side panels', () => {
  it('HTML: an <aside> after the paragraph it interrupts, the two in one group (side by side on a wide screen)', async () => {
    const { html } = await build('side-panels.yaml');
    expect(html).toMatch(/<div class="group group-panel"><p>Telecare is equipment[^<]*<\/p>\n<aside class="box box-panel" aria-labelledby="([^"]+)"><h3 id="\1">What does it cost\?<\/h3>/);
    // A panel with nothing before it stands alone, named as a panel.
    expect(html).toMatch(/<aside class="box box-panel" aria-label="Panel"><p>Call 03000 41 61 61 and ask for telecare\.<\/p><\/aside>/);
    expect(html).toContain('.group-panel{display:grid');
  });

  it('PDF, standard print: the panel is beside its paragraph, read after it', async () => {
    const { out } = await build('side-panels.yaml');
    const bytes = out('standard.pdf');
    const para = await placeOf(bytes, 'Telecare is equipment');
    const panel = await placeOf(bytes, 'What does it cost?');
    expect(panel.page).toBe(para.page);
    expect(panel.x).toBeGreaterThan(para.x + 150);
    expect(Math.abs(panel.y - para.y)).toBeLessThan(30);
    const order = (await tags(bytes)).filter((t) => ['P', 'Sect'].includes(t.role) && /Telecare is equipment|What does it cost|More than 2,000/.test(t.text)).map((t) => `${t.role} ${t.text.slice(0, 18)}`);
    expect(order).toEqual(['P Telecare is equipm', 'Sect What does it cost?', 'P More than 2,000 pe']);
  });

  it('PDF, large print: the panel is after its paragraph, on the same page', async () => {
    const { out } = await build('side-panels.yaml');
    const bytes = out('large-print.pdf');
    const para = await placeOf(bytes, 'Telecare is equipment');
    const panel = await placeOf(bytes, 'What does it cost?');
    expect(panel.page).toBe(para.page);
    expect(panel.y).toBeLessThan(para.y);
    expect(Math.abs(panel.x - para.x)).toBeLessThan(20);
  });

  it('DOCX: after the paragraph, marked as a panel', async () => {
    const { out } = await build('side-panels.yaml');
    const xml = await documentXml(out('standard.docx'));
    const words = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    expect(words).toMatch(/staffed day and night\.\|Panel: What does it cost\?\|Telecare is free/);
    expect(words).toMatch(/\|Panel\|Call 03000 41 61 61 and ask for telecare\./);
  });
});

describe('a section\'s own text may follow its sub-sections', () => {
  it('comes under the section\'s heading said again, which is in no outline or contents', async () => {
    const { model, html, out } = await build('text-after-subsections.yaml');
    const heading = model.blocks.find((b) => b.type === 'heading' && b.text === 'What we will do first (continued)');
    expect(heading).toMatchObject({ level: 2, outline: false });
    expect(heading).not.toHaveProperty('number');
    expect(html).toMatch(/<h2 id="priorities-continued">What we will do first \(continued\)<\/h2>\n<p>We will report on all three priorities/);
    expect(html.slice(html.indexOf('<nav'), html.indexOf('</nav>'))).not.toContain('continued');
    const pdf = await readPdf(out('standard.pdf'));
    expect(JSON.stringify(pdf.outline)).not.toContain('continued');
    const h = (await tags(out('standard.pdf'))).filter((t) => /^H\d$/.test(t.role)).map((t) => `${t.role} ${t.text}`);
    // DOCX: Heading 1's look, body text's outline level, so Word's contents field leaves it out.
    const xml = await documentXml(out('standard.docx'));
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/><w:keepNext\/><w:outlineLvl w:val="9"\/><\/w:pPr>(?:(?!<\/w:p>).)*What we will do first \(continued\)/s);
    // Read after the last sub-section, at the section's own level.
    const at = h.indexOf('H2 What we will do first (continued)');
    expect(h.slice(at - 1, at + 2)).toEqual(['H3 Carers', 'H2 What we will do first (continued)', 'H2 What happens next']);
  });

  it('after: needs sub-sections to follow', () => {
    const yaml = 'kind: local-account\nid: x\ntitle: X\norganisation: K\nsummary: S.\nsections: [{ id: a, title: A, after: [{ text: Bye. }] }]\n';
    expect(problemsOf(yaml)).toEqual(['sections[0].after: after: is text that follows sub-sections; with no sections: put it in blocks:']);
  });
});

describe('picture symbols beside blocks, in any kind', () => {
  it('a story\'s service icon is a picture with its alt text in every format', async () => {
    const { html, text, out } = await build('symbols-beside-story.yaml');
    expect(html).toMatch(/<aside class="box box-story"[^>]*><h3[^>]*>Case study: Getting home from hospital<\/h3>\n<div class="picture-row"><div class="picture"><svg[^>]*role="img"[^>]*><title[^>]*>A hospital building<\/title>/);
    expect(text).toContain('Case study: Getting home from hospital\n\nPicture: A hospital building.\nMrs B went home');
    const figures = (await tags(out('standard.pdf'))).filter((t) => t.role === 'Figure');
    expect(figures.map((f) => [f.alt, f.path.at(-1)])).toEqual([
      ['A hospital building', 'Sect'],
      ['A telephone', 'Document'],
    ]);
    const xml = await documentXml(out('standard.docx'));
    expect(xml).toMatch(/<wp:docPr id="\d+" name="building-hospital" descr="A hospital building" title="A hospital building"\/>/);
    expect(xml).toMatch(/<wp:docPr id="\d+" name="phone" descr="A telephone" title="A telephone"\/>/);
  });

  it('a symbol beside a report\'s text is an icon, smaller than an Easy Read picture', async () => {
    const { out } = await build('symbols-beside-story.yaml');
    const pdf = await readLayout(out('standard.pdf'));
    const icons = pdf.pages.flatMap((p) => p.drawings.filter((d) => !d.artifact && d.kind !== 'image')).length;
    expect(icons).toBeGreaterThan(0);
    const row = (await tags(out('standard.pdf'))).find((t) => t.role === 'Figure' && t.alt === 'A telephone')!;
    const [x1, y1, x2, y2] = row.node.bbox!;
    expect(Math.abs(x2 - x1)).toBeLessThanOrEqual(PROFILES.standard.body * 3.5 + 1);
    expect(Math.abs(y2 - y1)).toBeLessThanOrEqual(PROFILES.standard.body * 3.5 + 1);
  });

  it('alt text is required and must say what the picture shows; the symbol must be one of the bundled ones', () => {
    const yaml = (picture: string) => `kind: local-account\nid: x\ntitle: X\norganisation: K\nsummary: S.\nsections: [{ id: a, title: A, blocks: [{ pictureRow: { picture: ${picture}, blocks: [{ text: Hi. }] } }] }]\n`;
    expect(problemsOf(yaml('{ symbol: home }'))).toEqual(['sections[0].blocks[0].pictureRow.picture.alt: "alt" is required but missing']);
    for (const alt of ['image', 'Picture', 'an icon.']) {
      expect(problemsOf(yaml(`{ symbol: home, alt: "${alt}" }`))).toEqual(['sections[0].blocks[0].pictureRow.picture.alt: say what the picture shows ("A house with a heart on it"), not that it is a picture']);
    }
    expect(problemsOf(yaml('{ symbol: castle, alt: A castle }'))).toEqual(['sections[0].blocks[0].pictureRow.picture.symbol: there is no symbol "castle"; choose one listed in docs/content-format.md (the files in assets/symbols)']);
    expect(problemsOf(yaml('{ symbol: home, alt: A house }'))).toEqual([]);
  });
});

describe('a story says what the council calls it, or what the content calls it', () => {
  it('the organisation\'s label by default, the story\'s own label where it has one, in every format', async () => {
    const { text, html, out } = await build('meadowford/story-label.yaml');
    expect(text).toContain('Your stories: Back to the allotment');
    expect(text).toContain('End of your stories.');
    expect(text).toContain('Volunteer voices: Driving for the day centre');
    expect(text).toContain('End of volunteer voices.');
    expect(text).not.toMatch(/Case study/i);
    expect(html).toMatch(/<h3 id="[^"]+">Your stories: Back to the allotment<\/h3>/);
    expect(html).toMatch(/<h3 id="[^"]+">Volunteer voices: Driving for the day centre<\/h3>/);
    const headings = (await tags(out('standard.pdf'))).filter((t) => t.path.at(-1) === 'Sect' && /^H\d$/.test(t.role)).map((t) => t.text);
    expect(headings).toEqual(['Other formats', 'Your stories: Back to the allotment', 'Volunteer voices: Driving for the day centre']);
    const xml = await documentXml(out('standard.docx'));
    expect(xml).toContain('Your stories: Back to the allotment');
    expect(xml).toContain('Volunteer voices: Driving for the day centre');
  });
});
