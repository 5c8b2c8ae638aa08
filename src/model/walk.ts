// Small queries over the core model that several writers and checks share. The child table is
// typed over every node type, so a new node type fails to compile here until it is walked.
import type { Block, DocumentModel, Inline } from './types.ts';

type Children = { [K in Block['type']]: (b: Extract<Block, { type: K }>) => Block[] };

const CHILDREN = {
  heading: () => [],
  paragraph: () => [],
  list: (b) => b.items.flat(),
  definitions: (b) => b.items.flatMap((i) => i.body),
  table: () => [],
  quote: (b) => b.blocks,
  box: (b) => b.blocks,
  figure: () => [],
  group: (b) => b.blocks,
  pictureRow: (b) => b.blocks,
  pageBreak: () => [],
  contents: () => [],
} satisfies Children;

export function childBlocks(b: Block): Block[] {
  return (CHILDREN[b.type] as (b: Block) => Block[])(b);
}

/** Every block in reading order, depth first, with its ancestors. */
export function walkBlocks(blocks: Block[], visit: (b: Block, ancestors: Block[]) => void, ancestors: Block[] = []): void {
  for (const b of blocks) {
    visit(b, ancestors);
    walkBlocks(childBlocks(b), visit, [...ancestors, b]);
  }
}

/** Every block of a document, the cover's included. */
export function allBlocks(doc: DocumentModel): Block[] {
  const out: Block[] = [doc.cover.title, ...doc.cover.lines];
  walkBlocks(doc.blocks, (b) => out.push(b));
  return out;
}

type InlineText = { [K in Inline['type']]: (i: Extract<Inline, { type: K }>) => string };

const INLINE_TEXT = {
  text: (i) => i.text,
  link: (i) => inlineText(i.children),
  term: (i) => inlineText(i.children),
  xref: (i) => i.title,
  break: () => '\n',
} satisfies InlineText;

/** Plain text of inline runs, as a reader would hear it. */
export function inlineText(inlines: Inline[]): string {
  return inlines.map((i) => (INLINE_TEXT[i.type] as (i: Inline) => string)(i)).join('');
}

/** Whether the document has a glossary for its terms to link to. */
export function hasGlossary(doc: DocumentModel): boolean {
  let found = false;
  walkBlocks(doc.blocks, (b) => {
    if (b.type === 'definitions' && b.style === 'glossary') found = true;
  });
  return found;
}
