// Reads PDFs with pdfjs-dist, an independent reader: text in reading order, font sizes,
// marked content, structure tree, outline and metadata.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface StructNode {
  role?: string;
  bbox?: number[];
  alt?: string;
  lang?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

export interface PageText {
  /** Text of each marked-content id on the page, in content order. */
  byMcid: Map<string, string>;
  /** Tagged text in content order. */
  tagged: string[];
  /** Text inside no marked content at all (PDF-04 failures). */
  untagged: string[];
  artifacts: string[];
  /** Tagged glyph runs with their position and size, for layout checks. */
  runs: { str: string; x: number; y: number; size: number; mcid: string }[];
  sizes: number[];
  plain: string;
}

export interface ReadPdf {
  pages: number;
  pageSize: { width: number; height: number };
  text: PageText[];
  trees: StructNode[];
  outline: { title: string; items: unknown[] }[];
  info: Record<string, unknown>;
  metadata: { get(k: string): unknown } | null;
  markInfo: { Marked?: boolean } | null;
  viewerPreferences: Record<string, unknown> | null;
  raw: string;
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const text: PageText[] = [];
  const trees: StructNode[] = [];
  let pageSize = { width: 0, height: 0 };
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    if (i === 1) pageSize = { width: page.view[2], height: page.view[3] };
    const content = await page.getTextContent({ includeMarkedContent: true });
    const stack: { tag: string; id: string | null }[] = [];
    const t: PageText = { byMcid: new Map(), tagged: [], untagged: [], artifacts: [], runs: [], sizes: [], plain: '' };
    for (const item of content.items as any[]) {
      if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
        stack.push({ tag: item.tag, id: item.id ?? null });
      } else if (item.type === 'endMarkedContent') {
        stack.pop();
      } else if (typeof item.str === 'string') {
        const blank = !item.str.trim();
        t.plain += item.str + (item.hasEOL ? '\n' : '');
        const artifact = stack.some((s) => s.tag === 'Artifact');
        const mc = [...stack].reverse().find((s) => s.id);
        if (blank) {
          // Spaces between words count as text of their element, but not as glyphs to measure.
          if (mc?.id && !artifact) t.byMcid.set(mc.id, (t.byMcid.get(mc.id) ?? '') + item.str);
          continue;
        }
        t.sizes.push(Math.hypot(item.transform[2], item.transform[3]));
        if (artifact) t.artifacts.push(item.str);
        else if (mc?.id) {
          t.tagged.push(item.str);
          t.runs.push({ str: item.str, x: item.transform[4], y: item.transform[5], size: Math.hypot(item.transform[2], item.transform[3]), mcid: mc.id });
          t.byMcid.set(mc.id, (t.byMcid.get(mc.id) ?? '') + item.str);
        } else t.untagged.push(item.str);
      }
    }
    text.push(t);
    trees.push(((await page.getStructTree()) ?? {}) as StructNode);
  }
  const meta = await pdf.getMetadata();
  return {
    pages: pdf.numPages,
    pageSize,
    text,
    trees,
    outline: ((await pdf.getOutline()) ?? []) as ReadPdf['outline'],
    info: meta.info as Record<string, unknown>,
    metadata: (meta.metadata as ReadPdf['metadata']) ?? null,
    markInfo: (await pdf.getMarkInfo()) as ReadPdf['markInfo'],
    viewerPreferences: (await pdf.getViewerPreferences()) as ReadPdf['viewerPreferences'],
    raw: Buffer.from(bytes).toString('latin1'),
  };
}

/** Structure elements in tree order (depth first), with their role paths. */
export function walk(node: StructNode, visit: (n: StructNode, ancestors: StructNode[]) => void, ancestors: StructNode[] = []): void {
  visit(node, ancestors);
  for (const c of node.children ?? []) walk(c, visit, [...ancestors, node]);
}

/** The text of the structure tree's content items, in tree order. */
export function treeText(tree: StructNode, byMcid: Map<string, string>): string[] {
  const out: string[] = [];
  walk(tree, (n) => {
    if (n.type === 'content' && n.id && byMcid.has(n.id)) out.push(byMcid.get(n.id)!);
  });
  return out;
}
