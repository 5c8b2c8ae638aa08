// zod's issues as located, plain-English problems: the wording every schema's errors share (the
// content kinds' in validate.ts and the organisation profile's), each at the line and column of
// the field, with "did you mean" for unknown fields read from the schema itself.
import type { z } from 'zod';
import type { SourceFile } from '../parse/source.ts';
import { formatPath, type PathKey, type Problem } from '../parse/problems.ts';
import { fieldNames, fieldNamesAt, suggestion } from './field-names.ts';

export function schemaProblems(issues: readonly z.core.$ZodIssue[], src: SourceFile, data: unknown, schema: z.ZodType): Problem[] {
  return oneCause(dedupe(issues.flatMap((i) => zodProblem(i, src, data, schema))));
}

/**
 * One message per cause: a field mistyped ("unkown") is also a required field missing
 * ("unknown"); the "did you mean" says both, so the missing field's message goes.
 */
function oneCause(ps: Problem[]): Problem[] {
  const meant = new Set<string>();
  for (const p of ps) {
    const m = /^unknown field "[^"]*"; did you mean "([^"]+)"\?$/.exec(p.message);
    if (m) meant.add(`${p.file}\0${p.path.replace(/(^|\.)[^.[\]]+$/, '')}\0${m[1]}`);
  }
  return ps.filter((p) => {
    const m = /^"([^"]+)" is required but missing$/.exec(p.message);
    return !(m && meant.has(`${p.file}\0${p.path.replace(/(^|\.)[^.[\]]+$/, '')}\0${m[1]}`));
  });
}

function zodProblem(issue: z.core.$ZodIssue, src: SourceFile, data: unknown, schema: z.ZodType): Problem[] {
  const path = issue.path as PathKey[];
  const base = { file: src.file, path: formatPath(path), severity: 'error' as const };
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        // The fields this object may have; the whole schema's names only when the walk finds none.
        const here = fieldNamesAt(schema, path);
        const hint = suggestion(key, here ?? fieldNames(schema));
        const fields = here && here.length <= 12 ? `; the fields here are ${here.join(', ')}` : '';
        return {
          ...base,
          ...src.locateKey(path, key),
          path: formatPath([...path, key]),
          message: `unknown field "${key}"${hint && hint !== key ? `; did you mean "${hint}"?` : fields}`,
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
    case 'invalid_union': {
      // Several shapes fit no better than each other at first sight (a minute or a note): the one
      // the content is plainly nearest to (fewest wrong or unknown fields) says what is wrong in
      // it, with its "did you mean"; when none is nearest, the union's own words list the shapes.
      // A shape the value is not at all (a list where the shape wants a set of fields) is not a
      // candidate: a list of three pictures is told it has too many, not that it is not a picture.
      const shaped = issue.errors.filter((errs) => !errs.some((i) => i.code === 'invalid_type' && i.path.length === 0));
      if (shaped.length === 1) return shaped[0].flatMap((i) => zodProblem({ ...i, path: [...path, ...i.path] } as z.core.$ZodIssue, src, data, schema));
      const cost = issue.errors.map((errs) => errs.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : 1), 0));
      const best = Math.min(...cost);
      if (cost.length && cost.filter((c) => c === best).length === 1) {
        return issue.errors[cost.indexOf(best)].flatMap((i) => zodProblem({ ...i, path: [...path, ...i.path] } as z.core.$ZodIssue, src, data, schema));
      }
      return [{ ...base, ...src.locate(path), message: issue.message }];
    }
    case 'too_small':
      return [{ ...base, ...src.locate(path), message: issue.message.startsWith('Too small') ? (issue.origin === 'array' ? `needs at least ${issue.minimum} item(s)` : 'must not be empty') : issue.message }];
    default:
      return [{ ...base, ...src.locate(path), message: issue.message }];
  }
}

export function getIn(data: unknown, path: readonly PathKey[]): unknown {
  let v = data as never;
  for (const k of path) v = v?.[k as never];
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a set of fields';
  if (typeof v === 'string') return `the text "${v.slice(0, 30)}"`;
  if (typeof v === 'number' && !Number.isFinite(v)) return 'not a number';
  return `${typeof v} ${String(v)}`;
}

export function dedupe(ps: Problem[]): Problem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = `${p.file}:${p.line}:${p.col}:${p.path}:${p.message}`; // the file too: a pack's papers can share a mistake
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
