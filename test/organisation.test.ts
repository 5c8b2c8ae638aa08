// The organisation profile (issue 14): one file per council beside the content, checked and
// located like content; found by the nearest organisation.yaml on the way up to the content root;
// part of every publication's identity; and printed by every writer. A made-up second council,
// Northmoor (test/fixtures/organisations/northmoor/), shows that nothing of Kent's is hard-wired.
import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { loadOrganisation } from '../src/organisation/load.ts';
import { withLogo } from '../src/organisation/logo.ts';
import { KENT } from '../src/organisation/kent.ts';
import { compileNumberTemplate, matchesAny, templateProblem } from '../src/organisation/numbers.ts';
import { contrast, contrastFailures } from '../src/organisation/contrast.ts';
import { governingProfile, profileCandidates } from '../src/organisation/find.ts';
import type { Organisation } from '../src/organisation/types.ts';
import { folderImageLoader, folderProfile } from '../src/storage/folder.ts';
import { publish, type PublishResult } from '../src/pipeline/publish.ts';
import { gatherInputs } from '../src/pipeline/inputs.ts';
import { loadContent } from '../src/pipeline/validate.ts';
import { LIMITS } from '../src/limits.ts';
import { stableIndexPage } from '../src/pipeline/index-page.ts';
import { folderTextLoader } from '../src/storage/folder.ts';
import { contentFiles } from './support/content.ts';
import { checkPdfUa } from './support/pdf-ua-checker.ts';

const NORTHMOOR_DIR = 'test/fixtures/organisations/northmoor';
const NORTHMOOR_PROFILE = `${NORTHMOOR_DIR}/organisation.yaml`;
const NORTHMOOR_REPORT = `${NORTHMOOR_DIR}/northmoor-annual-report.yaml`;
const KENT_COLOURS = Object.values(KENT.identity);

const profileOf = (file: string): Organisation => {
  const r = loadOrganisation(file, readFileSync(file));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.col} ${p.path} ${p.message}`).join('\n'));
  return r.organisation;
};

/** A profile with its logo read from beside it, as the pipeline's edges read it. */
async function fullProfileOf(file: string): Promise<Organisation> {
  const loaded = loadOrganisation(file, readFileSync(file));
  if (!loaded.ok) throw new Error('invalid profile');
  const full = await withLogo(file, loaded, async (p) => (existsSync(p) ? readFileSync(p) : undefined));
  if (!full.ok) throw new Error(full.problems.map((p) => p.message).join('\n'));
  return full.organisation;
}

/** A Kent profile with some fields changed, as YAML text (so problems have lines to point at). */
const kentWith = (replace: [string, string][]) => replace.reduce((t, [a, b]) => { expect(t).toContain(a); return t.replace(a, b); }, readFileSync('content/organisation.yaml', 'utf8'));

describe('the profile file', () => {
  it('content/organisation.yaml is the profile the code has built in for Kent', () => {
    expect(profileOf('content/organisation.yaml')).toEqual(KENT);
  });

  it('a colour that text sits on with less than 4.5:1 is refused at its line, saying what to do', () => {
    const text = kentWith([['panel: "#eef3f8"', 'panel: "#777777"']]);
    const r = loadOrganisation('organisation.yaml', text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const line = text.split('\n').findIndex((l) => l.includes('#777777')) + 1;
    const panel = r.problems.filter((p) => p.path === 'identity.panel');
    expect(panel.length).toBeGreaterThan(0);
    for (const p of panel) {
      expect(p.line).toBe(line);
      expect(p.message).toMatch(/less than the 4\.5:1 text needs/);
      expect(p.message).toMatch(/choose a lighter fill/);
    }
  });

  it('a link colour too light on white is refused, asking for a darker colour', () => {
    const r = loadOrganisation('organisation.yaml', kentWith([['link: "#0b4f9c"', 'link: "#66aaff"']]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.find((p) => p.path === 'identity.link')?.message).toMatch(/on white has a contrast of .* choose a darker colour/);
  });

  it('every pair of colours the profiles put text in or on passes 4.5:1', () => {
    for (const org of [KENT, profileOf(NORTHMOOR_PROFILE)]) expect(contrastFailures(org.identity)).toEqual([]);
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });

  it('a formats contact with no phone, email or web address is refused: a download page must say how to ask', () => {
    const r = loadOrganisation('organisation.yaml', kentWith([['    phone: "03000 421553"\n    textRelay: "18001 03000 421553"\n    email: alternativeformats@kent.gov.uk\n', '']]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => [p.path, p.message])).toEqual([['formats.contact', expect.stringMatching(/needs a phone number, an email address or a web address/)]]);
  });

  it('unknown fields are named with a suggestion, as in content files', () => {
    const r = loadOrganisation('organisation.yaml', kentWith([['legal: []', 'legals: []']]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ path: 'legals', message: 'unknown field "legals"; did you mean "legal"?' });
  });

  it('a decision-number template that is a regular expression is refused where it is written', () => {
    const text = kentWith([['decisionNumbers: ["YY/NNNNN"]', 'decisionNumbers: ["(\\\\d+)+$"]']]);
    const r = loadOrganisation('organisation.yaml', text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0].path).toBe('decisionNumbers[0]');
    expect(r.problems[0].line).toBe(text.split('\n').findIndex((l) => l.startsWith('decisionNumbers')) + 1);
    expect(r.problems[0].message).toMatch(/cannot hold/);
  });
});

describe('decision-number templates', () => {
  it('"YY/NNNNN" is two digits, a slash and five digits, whole', () => {
    const t = compileNumberTemplate('YY/NNNNN');
    expect(['16/00014', '16/00089', '99/12345'].filter((n) => t.matches(n))).toHaveLength(3);
    expect(['16/0001', '16/000140', '1600014', 'AB/00014', '16-00014', ' 16/00014', '16/00014\n'].some((n) => t.matches(n))).toBe(false);
    expect(t.example).toBe('16/00123');
  });

  it('other characters are themselves, and quoted letters too: Northmoor\'s "\'ND\'-YYYY-NNN" and "\'NDK\'/NNNN"', () => {
    const templates = profileOf(NORTHMOOR_PROFILE).decisionNumbers;
    expect(matchesAny(templates, 'ND-2024-017')).toBe(true);
    expect(matchesAny(templates, 'NDK/0042')).toBe(true);
    expect(matchesAny(templates, '16/00014')).toBe(false);
    expect(matchesAny(templates, 'NX-2024-017')).toBe(false);
    expect(compileNumberTemplate("'ND'-YYYY-NNN").example).toBe('ND-2016-123');
  });

  it('a template holds only Y, N, letters, digits, spaces, / - . _ : and closed quotes, and must say where a digit goes', () => {
    expect(templateProblem('YY/NNNNN')).toBeUndefined();
    for (const bad of ['', 'ABC', "'NY'", "'ND-YYYY", '[0-9]+', 'YY/N*', 'N'.repeat(33), ' YY/NN']) expect(templateProblem(bad), bad).toBeDefined();
  });
});

describe('how a publication finds its profile', () => {
  it('the nearest organisation.yaml from the file\'s folder up to the root, nearest first', () => {
    expect(profileCandidates('incoming/kent/2016/paper.yaml', 'incoming/')).toEqual(['incoming/kent/2016/organisation.yaml', 'incoming/kent/organisation.yaml', 'incoming/organisation.yaml']);
    expect(profileCandidates('incoming/paper.yaml', 'incoming/')).toEqual(['incoming/organisation.yaml']);
    expect(profileCandidates('/paper.yaml', '/')).toEqual(['/organisation.yaml']);
    expect(profileCandidates('/srv/council/paper.yaml', '/srv/')).toEqual(['/srv/council/organisation.yaml', '/srv/organisation.yaml']);
    const profiles = new Set(['incoming/organisation.yaml', 'incoming/northmoor/organisation.yaml']);
    expect(governingProfile('incoming/northmoor/a/paper.yaml', 'incoming/', profiles)).toBe('incoming/northmoor/organisation.yaml');
    expect(governingProfile('incoming/kent/paper.yaml', 'incoming/', profiles)).toBe('incoming/organisation.yaml');
    expect(governingProfile('elsewhere/paper.yaml', 'incoming/', profiles)).toBeUndefined();
  });

  it('on disk: content/ files find content/organisation.yaml, Northmoor\'s find theirs, others none', () => {
    expect(folderProfile('content/local-account-2016-17/local-account-2016-17.yaml')?.path).toBe('content/organisation.yaml');
    expect(folderProfile(NORTHMOOR_REPORT)?.path).toBe(NORTHMOOR_PROFILE);
    expect(folderProfile('test/fixtures/valid/minimal.yaml')).toBeUndefined();
    // The search stops at the content root.
    expect(folderProfile('content/local-account-2016-17/local-account-2016-17.yaml', 'content/local-account-2016-17')).toBeUndefined();
  });

  it('the profile is part of the version: another profile, another version', async () => {
    const content = readFileSync(NORTHMOOR_REPORT);
    const read = async () => undefined;
    const a = await gatherInputs(NORTHMOOR_REPORT, content, read, 'fp', LIMITS, [{ name: NORTHMOOR_PROFILE, bytes: readFileSync(NORTHMOOR_PROFILE) }]);
    const b = await gatherInputs(NORTHMOOR_REPORT, content, read, 'fp', LIMITS, [{ name: NORTHMOOR_PROFILE, bytes: Buffer.from(readFileSync(NORTHMOOR_PROFILE, 'utf8').replace('Spotlight', 'In focus')) }]);
    const none = await gatherInputs(NORTHMOOR_REPORT, content, read, 'fp');
    expect(new Set([a.digest, b.digest, none.digest]).size).toBe(3);
    expect(a.files.map((f) => f.name)).toContain(NORTHMOOR_PROFILE);
  });
});

describe('a publication inherits its profile and may name its own formats contact', () => {
  it('without alternativeFormats, the profile\'s contact and formats are the download page\'s', () => {
    const r = loadContent(NORTHMOOR_REPORT, readFileSync(NORTHMOOR_REPORT), folderImageLoader(NORTHMOOR_REPORT), { organisation: profileOf(NORTHMOOR_PROFILE) });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.model.meta.alternativeFormats).toEqual({ name: 'Northmoor Customer Access Team', phone: '01632 960 123', web: 'https://www.northmoor.example/accessible-formats', offered: ['large print', 'audio CD', 'British Sign Language video'] });
  });

  it('alternativeFormats names a contact of its own, which must have a way to ask', () => {
    const text = readFileSync(NORTHMOOR_REPORT, 'utf8') + 'alternativeFormats: care-team\ncontacts:\n  - id: care-team\n    name: Care at home team\n    email: care@northmoor.example\n';
    const r = loadContent(NORTHMOOR_REPORT, text, folderImageLoader(NORTHMOOR_REPORT), { organisation: profileOf(NORTHMOOR_PROFILE) });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.model.meta.alternativeFormats).toMatchObject({ name: 'Care at home team', email: 'care@northmoor.example', offered: ['large print', 'audio CD', 'British Sign Language video'] });
    const silent = text.replace('    email: care@northmoor.example\n', '');
    const bad = loadContent(NORTHMOOR_REPORT, silent, folderImageLoader(NORTHMOOR_REPORT), { organisation: profileOf(NORTHMOOR_PROFILE) });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => [p.path, p.line])).toEqual([['alternativeFormats', silent.split('\n').findIndex((l) => l.startsWith('alternativeFormats')) + 1]]);
  });
});

describe('a file under another council\'s profile', () => {
  it('is warned, at its organisation field, that it will print that council\'s identity', () => {
    const text = readFileSync(NORTHMOOR_REPORT, 'utf8');
    const r = loadContent(NORTHMOOR_REPORT, text, folderImageLoader(NORTHMOOR_REPORT), { organisation: KENT });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.warnings.map((w) => [w.path, w.line, w.severity])).toEqual([['organisation', text.split('\n').findIndex((l) => l.startsWith('organisation:')) + 1, 'warning']]);
      expect(r.warnings[0].message).toMatch(/Northmoor District Council's, but the organisation.yaml that governs it is Kent County Council's/);
    }
    // Under its own council's profile, or the installation's default (no organisation.yaml found), it is not.
    const own = loadContent(NORTHMOOR_REPORT, text, folderImageLoader(NORTHMOOR_REPORT), { organisation: profileOf(NORTHMOOR_PROFILE) });
    const none = loadContent(NORTHMOOR_REPORT, text, folderImageLoader(NORTHMOOR_REPORT));
    for (const x of [own, none]) expect(x.ok && x.warnings).toEqual([]);
  });
});

describe('Northmoor\'s outputs are in Northmoor\'s colours and words, with nothing of Kent\'s', () => {
  let result: PublishResult;
  const file = (suffix: string) => {
    if (!result.ok) throw new Error('not published');
    const f = result.files.find((x) => x.file.file === `northmoor-annual-report${suffix}`);
    if (!f) throw new Error(`no ${suffix}`);
    return f.data;
  };
  const northmoor = profileOf(NORTHMOOR_PROFILE);
  const colours = northmoor.identity;

  beforeAll(async () => {
    const organisation = await fullProfileOf(NORTHMOOR_PROFILE);
    result = await publish(NORTHMOOR_REPORT, readFileSync(NORTHMOOR_REPORT), folderImageLoader(NORTHMOOR_REPORT), { organisation, formats: ['html', 'pdf', 'docx', 'txt'] });
    if (!result.ok) throw new Error(result.problems.map((p) => `${p.line}:${p.col} ${p.path} ${p.message}`).join('\n'));
  }, 120_000);

  it('the plain text labels the story with the profile\'s word and names the formats it offers', () => {
    const text = Buffer.from(file('.txt')).toString('utf8');
    expect(text).toContain('Spotlight: Ann\'s new kitchen');
    expect(text).not.toMatch(/Case study/i);
    expect(text).toContain('You can ask for this document in large print, audio CD or British Sign Language video.');
    expect(text).toContain('Northmoor Customer Access Team');
    expect(text).not.toMatch(/Braille|kent/i);
  });

  it('the HTML is drawn in the profile\'s colours', () => {
    const html = Buffer.from(file('.html')).toString('utf8').toLowerCase();
    for (const c of Object.values(colours)) expect(html, c).toContain(c);
    for (const c of KENT_COLOURS) expect(html, c).not.toContain(c);
    expect(html).toContain('spotlight');
  });

  it('the HTML publication\'s footer says how to ask Northmoor for another format', () => {
    const html = Buffer.from(file('.html')).toString('utf8');
    expect(html).toMatch(/<footer class="page-footer" aria-label="Ask for another format">[\s\S]*contact Northmoor Customer Access Team: telephone <a href="tel:01632960123">01632 960 123<\/a>, or visit <a href="https:\/\/www.northmoor.example\/accessible-formats">/);
  });

  it('the DOCX\'s headings, key figures, links and header row are in the profile\'s colours', async () => {
    const zip = await JSZip.loadAsync(file('.docx'));
    const xml = (await zip.file('word/document.xml')!.async('string')) + (await zip.file('word/styles.xml')!.async('string'));
    for (const c of [colours.accent, colours.link, colours.panel]) expect(xml, c).toContain(c.slice(1).toUpperCase());
    for (const c of KENT_COLOURS) expect(xml.toUpperCase(), c).not.toContain(c.slice(1).toUpperCase());
  });

  it('the PDF fills and sets text in the profile\'s colours, read back with pdfjs-dist', async () => {
    const pdf = await getDocument({ data: new Uint8Array(file('.pdf')), verbosity: 0 }).promise;
    const used = new Set<string>();
    const hex = (args: unknown[]) => (typeof args[0] === 'string' ? args[0] : `#${(args as number[]).slice(0, 3).map((v) => Math.round(v <= 1 ? v * 255 : v).toString(16).padStart(2, '0')).join('')}`).toLowerCase();
    for (let i = 1; i <= pdf.numPages; i++) {
      const ops = await (await pdf.getPage(i)).getOperatorList();
      ops.fnArray.forEach((fn, k) => {
        if (fn === OPS.setFillRGBColor || fn === OPS.setStrokeRGBColor) used.add(hex(ops.argsArray[k]));
      });
    }
    for (const c of Object.values(colours)) expect([...used], c).toContain(c);
    for (const c of KENT_COLOURS) expect([...used], c).not.toContain(c);
  });

  it('the legal lines close the publication and the footer line is in every print footer', async () => {
    const text = Buffer.from(file('.txt')).toString('utf8').trimEnd();
    expect(text.endsWith('© Northmoor District Council 2024')).toBe(true);
    expect(Buffer.from(file('.html')).toString('utf8')).toContain('© Northmoor District Council 2024');
    const pdf = await getDocument({ data: new Uint8Array(file('.pdf')), verbosity: 0 }).promise;
    for (let i = 1; i <= pdf.numPages; i++) {
      const words = (await (await pdf.getPage(i)).getTextContent()).items.map((t) => ('str' in t ? t.str : '')).join('').replace(/\s+/g, ' ');
      expect(words, `page ${i}`).toContain(`${northmoor.footer} | Page ${i} of ${pdf.numPages}`);
    }
    const zip = await JSZip.loadAsync(file('.docx'));
    const footers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
    expect(footers.join('')).toContain(northmoor.footer);
  });

  it('the logo is on the cover of the HTML, PDF and DOCX, with its alt text', async () => {
    expect(Buffer.from(file('.html')).toString('utf8')).toMatch(/<img class="logo" src="data:image\/png;base64,[^"]+" alt="Northmoor District Council" width="160" height="64">/);
    const pdf = await getDocument({ data: new Uint8Array(file('.pdf')), verbosity: 0 }).promise;
    const ops = await (await pdf.getPage(1)).getOperatorList();
    expect(ops.fnArray.filter((fn) => fn === OPS.paintImageXObject).length).toBe(1);
    const tree = await (await pdf.getPage(1)).getStructTree();
    const figures: string[] = [];
    const visit = (n: { role?: string; alt?: string; children?: unknown[] }) => {
      if (n.role === 'Figure') figures.push(n.alt ?? '');
      for (const ch of n.children ?? []) visit(ch as never);
    };
    visit(tree as never);
    expect(figures).toEqual(['Northmoor District Council']);
    const zip = await JSZip.loadAsync(file('.docx'));
    const doc = await zip.file('word/document.xml')!.async('string');
    expect(doc).toMatch(/<wp:docPr [^>]*descr="Northmoor District Council"/);
    expect(Object.keys(zip.files).some((n) => /^word\/media\/.+\.png$/.test(n))).toBe(true);
  });

  it('the PDF with the logo is still PDF/UA by the checker, house rules too', async () => {
    const { failures } = await checkPdfUa(new Uint8Array(file('.pdf')), { house: true });
    expect(failures).toEqual([]);
  });

  it('a logo that is not beside the profile is refused at its line', async () => {
    const text = readFileSync(NORTHMOOR_PROFILE, 'utf8').replace('northmoor-logo.png', 'no-such-logo.png');
    const loaded = loadOrganisation(NORTHMOOR_PROFILE, text);
    if (!loaded.ok) throw new Error('invalid');
    const r = await withLogo(NORTHMOOR_PROFILE, loaded, async (p) => (existsSync(p) ? readFileSync(p) : undefined));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([expect.objectContaining({ file: NORTHMOOR_PROFILE, line: text.split('\n').findIndex((l) => l.includes('no-such-logo')) + 1, path: 'logo.file', message: expect.stringMatching(/not beside organisation.yaml/) })]);
  });

  it('the download page names the profile\'s contact and the formats it offers', () => {
    if (!result.ok) throw new Error('not published');
    expect(result.index).toContain('If you need this publication in large print, audio CD or British Sign Language video, contact Northmoor Customer Access Team');
    expect(result.index).toContain('href="tel:01632960123"');
    expect(result.index).toContain('href="https://www.northmoor.example/accessible-formats"');
    expect(result.manifest.organisation).toEqual({ id: 'northmoor', name: 'Northmoor District Council' });
  });
});

/** The ways to ask a download page's "Ask for another format" paragraph gives, each one that works. */
function waysToAsk(page: string): string[] {
  const ask = /<p class="ask">([\s\S]*?)<\/p>/.exec(page)?.[1] ?? '';
  const hrefs = [...ask.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&#x26;|&amp;/g, '&'));
  return hrefs.filter((h) => /^tel:\+?\d{10,13}$/.test(h) || /^mailto:[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(h) || (/^https:\/\//.test(h) && !!new URL(h).hostname.includes('.')));
}

describe('every download page and HTML publication names a working contact', () => {
  for (const file of contentFiles()) {
    it(file, async () => {
      const profile = folderProfile(file);
      const organisation = profile ? profileOf(profile.path) : undefined;
      const r = await publish(file, readFileSync(file), folderImageLoader(file), { organisation, formats: ['html'], loadText: folderTextLoader(file) });
      if (!r.ok) throw new Error(r.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.path} ${p.message}`).join('\n'));
      // The version's own page, the stable page (rebuilt from the manifest) and each HTML publication alike.
      const html = r.files.filter((f) => f.file.format === 'html').map((f) => Buffer.from(f.data).toString('utf8'));
      expect(html.length).toBeGreaterThan(0);
      for (const page of [r.index, stableIndexPage(r.manifest, '0123456789abcdef'), ...html]) expect(waysToAsk(page), page.slice(0, 200)).not.toEqual([]);
    }, 120_000);
  }
});
