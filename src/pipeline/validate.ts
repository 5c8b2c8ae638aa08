// Parse → validate → template: turns an uploaded content file into the document model,
// or into every located problem at once. No I/O here: images come through `loadImage`.
import type { z } from 'zod';
import { KINDS } from '../../templates/index.ts';
import { packToModel } from '../../templates/agenda-pack/template.ts';
import type { ImageLoader, Located } from '../../templates/common/blocks.ts';
import type { DocumentModel } from '../model/types.ts';
import { parseSource, type SourceFile } from '../parse/source.ts';
import { isAgendaPack } from './pack-detect.ts';
import { byPosition, formatPath, type PathKey, type Problem } from '../parse/problems.ts';

export interface PackParts {
  pack: unknown;
  agenda: unknown;
  papers: DocumentModel[];
}

export type LoadResult = { ok: true; model: DocumentModel; data: unknown; warnings: Problem[]; pack?: PackParts } | { ok: false; problems: Problem[] };

export interface LoadOptions {
  /** Reads a content file beside this one (the agenda pack's agenda and papers). */
  loadText?: (file: string) => string | Uint8Array | undefined;
  /** This file already parsed (the upload pipeline reads its id first): parse it only once. */
  parsed?: ReturnType<typeof parseSource>;
}

export function loadContent(file: string, text: string | Uint8Array, loadImage: ImageLoader, opts: LoadOptions = {}): LoadResult {
  const parsed = opts.parsed ?? parseSource(file, text);
  if (!parsed.source) return { ok: false, problems: parsed.problems };
  const src = parsed.source;
  const data = src.data as Record<string, unknown> | null;
  const problems: Problem[] = [];
  const at = (path: PathKey[], message: string, rule?: string): Problem => ({ file, ...src.locate(path), path: formatPath(path), message, severity: 'error', rule });

  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, problems: [at([], 'the file must be a set of fields (kind, id, title, …), not a list or a single value')] };
  }
  // Own properties only: a kind named "constructor" or "__proto__" is not a kind.
  const kind = typeof data.kind === 'string' && Object.hasOwn(KINDS, data.kind) ? KINDS[data.kind] : undefined;
  if (!kind) {
    const known = Object.keys(KINDS).map((k) => `"${k}"`).join(', ');
    return { ok: false, problems: [at(['kind'], data.kind === undefined ? `"kind" is required: one of ${known}` : data.kind === null || data.kind === '' ? `"kind" is empty; give one of ${known}` : typeof data.kind !== 'string' ? `"kind" must be one word, one of ${known}` : `unknown kind "${data.kind}"; use one of ${known}`)] };
  }

  const result = kind.schema.safeParse(data);
  if (!result.success) problems.push(...result.error.issues.flatMap((i) => zodProblem(i, src, data)));
  const valid = result.success ? result.data : data;
  if (!kind.toModel) return loadPack(src, valid, problems, loadImage, opts);
  const mapped = kind.toModel(valid, loadImage);
  problems.push(...mapped.problems.map((p) => locate(p, src)));

  const unique = dedupe(problems).sort(byPosition);
  if (unique.some((p) => p.severity === 'error')) return { ok: false, problems: unique };
  return { ok: true, model: mapped.model, data: valid, warnings: unique };
}

/** An agenda pack: every file it names is validated too, each problem located in its own file. */
function loadPack(src: SourceFile, pack: unknown, problems: Problem[], loadImage: ImageLoader, opts: LoadOptions): LoadResult {
  const p = pack as { agenda?: unknown; papers?: unknown };
  const at = (path: PathKey[], message: string): Problem => ({ file: src.file, ...src.locate(path), path: formatPath(path), message, severity: 'error' });
  const load = (name: unknown, path: PathKey[]): LoadResult | undefined => {
    if (typeof name !== 'string') return undefined;
    if (name === src.file.split('/').pop()) {
      problems.push(at(path, 'an agenda pack cannot contain itself; name its agenda and papers'));
      return undefined;
    }
    const text = opts.loadText?.(name);
    if (text === undefined) {
      problems.push(at(path, `the file "${name}" is not beside the agenda pack`));
      return undefined;
    }
    if (isAgendaPack(typeof text === 'string' ? text : Buffer.from(text).toString('utf8'))) {
      problems.push(at(path, `"${name}" is an agenda pack itself; a pack names an agenda and papers, not another pack`));
      return undefined;
    }
    const r = loadContent(name, text, loadImage, {});
    if (!r.ok) problems.push(...r.problems);
    else if (r.pack) problems.push(at(path, 'an agenda pack cannot contain another pack'));
    return r;
  };
  const agenda = load(p.agenda, ['agenda']);
  if (agenda?.ok && agenda.model.meta.kind !== 'agenda') problems.push(at(['agenda'], `"${String(p.agenda)}" is a ${agenda.model.meta.kind}, not an agenda`));
  const papers = (Array.isArray(p.papers) ? p.papers : []).map((f, i) => load(f, ['papers', i]));
  const ids = new Set<string>();
  papers.forEach((r, i) => {
    if (!r?.ok) return;
    if (ids.has(r.model.meta.id)) problems.push(at(['papers', i], `the paper "${r.model.meta.id}" is in the pack twice`));
    ids.add(r.model.meta.id);
  });
  if (agenda?.ok && papers.every((r) => r?.ok)) {
    const parts: PackParts = { pack, agenda: agenda.data, papers: papers.map((r) => (r as Extract<LoadResult, { ok: true }>).model) };
    const { model, problems: packProblems } = packToModel(pack, agenda.data, parts.papers, loadImage);
    // Problems found while assembling the pack belong to the agenda file.
    const agendaSrc = parseSource(String(p.agenda), opts.loadText!(String(p.agenda))!).source!;
    problems.push(...packProblems.map((x) => locate(x, agendaSrc)));
    const unique = dedupe(problems).sort(byPosition);
    if (unique.some((x) => x.severity === 'error')) return { ok: false, problems: unique };
    return { ok: true, model, data: pack, warnings: unique, pack: parts };
  }
  return { ok: false, problems: dedupe(problems).sort(byPosition) };
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

function zodProblem(issue: z.core.$ZodIssue, src: SourceFile, data: unknown): Problem[] {
  const path = issue.path as PathKey[];
  const base = { file: src.file, path: formatPath(path), severity: 'error' as const };
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const hint = suggestion(key, KNOWN_FIELDS);
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

// Every field name the schemas use; the nearest one is offered as a correction.
const KNOWN_FIELDS = [
  'kind', 'id', 'title', 'subtitle', 'organisation', 'department', 'language', 'published', 'reference', 'summary',
  'period', 'alternativeFormats', 'signatories', 'facts', 'contacts', 'glossary', 'charts', 'images', 'sections',
  'blocks', 'text', 'keyFacts', 'comparisons', 'quote', 'story', 'box', 'table', 'chart', 'figure', 'contact', 'note',
  'value', 'label', 'comparison', 'source', 'name', 'description', 'phone', 'textRelay', 'email', 'web', 'hours',
  'address', 'term', 'definition', 'type', 'unit', 'data', 'total', 'file', 'alt', 'caption', 'columns', 'rows',
  'rowHeaders', 'by', 'items', 'before', 'after', 'image', 'role',
  'committee', 'meeting', 'date', 'time', 'venue', 'hospitality', 'clerk', 'membership', 'group', 'members', 'webcasting',
  'parts', 'access', 'code', 'purpose', 'paper', 'decision', 'exempt', 'reason', 'signOff', 'closingNote', 'attendance',
  'present', 'alsoPresent', 'inAttendance', 'substituteFor', 'number', 'agendaItem', 'paragraphs', 'resolved',
  'resolvedItems', 'resolvedLabel', 'declarations', 'member', 'interest', 'minute', 'from', 'to', 'subject',
  'classification', 'pastPathway', 'futurePathway', 'divisions', 'summaryText', 'recommendations', 'leadIn',
  'backgroundDocuments', 'url', 'contactDetails', 'appendices', 'recordOfDecision', 'decisionMaker', 'publication',
  'keyDecision', 'reasons', 'financial', 'legal', 'equality', 'consultation', 'alternatives', 'interests', 'lost', 'agenda', 'papers',
];

function suggestion(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
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
