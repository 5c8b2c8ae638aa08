// The download page of a publication (index.html), built as an HTML tree (hastscript) and
// serialised by hast-util-to-html, so every text and address is escaped by the serialiser.
// The HTML publication comes first ("Read online", as GOV.UK lists it), then the files to
// download with their format, size and pages, then how to ask for another format.
// Two places serve it: published/<id>/<version>/index.html (links beside it) and the stable
// published/<id>/index.html (links into the version's folder). No scripts, no requests elsewhere.
import { h } from 'hastscript';
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { KINDS } from '../../templates/index.ts';
import { longDate } from '../model/dates.ts';
import type { Manifest, OutputFile } from './publish.ts';
import { DEFAULT_ORGANISATION } from '../organisation/kent.ts';
import { alternativeFormatsOf, askParts } from '../organisation/publication.ts';

type Contact = NonNullable<Manifest['alternativeFormats']>;

const LABELS: Record<string, string> = {
  'html/standard': 'Web page (HTML)',
  'pdf/standard': 'PDF (tagged, for screen readers)',
  'docx/standard': 'Word document',
  'txt/standard': 'Plain text',
  'pdf/large-print': 'Large print PDF (18 point)',
  'docx/large-print': 'Large print Word document (18 point)',
  'pdf/easy-read': 'Easy Read PDF',
  'docx/easy-read': 'Easy Read Word document',
  'txt/easy-read': 'Easy Read plain text',
  'brf/standard': 'Braille (BRF, Unified English Braille grade 2)',
  'brf/easy-read': 'Easy Read Braille (BRF, Unified English Braille grade 2)',
  'epub/standard': 'EPUB e-book',
  'epub/easy-read': 'Easy Read EPUB e-book',
};

/** Short names of the formats, for the publications index ("HTML, PDF, Word"). */
const SHORT: Record<string, string> = {
  html: 'HTML',
  'pdf/standard': 'PDF',
  'docx/standard': 'Word',
  'txt/standard': 'plain text',
  'pdf/large-print': 'large print PDF',
  'docx/large-print': 'large print Word',
  'pdf/easy-read': 'Easy Read PDF',
  'docx/easy-read': 'Easy Read Word',
  'txt/easy-read': 'Easy Read plain text',
  'brf/standard': 'Braille',
  'brf/easy-read': 'Easy Read Braille',
  'epub/standard': 'EPUB',
  'epub/easy-read': 'Easy Read EPUB',
};

/** What a format is for, where its name does not say: one sentence under its link. */
const ABOUT: Record<string, string> = {
  brf: 'Braille ready file, for a braille display or embosser.',
  epub: 'An e-book for reading apps, which can read it aloud and re-flow it to any size.',
};

export const isHtml = (o: Pick<OutputFile, 'format'>) => o.format === 'html';

/** The human name of a document kind ("Local Account"); the kind itself if it is not known. */
export const kindLabel = (kind: string) => (Object.hasOwn(KINDS, kind) ? KINDS[kind].label : kind);

/** "1 July 2017", or undefined if the manifest has no (valid) date, as those made before it was recorded. */
export function publishedDate(iso: unknown): string | undefined {
  return typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(Date.parse(iso)) ? longDate(iso) : undefined;
}

/** The formats of a publication in short words, each once, in the order of its outputs. */
export function formatNames(outputs: readonly OutputFile[]): string[] {
  const names = outputs.map((o) => SHORT[o.format] ?? SHORT[`${o.format}/${o.profile}`] ?? o.format.toUpperCase());
  return [...new Set(names)];
}

export function fileSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

// GOV.UK's palette: text #0b0c0c on white (19:1), links #1d70b8 (5.2:1) and visited #4c2c92 (9.9:1),
// and its focus style: black text on yellow with a thick black underline, visible on any background.
const CSS = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:1.1875rem;line-height:1.5;color:#0b0c0c;background:#fff;overflow-wrap:anywhere}
.skip{position:absolute;left:-9999px;top:0;padding:.5rem 1rem}
.skip:focus{left:0}
header,main,footer{max-width:45rem;margin:0 auto;padding:0 1rem}
header{padding-top:.75rem;padding-bottom:.75rem;border-bottom:.3125rem solid #1d70b8}
main{padding-top:1.5rem;padding-bottom:2rem}
footer{padding-top:1rem;padding-bottom:2rem;border-top:1px solid #b1b4b6}
h1{font-size:2rem;line-height:1.2;margin:0 0 1rem}
h2{font-size:1.5rem;line-height:1.25;margin:2rem 0 .75rem}
.summary{font-size:1.3125rem;margin:0 0 1.25rem}
dl.facts{margin:0 0 1.5rem;display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.facts dt{font-weight:bold}
dl.facts dd{margin:0}
ul.files,ul.publications{list-style:none;margin:0;padding:0}
ul.files li{margin:0 0 1rem}
ul.publications>li{padding:1rem 0;border-top:1px solid #b1b4b6}
ul.publications h2{font-size:1.3125rem;margin:0 0 .5rem}
ul.publications p{margin:0 0 .5rem}
.facts-line{display:block;color:#505a5f}
a{color:#1d70b8;text-decoration-thickness:max(1px,.0625rem);text-underline-offset:.1578em}
a:visited{color:#4c2c92}
a:hover{color:#003078;text-decoration-thickness:max(3px,.1875rem)}
a:focus{outline:3px solid transparent;color:#0b0c0c;background-color:#fd0;box-shadow:0 -2px #fd0,0 4px #0b0c0c;text-decoration:none}
@media (max-width:40rem){body{font-size:1rem}h1{font-size:1.6rem}h2{font-size:1.3rem}.summary{font-size:1.125rem}dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.5rem}}`;

/**
 * A whole page: one language, a skip link to the main content, banner, main and footer landmarks,
 * a viewport for small screens, inline CSS only.
 */
export function htmlDocument(page: { lang: string; title: string; header?: ElementContent[]; main: ElementContent[]; footer?: ElementContent[] }): string {
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: page.lang }, [
        h('head', [
          h('meta', { charset: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', page.title),
          h('style', CSS),
        ]),
        h('body', [
          h('a.skip', { href: '#main' }, 'Skip to main content'),
          ...(page.header ? [h('header', page.header)] : []),
          h('main#main', page.main),
          ...(page.footer ? [h('footer', page.footer)] : []),
        ]),
      ]),
    ],
  };
  return toHtml(tree) + '\n';
}

/** Where the version's files are from the page: beside it, or in its folder from the stable page. */
export interface DownloadPageOptions {
  /** The version's folder name: the page is the stable published/<id>/index.html, its links go into <version>/. */
  version?: string;
}

/**
 * The download page. `contact` defaults to the manifest's, and for a manifest made before profiles
 * recorded one, to the installation's default profile's: every page names a way to ask.
 * `opts.version` makes the stable page.
 */
export function indexPage(m: Manifest, contact: Contact = m.alternativeFormats ?? alternativeFormatsOf(DEFAULT_ORGANISATION), opts: DownloadPageOptions = {}): string {
  const base = opts.version ? `${encodeURIComponent(opts.version)}/` : '';
  const href = (o: OutputFile) => base + encodeURIComponent(o.file);
  const label = (o: OutputFile) => LABELS[`${o.format}/${o.profile}`] ?? `${o.format.toUpperCase()} (${o.profile})`;
  const facts = (o: OutputFile) => [o.format.toUpperCase(), fileSize(o.bytes), o.pages ? `${o.pages} ${o.pages === 1 ? 'page' : 'pages'}` : ''].filter(Boolean).join(', ');
  const html = m.outputs.filter(isHtml);
  const files = m.outputs.filter((o) => !isHtml(o));
  const date = publishedDate(m.published);

  // One HTML publication is "the" online version; an agenda pack's several are named by their file.
  const online = (o: OutputFile): Element => {
    const title = 'title' in o && typeof o.title === 'string' ? o.title : html.length === 1 ? `Read ${m.title} online` : o.file.replace(/\.html$/i, '');
    return h('li', [h('a', { href: href(o), hrefLang: m.language }, title), ' ', h('span.facts-line', `Web page (HTML), ${fileSize(o.bytes)}`)]);
  };
  const about = (o: OutputFile): (Element | string)[] => (Object.hasOwn(ABOUT, o.format) ? [' ', h('span.facts-line', ABOUT[o.format])] : []);
  const download = (o: OutputFile): Element => h('li', [h('a', { href: href(o), type: o.contentType.split(';')[0] }, label(o)), ' ', h('span.facts-line', facts(o)), ...about(o)]);

  const main: ElementContent[] = [
    h('h1', m.title),
    ...(m.summary ? [h('p.summary', m.summary)] : []),
    h('dl.facts', [
      h('dt', 'Type'),
      h('dd', kindLabel(m.kind)),
      ...(date ? [h('dt', 'Published'), h('dd', [h('time', { dateTime: m.published }, date)])] : []),
    ]),
    ...(html.length ? [h('h2', 'Read online'), h('ul.files', html.map(online))] : []),
    ...(files.length ? [h('h2', html.length ? 'Download a copy' : 'Download this publication'), h('ul.files', files.map(download))] : []),
    h('h2', 'Ask for another format'),
    askForAnotherFormat(contact),
  ];
  // Only the stable page links to the list of publications: a version's page is also written to a
  // folder by `docgen build`, where there is no list to link to.
  const nav = opts.version ? [h('nav', { ariaLabel: 'Publications' }, [h('a', { href: '../' }, 'All publications')])] : undefined;
  return htmlDocument({ lang: m.language, title: `${m.title}: download`, header: nav, main, footer: [madeWith(m)] });
}

/**
 * What made these files, from the manifest: the generator's version and the template version (the
 * commit the service was deployed from), so that a resident's or officer's question about a file
 * can be matched to the code that made it, and a re-render after a deploy shows on the page.
 */
export function madeWith(m: Pick<Manifest, 'generator'>): Element {
  const template = m.generator.template ?? 'unversioned';
  return h('p.made-with', `Made by docgen ${m.generator.version}, template version ${template}.`);
}

/** The stable download page, published/<id>/index.html: the latest version's page, linking into its folder. */
export function stableIndexPage(m: Manifest, version: string): string {
  return indexPage(m, undefined, { version });
}

/** The ask for another format (src/organisation/publication.ts askParts), its ways to ask as links. */
function askForAnotherFormat(contact: Contact): Element {
  return h('p.ask', askParts(contact).map((part): ElementContent => (part.href ? h('a', { href: part.href }, part.text) : { type: 'text', value: part.text })));
}
