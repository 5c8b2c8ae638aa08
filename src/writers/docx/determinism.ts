// docx stamps the wall clock into core properties and names relationships with random ids, but
// every output must be deterministic: pack its parts ourselves so the same content gives the same bytes.
import { Packer, type File } from 'docx';
import { strFromU8, strToU8, zipSync, type Zippable } from 'fflate';

// nanoid ids (21 characters, sometimes after "rId") and process-wide counters (_Toc123).
// Process-wide counters: bookmark ids and drawing ids, renumbered per document.
const COUNTERS = [/(?<=<w:bookmark(?:Start|End)\b[^>]*\bw:id=")\d+(?=")/g, /(?<=<(?:wp:docPr|pic:cNvPr)\b[^>]*\bid=")\d+(?=")/g];
const VOLATILE = /(?<=")(rId[a-z0-9_-]{21}|[a-z0-9_-]{21})(?=")|\b(_Toc\d+)\b/g;

type Part = string | ArrayBufferView | ArrayBuffer;
const bytesOf = (d: Exclude<Part, string>) => (ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : new Uint8Array(d));

/**
 * The document's parts, unzipped. Packer.toBuffer would zip them with DEFLATE only for us to
 * inflate them again; its compiler is private, but zipping is all that toBuffer adds to it.
 */
function parts(document: File): Map<string, Part> {
  return (Packer as unknown as { compiler: { compile(f: File, prettify?: string, overrides?: unknown[]): Map<string, Part> } }).compiler.compile(document, undefined, []);
}

export function packDeterministic(document: File, isoDate: string): Uint8Array {
  const files = parts(document);
  const names = [...files.keys()].filter((n) => !n.endsWith('/')).sort();
  // Random ids appear in the document and its relationships; number them by first appearance.
  const ids = new Map<string, string>();
  const xml: Record<string, string> = {};
  for (const n of names) {
    const data = files.get(n)!;
    if (/\.(xml|rels)$/.test(n)) xml[n] = typeof data === 'string' ? data : strFromU8(bytesOf(data));
  }
  const order = ['word/_rels/document.xml.rels', ...names.filter((n) => n !== 'word/_rels/document.xml.rels')];
  for (const n of order) {
    if (!(n in xml)) continue;
    for (const m of xml[n].matchAll(VOLATILE)) {
      const id = m[1] ?? m[2];
      if (!ids.has(id)) ids.set(id, id.startsWith('_Toc') ? `_Toc${ids.size + 1}` : `rIdN${ids.size + 1}`);
    }
  }
  // Zip entry times are local DOS times: a local-time date gives the same fields in every time zone.
  const [y, m, d] = isoDate.split('-').map(Number);
  const mtime = new Date(Math.max(y, 1980), m - 1, d);
  const out: Zippable = {};
  for (const n of names) {
    const part = files.get(n)!;
    let data = typeof part === 'string' ? strToU8(part) : bytesOf(part);
    if (n in xml) {
      let s = xml[n].replace(VOLATILE, (id) => ids.get(id) ?? id);
      for (const counter of COUNTERS) {
        const seen = new Map<string, number>();
        s = s.replace(counter, (id) => String(seen.get(id) ?? seen.set(id, seen.size + 1).get(id)));
      }
      if (n === 'docProps/core.xml') s = s.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${isoDate}T00:00:00Z$2`);
      data = strToU8(s);
    }
    // Pictures are compressed already: stored as they are, instead of deflated again for nothing.
    out[n] = [data, /\.(png|jpe?g)$/i.test(n) ? { mtime, level: 0 } : { mtime }];
  }
  return zipSync(out, { level: 6 });
}
