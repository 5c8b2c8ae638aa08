// What a document kind declares: its schema, its builder (validated content → domain blocks),
// its outputs, its checks of rendered output and its pagination needs. The pipeline reads
// these and never branches on a kind's name.
import type { z } from 'zod';
import type { DomainDocument } from '../src/model/domain.ts';
import type { DocumentModel } from '../src/model/types.ts';
import type { Problem } from '../src/parse/problems.ts';
import type { OutputSpec } from '../src/pipeline/formats.ts';
import type { RenderContext, WriterOutput } from '../src/writers/context.ts';
import type { ImageLoader, Located } from './common/blocks.ts';
import type { Organisation } from '../src/organisation/types.ts';

/** A content file beside this one, loaded through the whole pipeline (for kinds that name files). */
export type Beside =
  | { status: 'missing' }
  | { status: 'names-files' }
  | { status: 'loaded'; text: string | Uint8Array; result: { ok: true; domain: DomainDocument; data: unknown; kind: string } | { ok: false; problems: Problem[] } };

export interface BuildContext {
  /** The content file's name, as uploaded. */
  file: string;
  loadImage: ImageLoader;
  /** The Easy Read symbols there are. */
  symbols: ReadonlySet<string>;
  loadBeside(name: string): Beside;
  /**
   * The organisation profile that governs this file, with this publication's own overrides
   * (src/organisation/publication.ts): its labels, decision-number templates, committees, formats.
   */
  organisation: Organisation;
}

export interface Built {
  doc: DomainDocument;
  /** Problems at field paths of this file (or of `pathsIn`, when the document is built from another file). */
  problems: Located[];
  /** Problems already located in other files. */
  located?: Problem[];
  /** The file the document's field paths point into, when it is not this one. */
  pathsIn?: { file: string; text: string | Uint8Array };
  /** What a kind that renders itself needs (an agenda pack's parts). */
  parts?: unknown;
}

export interface RenderEnv {
  ctx: RenderContext;
  /** Locates and lowers a domain document, as the pipeline does. */
  finish(doc: DomainDocument, built: Built): DocumentModel;
}

export interface KindDescriptor<Data = any> {
  kind: string;
  label: string;
  schema: z.ZodType<Data>;
  outputs: OutputSpec[];
  build(data: Data, ctx: BuildContext): Built;
  /** Checks a rendered output (Easy Read's length in pages). */
  checkRendered?(file: string, output: { spec: OutputSpec; pages?: number }): Problem | undefined;
  /** The kind names other content files, read with it (so they must be uploaded first). */
  namesFiles?: boolean;
  /**
   * The kind may name a content file it reads when it is there (minutes name their meeting's
   * agenda, to check their references), but builds without it; unlike `namesFiles`, it can be a
   * pack's paper. The upload pipeline gathers the files it names as inputs.
   */
  readsBeside?: boolean;
  /**
   * How many times each of its PDFs is laid out, as a rule (the agenda pack: twice, as its page
   * ranges settle); 1 when absent. Only the plan of render lanes uses it (src/pipeline/lanes.ts).
   */
  layoutPasses?: number;
  /** A kind whose layout depends on its own pages renders itself (to a fixed point). */
  render?(built: Built, spec: OutputSpec, env: RenderEnv): Promise<WriterOutput>;
}
