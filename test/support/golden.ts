// Golden outputs: each publication in content/ read back by independent readers into text a
// reviewer can diff: the plain text as made, the DOCX's document.xml one element a line, and
// the PDF's tag tree page by page (pdfjs-dist) with each page's artifacts and the outline.
import JSZip from 'jszip';
import { stringify } from 'yaml';
import { readPdf, type StructNode } from './pdf-reader.ts';

/** document.xml with one element a line, indented by depth, so a diff names the paragraph that changed. */
export function normaliseDocumentXml(xml: string): string {
  const tokens = xml.replace(/^<\?xml[^>]*\?>\s*/, '').match(/<[^>]+>|[^<]+/g) ?? [];
  const out: string[] = [];
  let depth = 0;
  const emit = (s: string) => out.push('  '.repeat(depth) + s);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const opening = t.startsWith('<') && !t.startsWith('</') && !t.endsWith('/>');
    if (opening && tokens[i + 1]?.startsWith('</')) {
      emit(t + tokens[++i]); // an empty element: <w:t></w:t>
    } else if (opening && !tokens[i + 1]?.startsWith('<') && tokens[i + 2]?.startsWith('</')) {
      emit(t + tokens[i + 1] + tokens[i + 2]); // an element holding only text: <w:t>Word</w:t>
      i += 2;
    } else if (opening) {
      emit(t);
      depth++;
    } else if (t.startsWith('</')) {
      depth = Math.max(0, depth - 1);
      emit(t);
    } else emit(t);
  }
  return out.join('\n') + '\n';
}

export async function docxGolden(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return normaliseDocumentXml(await zip.file('word/document.xml')!.async('string'));
}

type Tagged = string | { [role: string]: Tagged[] | string };

/** The tag tree as nested YAML: each element by its role, holding its text or its children. */
function tagTree(node: StructNode, byMcid: Map<string, string>): Tagged[] {
  const out: Tagged[] = [];
  for (const c of node.children ?? []) {
    if (c.type === 'content') {
      const text = c.id ? byMcid.get(c.id) : undefined;
      if (text?.trim()) out.push(text.replace(/\s+/g, ' ').trim());
    } else if (c.type === 'annotation' || c.type === 'object') {
      continue;
    } else if (c.role) {
      const kids = tagTree(c, byMcid);
      const name = [c.role, c.lang ? `lang=${c.lang}` : '', c.alt ? `alt=${JSON.stringify(c.alt)}` : ''].filter(Boolean).join(' ');
      out.push({ [name]: kids.length === 1 && typeof kids[0] === 'string' ? kids[0] : kids });
    } else out.push(...tagTree(c, byMcid));
  }
  return out;
}

export async function pdfGolden(bytes: Uint8Array): Promise<string> {
  const pdf = await readPdf(bytes);
  const outline = (items: { title: string; items: unknown[] }[]): unknown[] =>
    items.map((i) => (i.items.length ? { [i.title]: outline(i.items as never) } : i.title));
  const doc = {
    pages: pdf.pages,
    outline: outline(pdf.outline),
    page: pdf.text.map((t, i) => ({
      number: i + 1,
      tags: tagTree(pdf.trees[i], t.byMcid),
      artifacts: t.artifacts.join(' ').replace(/\s+/g, ' ').trim(),
    })),
  };
  return stringify(doc, { lineWidth: 0 });
}
