// The mechanically checkable PDF/UA-1 and Matterhorn conditions (accessible-formats-anchors.md §5.1),
// checked on what pdfjs-dist reads back. Returns every failure, each with its rule ID.
import { readPdf, treeText, walk, type ReadPdf, type StructNode } from './pdf-reader.ts';

export interface Failure {
  rule: string;
  message: string;
}

export async function checkPdfUa(bytes: Uint8Array): Promise<{ failures: Failure[]; pdf: ReadPdf }> {
  const pdf = await readPdf(bytes);
  const f: Failure[] = [];
  const fail = (rule: string, message: string) => f.push({ rule, message });

  // PDF-01 / PDF-07: XMP declares PDF/UA part 1 and has a dc:title.
  if (!/pdfuaid:part>1</.test(pdf.raw)) fail('PDF-01', 'XMP metadata does not declare pdfuaid:part 1');
  if (!pdf.metadata?.get('dc:title')) fail('PDF-07', 'XMP metadata has no dc:title');
  // PDF-02: header
  if (!/^%PDF-1\.[0-7]/.test(pdf.raw)) fail('PDF-02', 'file header is not %PDF-1.0 … 1.7');
  // PDF-03 / PDF-05
  if (pdf.markInfo?.Marked !== true) fail('PDF-03', 'MarkInfo Marked is not true');
  if (/\/Suspects\s+true/.test(pdf.raw)) fail('PDF-05', 'Suspects is true');
  // PDF-08
  if (pdf.viewerPreferences?.DisplayDocTitle !== true) fail('PDF-08', 'ViewerPreferences DisplayDocTitle is not true');
  // PDF-10: document language
  if (!/^[a-z]{2}(-[A-Z]{2})?$/.test(String(pdf.info.Language ?? ''))) fail('PDF-10', `catalog /Lang is missing or invalid (${String(pdf.info.Language)})`);
  if (!pdf.info.Title) fail('PDF-07', 'document information has no Title');
  // PDF-19: every page has Tabs /S
  const tabs = (pdf.raw.match(/\/Tabs \/S\b/g) ?? []).length;
  if (tabs < pdf.pages) fail('PDF-19', `only ${tabs} of ${pdf.pages} pages have /Tabs /S`);
  // Fonts embedded (PDF/UA 7.21): every font has a FontFile2 and ToUnicode.
  const fonts = (pdf.raw.match(/\/Type \/Font\b/g) ?? []).length;
  const embedded = (pdf.raw.match(/\/FontFile2\b/g) ?? []).length;
  const toUnicode = (pdf.raw.match(/\/ToUnicode\b/g) ?? []).length;
  if (embedded === 0 || toUnicode < embedded) fail('PDF-22', `fonts not all embedded with ToUnicode (${fonts} fonts, ${embedded} embedded, ${toUnicode} ToUnicode)`);
  // Outline present (PDF-H: bookmarks) and matching the H1 headings is checked by callers.
  if (pdf.outline.length === 0) fail('PDF-23', 'no bookmark outline');

  let lastLevel = 0;
  pdf.text.forEach((t, i) => {
    const page = i + 1;
    // PDF-04: all text is tagged content or an artifact.
    if (t.untagged.length) fail('PDF-04', `page ${page}: text outside any tag or artifact: ${JSON.stringify(t.untagged.slice(0, 3))}`);
    const tree = pdf.trees[i];
    // PDF-H: the structure tree's text equals the page's tagged text, in order.
    const inTree = treeText(tree, t.byMcid).join('');
    const inPage = [...t.byMcid.values()].join('');
    if (inTree !== inPage) fail('PDF-H12', `page ${page}: structure-tree text is not the page text in order`);
    walk(tree, (n: StructNode, anc) => {
      const role = n.role;
      if (!role) return;
      // PDF-16: heading levels never skip going down.
      const h = /^H([1-6])$/.exec(role);
      if (h) {
        const level = Number(h[1]);
        if (level > lastLevel + 1) fail('PDF-16', `page ${page}: heading H${level} follows H${lastLevel}`);
        lastLevel = level;
      }
      // PDF-15: every Figure has alternative text.
      if (role === 'Figure' && !n.alt) fail('PDF-15', `page ${page}: a Figure has no Alt`);
      const parent = anc[anc.length - 1]?.role;
      // PDF-11 / PDF-13 / PDF-14: table, list and contents nesting.
      if ((role === 'TH' || role === 'TD') && parent !== 'TR') fail('PDF-11', `page ${page}: ${role} is not in a TR`);
      if (role === 'TR' && !['Table', 'THead', 'TBody', 'TFoot'].includes(parent ?? '')) fail('PDF-11', `page ${page}: TR outside a table`);
      if (['THead', 'TBody', 'Caption'].includes(role) && parent !== 'Table' && role !== 'Caption') fail('PDF-11', `page ${page}: ${role} outside a Table`);
      if (role === 'LI' && parent !== 'L') fail('PDF-13', `page ${page}: LI outside an L`);
      if ((role === 'Lbl' || role === 'LBody') && parent !== 'LI') fail('PDF-13', `page ${page}: ${role} outside an LI`);
      if (role === 'TOCI' && parent !== 'TOC') fail('PDF-14', `page ${page}: TOCI outside a TOC`);
    });
  });
  // PDF-12: every TH has a Scope (read from the structure element dictionaries).
  const ths = pdf.raw.match(/<<[^<>]*\/S \/TH\b(?:[^<>]|<<[^<>]*>>)*>>/g) ?? [];
  const noScope = ths.filter((d) => !/\/Scope \/(Row|Column|Both)/.test(d));
  if (noScope.length) fail('PDF-12', `${noScope.length} of ${ths.length} TH elements have no Scope`);
  // PDF-18: every Note has an ID, and no two share one.
  const notes = pdf.raw.match(/<<[^<>]*\/S \/Note\b(?:[^<>]|<<[^<>]*>>)*>>/g) ?? [];
  const noteIds = notes.map((d) => /\/ID \(([^)]*)\)/.exec(d)?.[1]);
  if (noteIds.some((id) => !id)) fail('PDF-18', `${noteIds.filter((id) => !id).length} Note elements have no ID`);
  if (new Set(noteIds).size !== noteIds.length) fail('PDF-18', 'two Note elements share an ID');
  // PDF-20: link annotations belong to a Link element and have Contents.
  const links = pdf.raw.match(/<<[^<>]*\/Subtype \/Link\b(?:[^<>]|<<[^<>]*>>)*>>/g) ?? [];
  const orphan = links.filter((d) => !/\/StructParent \d+/.test(d) || !/\/Contents/.test(d));
  if (orphan.length) fail('PDF-20', `${orphan.length} of ${links.length} link annotations have no StructParent or Contents`);
  return { failures: f, pdf };
}
