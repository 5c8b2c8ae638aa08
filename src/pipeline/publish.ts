// One publication from content bytes to its files and manifest. Pure apart from the clock
// used for timings; storage (folder or S3) is the caller's. Callers that must be able to stop a
// render run this through src/pipeline/isolate.ts.
import { createHash } from 'node:crypto';
import type { ImageLoader } from '../../templates/common/blocks.ts';
import type { Problem } from '../parse/problems.ts';
import { finishModel, loadContent, type LoadOptions } from './validate.ts';
import { profileOf, selectOutputs, type Format, type ProfileName } from './formats.ts';
import { GENERATOR_VERSION } from './version.ts';
import { indexPage } from './index-page.ts';
import { renderContext, type Assets } from '../writers/context.ts';
import { defaultAssets } from '../storage/assets.ts';
import { LIMITS } from '../limits.ts';
import type { PdfResult } from '../writers/pdf/index.ts';
import { givePrintPages, type PrintPages } from '../writers/epub/pages.ts';
import type { DocumentMeta } from '../model/types.ts';
import type { Organisation } from '../organisation/types.ts';

export interface OutputFile {
  format: Format;
  profile: ProfileName;
  file: string;
  bytes: number;
  pages?: number;
  sha256: string;
  contentType: string;
}

export interface Manifest {
  id: string;
  kind: string;
  title: string;
  language: string;
  /** ISO date the publication is dated (the content's published date); absent when the source gives none. */
  published?: string;
  /** One sentence on what it is about (the content's subject), for the download page and the index. */
  summary: string;
  /** Who to ask for another format and the formats offered, named on the download page (which is rebuilt from the manifest). */
  alternativeFormats?: NonNullable<DocumentMeta['alternativeFormats']>;
  /** The organisation profile it was made with (its file's sha256 is among the inputs when it came from one). */
  organisation?: { id: string; name: string };
  source: { key: string; sha256: string };
  /** The package version, the render fingerprint (code and assets) and the commit it was built from. */
  generator: { version: string; fingerprint?: string; template?: string };
  /** Every file besides the content that went into it (pictures, an agenda pack's papers). */
  inputs?: { name: string; sha256: string }[];
  outputs: OutputFile[];
  warnings: Problem[];
}

export interface Rendered {
  file: OutputFile;
  data: Uint8Array;
  ms: number;
  /** This output's own warning (the kind's check of what was made), also in the manifest's warnings. */
  warning?: Problem;
}

export type PublishResult = { ok: true; manifest: Manifest; files: Rendered[]; index: string } | { ok: false; problems: Problem[] };

export interface PublishOptions {
  formats?: string[];
  /** Called as each output is made, for progress lines. */
  onOutput?: (r: Rendered) => void;
  templateVersion?: string;
  /** Reads a content file beside this one (an agenda pack's agenda and papers). */
  loadText?: (file: string) => string | Uint8Array | undefined;
  /** Fonts and symbols; by default this installation's (src/storage/assets.ts). */
  assets?: Assets;
  /** The render fingerprint (src/pipeline/fingerprint.ts) and the inputs, recorded in the manifest. */
  fingerprint?: string;
  inputs?: { name: string; sha256: string }[];
  /** The content already parsed by the caller. */
  parsed?: LoadOptions['parsed'];
  /** The organisation profile that governs the content (src/organisation/find.ts); the installation's default if not given. */
  organisation?: Organisation;
}

export const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

export async function publish(sourceKey: string, content: Uint8Array, loadImage: ImageLoader, opts: PublishOptions = {}): Promise<PublishResult> {
  const assets = opts.assets ?? defaultAssets();
  const loaded = loadContent(sourceKey, content, loadImage, { loadText: opts.loadText, parsed: opts.parsed, symbols: new Set(assets.symbols.keys()), organisation: opts.organisation });
  if (!loaded.ok) return { ok: false, problems: loaded.problems };
  const { model, kind, built } = loaded;
  const outputs = selectOutputs(kind.outputs, opts.formats);
  const finish = (doc: typeof built.doc) => finishModel(doc, built, sourceKey, content, loaded.organisation);
  // Each output gets a fresh context, so its own ids count from one whatever was rendered before.
  // A PDF's pages are given to the outputs of its profile made after it: the outputs list each
  // profile's PDF before its DOCX (formats.ts), whose contents show the PDF's page numbers.
  const pdfPages = new Map<string, ReadonlyMap<string, number>>();
  // The EPUB's page list is the pages its profile's PDF starts each block on (src/writers/epub/pages.ts).
  const printPages = new Map<string, PrintPages>();
  const render = (o: (typeof outputs)[number]) => {
    const ctx = renderContext(assets, model.meta.published, pdfPages.get(o.profile));
    const print = printPages.get(o.profile);
    if (o.format === 'epub' && print) givePrintPages(ctx, print);
    return kind.render ? kind.render(built, o, { ctx, finish }) : o.writer(model, profileOf(o), ctx);
  };
  const files: Rendered[] = [];
  for (const o of outputs) {
    const t0 = performance.now();
    const out = await render(o);
    const ms = performance.now() - t0;
    if (o.format === 'pdf' && out.anchors && !pdfPages.has(o.profile)) pdfPages.set(o.profile, out.anchors);
    const blockPages = (out as Partial<PdfResult>).blockPages;
    if (o.format === 'pdf' && out.pages && blockPages && !printPages.has(o.profile)) printPages.set(o.profile, { pages: out.pages, blocks: blockPages });
    const r: Rendered = {
      file: {
        format: o.format,
        profile: o.profile,
        file: `${model.meta.id}${o.suffix}`,
        bytes: out.bytes.byteLength,
        ...(out.pages ? { pages: out.pages } : {}),
        sha256: sha256(out.bytes),
        contentType: o.contentType,
      },
      data: out.bytes,
      ms,
    };
    if (out.pages && out.pages > LIMITS.pages) {
      return { ok: false, problems: [{ file: sourceKey, line: 1, col: 1, path: '', severity: 'error', message: `this publication comes to ${out.pages} pages, more than the ${LIMITS.pages} one publication may have; split it into smaller publications` }] };
    }
    files.push(r);
    opts.onOutput?.(r);
    const checked = kind.checkRendered?.(sourceKey, { spec: o, pages: out.pages });
    if (checked?.severity === 'error') return { ok: false, problems: [checked] };
    if (checked) r.warning = checked;
  }
  const manifest: Manifest = {
    id: model.meta.id,
    kind: model.meta.kind,
    title: model.meta.title,
    language: model.meta.language,
    published: model.meta.published,
    summary: model.meta.subject,
    ...(model.meta.alternativeFormats ? { alternativeFormats: model.meta.alternativeFormats } : {}),
    organisation: { id: loaded.organisation.id, name: loaded.organisation.name },
    source: { key: sourceKey, sha256: sha256(content) },
    generator: { version: GENERATOR_VERSION, ...(opts.fingerprint ? { fingerprint: opts.fingerprint } : {}), ...(opts.templateVersion ? { template: opts.templateVersion } : {}) },
    ...(opts.inputs?.length ? { inputs: opts.inputs } : {}),
    outputs: files.map((f) => f.file),
    warnings: [...loaded.warnings, ...files.flatMap((f) => (f.warning ? [f.warning] : []))],
  };
  return { ok: true, manifest, files, index: indexPage(manifest) };
}
