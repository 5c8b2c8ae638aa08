// Parse → validate → build → lower: turns an uploaded content file into the core document
// model, or into every located problem at once. A kind's builder runs only on content its
// schema accepted, so it works on typed input. No I/O here: pictures, files beside this one and
// the organisation profile come through the options given. The profile, with this publication's
// overrides (src/organisation/publication.ts), is the builder's and the writers' (identity, labels).
import { kindOf, KINDS, type KindDescriptor } from '../../templates/index.ts';
import type { Beside, Built, BuildContext } from '../../templates/kind.ts';
import type { ImageLoader, Located } from '../../templates/common/blocks.ts';
import type { DocumentModel, Paragraph, SourceAt } from '../model/types.ts';
import { domainChildren, type Block as DomainBlock, type DomainDocument } from '../model/domain.ts';
import { lower } from '../model/lower.ts';
import { parseSource, type SourceFile } from '../parse/source.ts';
import { byPosition, formatPath, type PathKey, type Problem } from '../parse/problems.ts';
import { dedupe, getIn, schemaProblems } from './schema-problems.ts';
import type { Organisation } from '../organisation/types.ts';
import { DEFAULT_ORGANISATION } from '../organisation/kent.ts';
import { alternativeFormatsOf, forPublication } from '../organisation/publication.ts';

export type Loaded = { ok: true; model: DocumentModel; domain: DomainDocument; data: unknown; kind: KindDescriptor; built: Built; warnings: Problem[]; organisation: Organisation };
export type LoadResult = Loaded | { ok: false; problems: Problem[] };

export interface LoadOptions {
  /** Reads a content file beside this one (the agenda pack's agenda and papers). */
  loadText?: (file: string) => string | Uint8Array | undefined;
  /** This file already parsed (the upload pipeline reads its id first): parse it only once. */
  parsed?: ReturnType<typeof parseSource>;
  /** The Easy Read symbols there are (the assets' names). */
  symbols?: ReadonlySet<string>;
  /** The organisation profile that governs this file (src/organisation/find.ts); the installation's default if not given. */
  organisation?: Organisation;
}

/** The kind content's text names, read before it is parsed (so only a guess until it is validated). */
export function kindNamedIn(text: string): KindDescriptor | undefined {
  return kindOf(/^\s*["']?kind["']?\s*:\s*["']?([a-z-]+)/m.exec(text)?.[1]);
}

/** Tells, from its text, whether content is of a kind that names other files (read before it is parsed). */
export function namesFiles(text: string): boolean {
  return !!kindNamedIn(text)?.namesFiles;
}

export function loadContent(file: string, text: string | Uint8Array, loadImage: ImageLoader, opts: LoadOptions = {}): LoadResult {
  const parsed = opts.parsed ?? parseSource(file, text);
  if (!parsed.source) return { ok: false, problems: parsed.problems };
  const src = parsed.source;
  const data = src.data as Record<string, unknown> | null;
  const at = (path: PathKey[], message: string): Problem => ({ file, ...src.locate(path), path: formatPath(path), message, severity: 'error' });

  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, problems: [at([], 'the file must be a set of fields (kind, id, title, …), not a list or a single value')] };
  }
  const kind = kindOf(data.kind);
  if (!kind) {
    const known = Object.keys(KINDS).map((k) => `"${k}"`).join(', ');
    return { ok: false, problems: [at(['kind'], data.kind === undefined ? `"kind" is required: one of ${known}` : data.kind === null || data.kind === '' ? `"kind" is empty; give one of ${known}` : typeof data.kind !== 'string' ? `"kind" must be one word, one of ${known}` : `unknown kind "${data.kind}"; use one of ${known}`)] };
  }

  const result = kind.schema.safeParse(data);
  if (!result.success) return { ok: false, problems: schemaProblems(result.error.issues, src, data, kind.schema).sort(byPosition) };
  const own = forPublication(opts.organisation ?? DEFAULT_ORGANISATION, result.data, !!opts.organisation);
  const organisation = own.organisation;

  const loadBeside = (name: string): Beside => {
    const beside = opts.loadText?.(name);
    if (beside === undefined) return { status: 'missing' };
    if (namesFiles(typeof beside === 'string' ? beside : Buffer.from(beside).toString('utf8'))) return { status: 'names-files' };
    const r = loadContent(name, beside, loadImage, { symbols: opts.symbols, organisation: opts.organisation });
    return { status: 'loaded', text: beside, result: r.ok ? { ok: true, domain: r.domain, data: r.data, kind: r.kind.kind } : r };
  };
  const ctx: BuildContext = { file, loadImage, symbols: opts.symbols ?? new Set(), loadBeside, organisation };
  const built = kind.build(result.data, ctx);
  withProfile(built.doc, organisation);
  const pathsSrc = built.pathsIn ? parseSource(built.pathsIn.file, built.pathsIn.text).source ?? src : src;
  const problems = dedupe([...own.problems.map((p) => locate(p, src)), ...built.problems.map((p) => locate(p, pathsSrc)), ...(built.located ?? [])]).sort(byPosition);
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  return { ok: true, model: finish(built.doc, pathsSrc, organisation), domain: built.doc, data: result.data, kind, built, warnings: problems, organisation };
}

/** Locates and lowers a built document: the core model, every node with its source position. */
export function finishModel(doc: DomainDocument, built: Built, file: string, text: string | Uint8Array, organisation: Organisation = DEFAULT_ORGANISATION): DocumentModel {
  const src = built.pathsIn ? parseSource(built.pathsIn.file, built.pathsIn.text).source : parseSource(file, text).source;
  return src ? finish(doc, src, organisation) : withLegalLines(lower(withProfile(doc, organisation), { file, ...fromProfile(organisation) }), organisation);
}

/**
 * What every document made from this content prints of its profile, whatever the kind's builder
 * said (an agenda pack's own documents too, finished from its parts): whom to ask for another
 * format (the profile's, or this publication's own), the footer line and the logo.
 */
function withProfile(doc: DomainDocument, organisation: Organisation): DomainDocument {
  doc.meta.alternativeFormats = alternativeFormatsOf(organisation);
  if (organisation.footer) doc.meta.footer = organisation.footer;
  if (organisation.logo?.image) doc.meta.logo = { image: organisation.logo.image, alt: organisation.logo.alt };
  return doc;
}

/** What lowering takes from the profile: the colours every writer draws in, and the labels it words. */
const fromProfile = (org: Organisation) => ({ identity: org.identity, labels: { caseStudy: org.labels.caseStudy } });

function finish(doc: DomainDocument, src: SourceFile, organisation: Organisation): DocumentModel {
  const place = (b: DomainBlock) => {
    if (Array.isArray(b.at)) b.at = { file: src.file, path: b.at, ...src.locate(b.at) } satisfies SourceAt;
    domainChildren(b).forEach(place);
  };
  doc.blocks.forEach(place);
  withProfile(doc, organisation);
  return withLegalLines(lower(doc, { file: src.file, start: { file: src.file, path: ['title'], ...src.locate(['title']) }, ...fromProfile(organisation) }), organisation);
}

/** The organisation's legal lines (copyright, registered address) close every publication, in small print. */
function withLegalLines(model: DocumentModel, org: Organisation): DocumentModel {
  const lines: Paragraph[] = org.legal.map((text, i) => ({ id: `organisation-legal-${i + 1}`, type: 'paragraph', role: 'small', inlines: [{ type: 'text', text }] }));
  return lines.length ? { ...model, blocks: [...model.blocks, ...lines] } : model;
}

function locate(p: Located, src: SourceFile): Problem {
  let pos = src.locate(p.path);
  if (p.offset !== undefined) {
    const start = src.textStart(p.path);
    const text = String(getIn(src.data, p.path) ?? '');
    const before = text.slice(0, p.offset);
    const line = before.split('\n').length - 1;
    pos = start.block ? { line: start.line + line, col: 1 } : { line: start.line, col: start.col };
    if (start.block) {
      // Point at the column inside the block scalar: its indentation plus the offset on the line.
      const lineStart = before.lastIndexOf('\n') + 1;
      pos.col = p.offset - lineStart + 1 + blockIndent(src, p.path);
    }
  }
  return { file: src.file, ...pos, path: formatPath(p.path), message: p.message, severity: p.severity ?? 'error', ...(p.rule ? { rule: p.rule } : {}) };
}

function blockIndent(src: SourceFile, path: PathKey[]): number {
  return src.locate(path.slice(0, -1)).col + 1;
}
