// The publications index, published/index.html: every current publication with its title (a link
// to its stable download page, <id>/), its kind, its published date and its formats. Pure:
// manifests in, HTML out; src/pipeline/addresses.ts reads the manifests and stores the page.
import { h } from 'hastscript';
import type { Element, ElementContent } from 'hast';
import type { Manifest } from './publish.ts';
import { formatNames, htmlDocument, kindLabel, publishedDate } from './index-page.ts';

export interface IndexOptions {
  /** The page's language (the service's; each entry keeps its own). */
  lang?: string;
  title?: string;
}

/** Newest first (by published date), then by title, then by id, so the page is the same for the same manifests. */
export function byPublished(a: Manifest, b: Manifest): number {
  const [x, y] = [typeof a.published === 'string' ? a.published : '', typeof b.published === 'string' ? b.published : ''];
  if (x !== y) return x < y ? 1 : -1;
  return a.title.localeCompare(b.title, 'en-GB') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function publicationsIndex(manifests: readonly Manifest[], opts: IndexOptions = {}): string {
  const lang = opts.lang ?? 'en-GB';
  const title = opts.title ?? 'Publications';
  const sorted = [...manifests].sort(byPublished);
  const entry = (m: Manifest): Element => {
    const date = publishedDate(m.published);
    const formats = formatNames(m.outputs);
    const facts: ElementContent[] = [
      h('dt', 'Type'),
      h('dd', kindLabel(m.kind)),
      ...(date ? [h('dt', 'Published'), h('dd', [h('time', { dateTime: m.published }, date)])] : []),
      ...(formats.length ? [h('dt', 'Formats'), h('dd', formats.join(', '))] : []),
    ];
    // The labels are the page's language; the title and summary are the publication's own.
    const own = m.language && m.language !== lang ? { lang: m.language } : {};
    return h('li', [
      h('h2', [h('a', { href: `${encodeURIComponent(m.id)}/`, ...own }, m.title)]),
      ...(m.summary ? [h('p', own, m.summary)] : []),
      h('dl.facts', facts),
    ]);
  };
  const main: ElementContent[] = [
    h('h1', title),
    sorted.length
      ? h('p', `${sorted.length} ${sorted.length === 1 ? 'publication' : 'publications'}, newest first. Each link goes to the latest version, with every format to read online or download.`)
      : h('p', 'Nothing has been published yet.'),
    ...(sorted.length ? [h('ul.publications', sorted.map(entry))] : []),
  ];
  return htmlDocument({ lang, title, main });
}
