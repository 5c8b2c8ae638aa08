// What every writer is given besides the model and the profile: the assets (fonts, symbols),
// the epoch that dates the files, and ids for the writer's own anchors. Writers read no files
// and no environment; the pipeline's edge (src/storage/assets.ts) loads the assets once.
import type { DocumentModel } from '../model/types.ts';
import type { Profile } from '../profiles/index.ts';
import { fileDate } from '../model/dates.ts';

export interface Assets {
  fonts: { normal: Uint8Array; bold: Uint8Array };
  /** Easy Read symbols by name: SVG drawn in currentColor. */
  symbols: ReadonlyMap<string, string>;
  /** resvg's WebAssembly (assets/resvg), which draws SVG as PNG where a format needs a bitmap; read when first asked for. */
  resvgWasm(): Uint8Array;
}

export interface RenderContext {
  assets: Assets;
  /**
   * The files' creation and modification date: the publication's date, or a fixed one when it is
   * not known (src/model/dates.ts fileDate), so output is deterministic. Never printed.
   */
  epoch: Date;
  /** A fresh id for the writer's own anchors ("note-1"), counted per render. */
  nextId(prefix: string): string;
  /**
   * The page each anchor (heading id) starts on in this publication's PDF of the same profile,
   * when it was rendered first: the DOCX writes them as its contents' and cross-references' pages.
   */
  pagesOf?: ReadonlyMap<string, number>;
}

export interface WriterOutput {
  bytes: Uint8Array;
  pages?: number;
  /** The page each anchor (by node id) starts on, for print writers. */
  anchors?: Map<string, number>;
}

/** One signature for every writer. */
export type Writer = (doc: DocumentModel, profile: Profile, ctx: RenderContext) => Promise<WriterOutput>;

/** A handler table: one function per node type, so a new node type fails to compile until handled. */
export type Handlers<N extends { type: string }, Args extends unknown[], R> = { [K in N['type']]: (node: Extract<N, { type: K }>, ...args: Args) => R };

/** Calls the handler for a node (the table is typed per node; the call needs one cast). */
export function dispatch<N extends { type: string }, Args extends unknown[], R>(table: Handlers<N, Args, R>, node: N, ...args: Args): R {
  return (table[node.type as N['type']] as (node: N, ...args: Args) => R)(node, ...args);
}

export function renderContext(assets: Assets, published: string | undefined, pagesOf?: ReadonlyMap<string, number>): RenderContext {
  const counts = new Map<string, number>();
  return {
    assets,
    ...(pagesOf ? { pagesOf } : {}),
    epoch: new Date(`${fileDate(published)}T00:00:00Z`),
    nextId(prefix) {
      const n = (counts.get(prefix) ?? 0) + 1;
      counts.set(prefix, n);
      return `${prefix}-${n}`;
    },
  };
}
