// A located content problem: what staff see when an upload is wrong.
export interface Problem {
  file: string;
  line: number;
  col: number;
  /** Field path in the content, e.g. `sections[2].blocks[0].text`. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
  /** Rule ID from the format rules, where one applies. */
  rule?: string;
}

export type PathKey = string | number;

export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out ? `.${k}` : k;
  return out || '(top level)';
}

export function formatProblem(p: Problem): string {
  const tag = p.severity === 'warning' ? 'warning' : 'error';
  return `${p.file}:${p.line}:${p.col}: ${tag}: ${p.path || '(top level)'}: ${p.message}${p.rule ? ` [${p.rule}]` : ''}`;
}

/** Thrown when content is invalid; carries every problem found. */
export class ContentError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`${problems.length} problem(s) in the content:\n` + problems.map(formatProblem).join('\n'));
    this.name = 'ContentError';
  }
}

export function byPosition(a: Problem, b: Problem): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.path.localeCompare(b.path);
}
