// The EPUB's package document (package.opf) and container (META-INF/container.xml): what the
// publication is (title, language, identifier, date), what is in it, its reading order, and
// what it offers readers who use assistive technology (EPUB Accessibility 1.1's metadata, with
// schema.org's properties). Everything is from the model and the render context's epoch, never
// the clock, so the same content gives the same package.
import { createHash } from 'node:crypto';
import type { DocumentMeta } from '../../model/types.ts';

export interface Item {
  id: string;
  href: string;
  mediaType: string;
  properties?: string[];
}

export const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A name-based UUID (version 5's layout, over SHA-256) of the publication's id: the same publication, the same identifier. */
export function identifierOf(id: string): string {
  const b = createHash('sha256').update(`council-docgen:${id}`).digest();
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = b.subarray(0, 16).toString('hex');
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The conformance EPUB Accessibility 1.1 asks to be stated in these words (§ 2.1), checked by epubcheck and axe in the tests. */
export const CONFORMS_TO = 'EPUB Accessibility 1.1 - WCAG 2.2 Level AA';

export interface PackageFacts {
  meta: DocumentMeta;
  epoch: Date;
  /** The print edition the page list is from (the standard PDF's file name). */
  pageSource: string;
  items: Item[];
  spine: string[];
  /** Whether any picture or chart is drawn (accessMode visual; alternativeText). */
  pictures: boolean;
}

export function packageDocument(f: PackageFacts): string {
  const m = f.meta;
  const modified = f.epoch.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const features = ['structuralNavigation', 'tableOfContents', 'readingOrder', 'printPageNumbers', 'pageNavigation', 'displayTransformability', ...(f.pictures ? ['alternativeText'] : [])];
  const summary =
    `This publication meets WCAG 2.2 at level AA, as checked by epubcheck and by axe-core in a browser. Its headings and contents give its structure; ` +
    `${f.pictures ? 'every picture and chart has a text alternative, and every chart its figures in a table; ' : ''}` +
    `the page list gives the pages of the printed (PDF) edition; the text re-flows and takes the reader's own size, spacing and colours.`;
  const meta = (property: string, value: string) => `    <meta property="${property}">${esc(value)}</meta>`;
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="${esc(m.language)}">`,
    `  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">`,
    `    <dc:identifier id="pub-id">${identifierOf(m.id)}</dc:identifier>`,
    `    <dc:title>${esc(m.title)}</dc:title>`,
    `    <dc:language>${esc(m.language)}</dc:language>`,
    ...(m.author ? [`    <dc:creator>${esc(m.author)}</dc:creator>`, `    <dc:publisher>${esc(m.author)}</dc:publisher>`] : []),
    ...(m.subject ? [`    <dc:description>${esc(m.subject)}</dc:description>`] : []),
    ...m.keywords.map((k) => `    <dc:subject>${esc(k)}</dc:subject>`),
    ...(m.published ? [`    <dc:date>${esc(m.published)}</dc:date>`] : []),
    `    <dc:source>${esc(f.pageSource)}</dc:source>`,
    meta('dcterms:modified', modified),
    meta('schema:accessMode', 'textual'),
    ...(f.pictures ? [meta('schema:accessMode', 'visual')] : []),
    meta('schema:accessModeSufficient', 'textual'),
    ...features.map((x) => meta('schema:accessibilityFeature', x)),
    meta('schema:accessibilityHazard', 'none'),
    meta('schema:accessibilitySummary', summary),
    meta('dcterms:conformsTo', CONFORMS_TO),
    `  </metadata>`,
    `  <manifest>`,
    ...f.items.map((i) => `    <item id="${esc(i.id)}" href="${esc(i.href)}" media-type="${i.mediaType}"${i.properties?.length ? ` properties="${i.properties.join(' ')}"` : ''}/>`),
    `  </manifest>`,
    `  <spine>`,
    ...f.spine.map((id) => `    <itemref idref="${esc(id)}"/>`),
    `  </spine>`,
    `</package>`,
  ];
  return lines.join('\n') + '\n';
}

export const CONTAINER = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`;
