// Parse → validate → build → lower: turns an uploaded content file into the core document
// model, or into every located problem at once. A kind's builder runs only on content its
// schema accepted, so it works on typed input. No I/O here: pictures and files beside this
// one come through the loaders given.
import type { z } from 'zod';
import { kindOf, KINDS, type KindDescriptor } from '../../templates/index.ts';
import type { Beside, Built, BuildContext } from '../../templates/kind.ts';
import type { ImageLoader, Located } from '../../templates/common/blocks.ts';
import type { DocumentModel, SourceAt } from '../model/types.ts';
import { domainChildren, type Block as DomainBlock, type DomainDocument } from '../model/domain.ts';
import { lower } from '../model/lower.ts';
import { parseSource, type SourceFile } from '../parse/source.ts';
import { byPosition, formatPath, type PathKey, type Problem } from '../parse/problems.ts';
import { fieldNames, suggestion } from './field-names.ts';

export type Loaded = { ok: true; model: DocumentModel; domain: DomainDocument; data: unknown; kind: KindDescriptor; built: Built; warnings: Problem[] };
export type LoadResult = Loaded | { ok: false; problems: Problem[] };

export interface LoadOptions {
  /** Reads a content file beside this one (the agenda pack's agenda and papers). */
  loadText?: (file: string) => string | Uint8Array | undefined;
  /** This file already parsed (the upload pipeline reads its id first): parse it only once. */
  parsed?: ReturnType<typeof parseSource>;
  /** The Easy Read symbols there are (the assets' names). */
  symbols?: ReadonlySet<string>;
}

/** Tells, from its text, whether content is of a kind that names other files (read before it is parsed). */
export function namesFiles(text: string): boolean {
  const kind = /^\s*["']?kind["']?\s*:\s*["']?([a-z-]+)/m.exec(text)?.[1];
  return !!kindOf(kind)?.namesFiles;
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
  if (!result.success) return { ok: false, problems: dedupe(result.error.issues.flatMap((i) => zodProblem(i, src, data, kind))).sort(byPosition) };

  const loadBeside = (name: string): Beside => {
    const beside = opts.loadText?.(name);
    if (beside === undefined) return { status: 'missing' };
    if (namesFiles(typeof beside === 'string' ? beside : Buffer.from(beside).toString('utf8'))) return { status: 'names-files' };
    const r = loadContent(name, beside, loadImage, { symbols: opts.symbols });
    return { status: 'loaded', text: beside, result: r.ok ? { ok: true, domain: r.domain, data: r.data, kind: r.kind.kind } : r };
  };
  const ctx: BuildContext = { file, loadImage, symbols: opts.symbols ?? new Set(), loadBeside };
  const built = kind.build(result.data, ctx);
  const pathsSrc = built.pathsIn ? parseSource(built.pathsIn.file, built.pathsIn.text).source ?? src : src;
  const problems = dedupe([...built.problems.map((p) => locate(p, pathsSrc)), ...(built.located ?? [])]).sort(byPosition);
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  return { ok: true, model: finish(built.doc, pathsSrc), domain: built.doc, data: result.data, kind, built, warnings: problems };
}

/** Locates and lowers a built document: the core model, every node with its source position. */
export function finishModel(doc: DomainDocument, built: Built, file: string, text: string | Uint8Array): DocumentModel {
  const src = built.pathsIn ? parseSource(built.pathsIn.file, built.pathsIn.text).source : parseSource(file, text).source;
  return src ? finish(doc, src) : lower(doc, { file });
}

function finish(doc: DomainDocument, src: SourceFile): DocumentModel {
  const place = (b: DomainBlock) => {
    if (Array.isArray(b.at)) b.at = { file: src.file, path: b.at, ...src.locate(b.at) } satisfies SourceAt;
    domainChildren(b).forEach(place);
  };
  doc.blocks.forEach(place);
  return lower(doc, { file: src.file, start: { file: src.file, path: ['title'], ...src.locate(['title']) } });
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

function getIn(data: unknown, path: PathKey[]): unknown {
  let v = data as never;
  for (const k of path) v = v?.[k as never];
  return v;
}

function zodProblem(issue: z.core.$ZodIssue, src: SourceFile, data: unknown, kind: KindDescriptor): Problem[] {
  const path = issue.path as PathKey[];
  const base = { file: src.file, path: formatPath(path), severity: 'error' as const };
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const hint = suggestion(key, fieldNames(kind.schema));
        return {
          ...base,
          ...src.locateKey(path, key),
          path: formatPath([...path, key]),
          message: `unknown field "${key}"${hint ? `; did you mean "${hint}"?` : ''}`,
        };
      });
    case 'invalid_type': {
      const value = getIn(data, path);
      if (value === undefined) {
        const field = path[path.length - 1];
        return [{ ...base, ...src.locate(path), message: `"${String(field)}" is required but missing` }];
      }
      const expected = issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a set of fields' : issue.expected;
      const msg = issue.message && !issue.message.startsWith('Invalid input') ? issue.message : `must be ${expected}`;
      return [{ ...base, ...src.locate(path), message: `${msg}, but it is ${describe(value)}` }];
    }
    case 'invalid_value':
      return [{ ...base, ...src.locate(path), message: issue.message.startsWith('Invalid input') ? `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` : issue.message }];
    case 'too_small':
      return [{ ...base, ...src.locate(path), message: issue.message.startsWith('Too small') ? (issue.origin === 'array' ? `needs at least ${issue.minimum} item(s)` : 'must not be empty') : issue.message }];
    default:
      return [{ ...base, ...src.locate(path), message: issue.message }];
  }
}

function describe(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a set of fields';
  if (typeof v === 'string') return `the text "${v.slice(0, 30)}"`;
  if (typeof v === 'number' && !Number.isFinite(v)) return 'not a number';
  return `${typeof v} ${String(v)}`;
}

function dedupe(ps: Problem[]): Problem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = `${p.file}:${p.line}:${p.col}:${p.path}:${p.message}`; // the file too: a pack's papers can share a mistake
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
