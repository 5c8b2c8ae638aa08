// The print pages of the EPUB's page list: which page of this publication's PDF (the same
// profile's, the "standard PDF" of the publication) each block starts on. The pipeline renders
// that PDF first and hands its page map to the EPUB's render context (givePrintPages); an EPUB
// rendered on its own lays the PDF out itself (src/writers/epub/index.ts), so the page list is
// the same either way. A page marker goes before the first block that starts on its page; a page
// on which no block starts (the rest of a long table or paragraph) has its marker there too.
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Block } from '../../model/types.ts';
import { childBlocks } from '../../model/walk.ts';
import type { RenderContext } from '../context.ts';

export interface PrintPages {
  /** How many pages the PDF has. */
  pages: number;
  /** The page each block (by id) that draws something starts on. */
  blocks: ReadonlyMap<string, number>;
}

const given = new WeakMap<RenderContext, PrintPages>();

/** Gives an EPUB's render context the pages of the PDF rendered before it. */
export function givePrintPages(ctx: RenderContext, pages: PrintPages): RenderContext {
  given.set(ctx, pages);
  return ctx;
}

export const printPagesOf = (ctx: RenderContext): PrintPages | undefined => given.get(ctx);

/** The id of page n's marker. */
export const pageId = (n: number) => `page-${n}`;

/**
 * A page break marker, named by its page number. The name is its title: axe (4.14) does not take
 * doc-pagebreak as a role that permits aria-label on a span, and DPUB-ARIA names it either way.
 */
export const pageMarker = (n: number): ElementContent => h('span', { 'epub:type': 'pagebreak', role: 'doc-pagebreak', id: pageId(n), title: String(n) });

/**
 * Places the markers as the blocks are rendered in reading order: `before(b)` gives the markers
 * of every page not yet marked up to the one the block starts on; `rest()` the pages after the
 * last block's (a table that runs on over pages).
 */
export function pagePlan(print: PrintPages) {
  const starts = new Map<Block, number | undefined>();
  /** The first page a block or any block in it starts on. */
  const startOf = (b: Block): number | undefined => {
    if (starts.has(b)) return starts.get(b);
    const pages = [print.blocks.get(b.id), ...childBlocks(b).map(startOf)].filter((n): n is number => n !== undefined);
    const first = pages.length ? Math.min(...pages) : undefined;
    starts.set(b, first);
    return first;
  };
  let next = 1;
  const upTo = (page: number): ElementContent[] => {
    const out: ElementContent[] = [];
    for (; next <= Math.min(page, print.pages); next++) out.push(pageMarker(next));
    return out;
  };
  return {
    before: (b: Block) => {
      const page = startOf(b);
      return page === undefined ? [] : upTo(page);
    },
    /** Page 1's marker, at the start of the publication. */
    first: () => upTo(1),
    rest: () => upTo(print.pages),
    /** The pages marked so far, in order. */
    marked: () => Array.from({ length: next - 1 }, (_, i) => i + 1),
  };
}
