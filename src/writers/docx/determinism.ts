// docx stamps the wall clock into core properties and names relationships with random ids
// (code-style-anchors.md). Repack so the same content gives the same bytes.
import JSZip from 'jszip';

// nanoid ids (21 characters, sometimes after "rId") and process-wide counters (_Toc123).
// Process-wide counters: bookmark ids and drawing ids, renumbered per document.
const COUNTERS = [/(?<=<w:bookmark(?:Start|End)\b[^>]*\bw:id=")\d+(?=")/g, /(?<=<(?:wp:docPr|pic:cNvPr)\b[^>]*\bid=")\d+(?=")/g];
const VOLATILE = /(?<=")(rId[a-z0-9_-]{21}|[a-z0-9_-]{21})(?=")|\b(_Toc\d+)\b/g;

export async function makeDeterministic(docx: Uint8Array, isoDate: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(docx);
  const stamp = `${isoDate}T00:00:00Z`;
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir).sort();
  // Random ids appear in the document and its relationships; number them by first appearance.
  const ids = new Map<string, string>();
  const xml: Record<string, string> = {};
  for (const n of names) if (/\.(xml|rels)$/.test(n)) xml[n] = await zip.files[n].async('string');
  const order = ['word/_rels/document.xml.rels', ...names.filter((n) => n !== 'word/_rels/document.xml.rels')];
  for (const n of order) {
    if (!(n in xml)) continue;
    for (const m of xml[n].matchAll(VOLATILE)) {
      const id = m[1] ?? m[2];
      if (!ids.has(id)) ids.set(id, id.startsWith('_Toc') ? `_Toc${ids.size + 1}` : `rIdN${ids.size + 1}`);
    }
  }
  const out = new JSZip();
  for (const n of names) {
    if (n in xml) {
      let s = xml[n].replace(VOLATILE, (id) => ids.get(id) ?? id);
      for (const counter of COUNTERS) {
        const seen = new Map<string, number>();
        s = s.replace(counter, (id) => String(seen.get(id) ?? seen.set(id, seen.size + 1).get(id)));
      }
      if (n === 'docProps/core.xml') s = s.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${stamp}$2`);
      out.file(n, s, { date: new Date(stamp), createFolders: false });
    } else {
      out.file(n, await zip.files[n].async('uint8array'), { date: new Date(stamp), createFolders: false });
    }
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}
