// The preview's page: the HTML publication as published, with a preview bar at the top (when it
// was built, links to every output, the content's errors and warnings) and a small script that
// reloads the page when a rebuild finishes. Both are added to the page as served, in memory,
// never to the files on disk, which stay exactly what `docgen build` makes. Built as a hast tree
// (the publication parsed, the bar made with hastscript) and serialised by hast-util-to-html,
// which escapes every text and attribute: no HTML is made by joining strings with content.
import { h } from 'hastscript';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { Element, ElementContent, Root } from 'hast';
import { formatProblem, type Problem } from '../parse/problems.ts';
import { fileSize } from '../pipeline/index-page.ts';
import type { Manifest, OutputFile } from '../pipeline/publish.ts';
import type { BuildOutcome } from './build.ts';

/** What the page shows. */
export interface PageState {
  file: string;
  /** The newest check of the content (a draft or a full build); undefined while the first runs. */
  latest?: BuildOutcome;
  /** The HTML publication on show: the newest that built (undefined if none has, or it has none). */
  shown?: { html?: string; at: Date };
  /** The files of the newest full build that worked. */
  files?: { manifest: Manifest; at: Date };
  /** Whether the files are being made again for a newer save than theirs. */
  making: boolean;
  /** Identifies the build the page shows; the script reloads when the server announces another. */
  build: string;
}

/** Where the server serves a publication's file: under /files/, by its own name. */
export const fileHref = (name: string) => `/files/${encodeURIComponent(name)}`;

/** The path the server streams build events on (Server-Sent Events). */
export const EVENTS_PATH = '/events';

/**
 * Reloads the page when the server announces a build other than the one the page shows (on
 * connecting too, so a build that finished while the page loaded is not missed); says when a
 * rebuild has started. The browser keeps the scroll position across a reload.
 */
const RELOAD_SCRIPT = `(() => {
  const build = document.currentScript.dataset.build;
  const status = document.getElementById('docgen-preview-status');
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  events.addEventListener('building', () => { if (status) status.textContent = 'Saved: rebuilding…'; });
  events.addEventListener('build', (e) => {
    if (e.data === build) return;
    events.close();
    location.reload();
  });
})();`;

/** The bar's own look, every rule under its class so the publication's stylesheet is untouched. */
const BAR_STYLE = `.docgen-preview{font:16px/1.4 system-ui,Arial,sans-serif;background:#f3f2f1;color:#0b0c0c;border-bottom:4px solid #1d70b8;padding:10px 15px}
.docgen-preview.docgen-preview-stale{border-bottom-color:#d4351c}
.docgen-preview p{margin:0 0 6px}
.docgen-preview ul,.docgen-preview ol{margin:0 0 6px;padding-left:20px}
.docgen-preview .docgen-preview-files{display:flex;flex-wrap:wrap;gap:4px 18px;list-style:none;padding:0}
.docgen-preview a{color:#1d70b8}
.docgen-preview .docgen-preview-error{color:#942514}
.docgen-preview .docgen-preview-warning{color:#594d00}
.docgen-preview .docgen-preview-out-of-date{background:#d4351c;color:#fff;padding:2px 6px;font-weight:bold}
.docgen-preview code{font-family:ui-monospace,Consolas,monospace;font-size:14px;overflow-wrap:anywhere}`;

const LABELS: Record<string, string> = {
  'html/standard': 'Web page (HTML)',
  'pdf/standard': 'PDF',
  'docx/standard': 'Word (DOCX)',
  'txt/standard': 'Plain text',
  'pdf/large-print': 'Large print PDF',
  'docx/large-print': 'Large print Word (DOCX)',
  'pdf/easy-read': 'Easy Read PDF',
  'docx/easy-read': 'Easy Read Word (DOCX)',
  'txt/easy-read': 'Easy Read plain text',
  'epub/standard': 'EPUB e-book',
  'epub/easy-read': 'Easy Read EPUB e-book',
  'brf/standard': 'Braille (BRF)',
};
const label = (o: OutputFile) => LABELS[`${o.format}/${o.profile}`] ?? `${o.format.toUpperCase()} (${o.profile})`;
const clock = (d: Date) => d.toTimeString().slice(0, 8);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The preview page for this state, as served at /. */
export function previewPage(state: PageState): string {
  const bar = previewBar(state);
  const script = h('script', { dataBuild: state.build }, RELOAD_SCRIPT);
  const style = h('style', BAR_STYLE);
  const html = state.shown?.html;
  if (html) {
    const tree = fromHtml(html);
    const head = find(tree, 'head');
    const body = find(tree, 'body');
    if (head && body) {
      head.children.push(style);
      body.children.unshift(bar);
      body.children.push(script);
      return toHtml(tree);
    }
  }
  // Nothing built yet, or a publication without a web page: the bar on a page of its own.
  const title = state.latest ? `Preview of ${state.file}` : `Building ${state.file}…`;
  const note = !state.latest ? 'Building the publication: this page shows it when the build finishes.' : state.shown ? 'This publication has no web page; its files are linked above.' : 'Nothing has been built yet: fix the problems above and save the file.';
  const page: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en-GB' }, [h('head', [h('meta', { charset: 'utf-8' }), h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }), h('title', title), style]), h('body', [bar, h('main', [h('p', note)]), script])]),
    ],
  };
  return toHtml(page);
}

/** The bar: the state of the newest build, the files of the last good one, the problems. */
function previewBar(state: PageState): Element {
  const { latest, files: made, making } = state;
  const failed = !!latest && !latest.ok;
  const kids: ElementContent[] = [];
  const status = !latest
    ? `Building ${state.file}…`
    : !latest.ok
      ? `${state.file} has ${plural(latest.problems.filter((p) => p.severity === 'error').length || latest.problems.length, 'problem')} (checked at ${clock(latest.at)}); nothing new was built. Fix ${latest.problems.length === 1 ? 'it' : 'them'} and save: this page reloads.`
      : making
        ? `Preview of ${state.file}, the web page built at ${clock(latest.at)} in ${seconds(latest.ms)}; the other files are being made again. Save the file and this page reloads.`
        : `Preview of ${state.file}, built at ${clock(latest.at)} in ${seconds(latest.ms)}. Save the file and this page reloads.`;
  kids.push(h('p', { id: 'docgen-preview-status', role: 'status' }, status));
  if (latest && !latest.ok) kids.push(problemList(latest.problems));
  if (made) {
    if (failed) kids.push(h('p', [h('span.docgen-preview-out-of-date', 'Out of date'), ` These files and the page below are from the last build that worked, at ${clock(state.shown?.at ?? made.at)}, before the problems above.`]));
    else if (making) kids.push(h('p', `Being made again: these files are from the build at ${clock(made.at)}, before the last save.`));
    kids.push(h('ul.docgen-preview-files', { ariaLabel: failed ? 'Files from the last build that worked (out of date)' : 'Files' }, files(made.manifest)));
  }
  if (latest?.ok && latest.manifest.warnings.length) kids.push(problemList(latest.manifest.warnings));
  return h('aside', { className: ['docgen-preview', ...(failed ? ['docgen-preview-stale'] : [])], ariaLabel: 'Preview' }, kids);
}

function files(m: Manifest): Element[] {
  const facts = (o: OutputFile) => [o.pages ? plural(o.pages, 'page') : '', fileSize(o.bytes)].filter(Boolean).join(', ');
  return [
    ...m.outputs.map((o) => h('li', [h('a', { href: fileHref(o.file) }, label(o)), ` (${facts(o)})`])),
    h('li', [h('a', { href: fileHref('index.html') }, 'Download page')]),
  ];
}

/** Each problem as `file:line:col: severity: path: message`, errors before warnings. */
function problemList(problems: Problem[]): Element {
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return h('ol.docgen-preview-problems', sorted.map((p) => h('li', { className: [`docgen-preview-${p.severity}`] }, [h('code', formatProblem(p))])));
}

function find(node: Root | Element, tag: string): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === tag) return child;
    const inner = find(child, tag);
    if (inner) return inner;
  }
  return undefined;
}
