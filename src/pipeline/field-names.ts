// Field names for "did you mean": read from a kind's zod schema itself, so they never drift.
import type { z } from 'zod';

const cache = new WeakMap<z.ZodType, string[]>();

/** Every object key anywhere in the schema. */
export function fieldNames(schema: z.ZodType): string[] {
  let names = cache.get(schema);
  if (!names) {
    const found = new Set<string>();
    const seen = new Set<unknown>();
    const visit = (s: unknown) => {
      if (!s || typeof s !== 'object' || seen.has(s)) return;
      seen.add(s);
      const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
      if (!def) return;
      if (def.type === 'object') {
        for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) {
          found.add(k);
          visit(v);
        }
        visit(def.catchall);
      }
      for (const key of ['element', 'innerType', 'in', 'out', 'left', 'right', 'valueType', 'keyType']) visit(def[key]);
      for (const o of (def.options as unknown[] | undefined) ?? []) visit(o);
      if (typeof def.getter === 'function') visit((def.getter as () => unknown)());
    };
    visit(schema);
    names = [...found].sort();
    cache.set(schema, names);
  }
  return names;
}

/**
 * The field names an object at `path` may have: the keys of the object schemas found by walking
 * the schema along the path (every option of a union). A mistyped field is compared with these,
 * not with every name in the schema: an Easy Read contact's "hours" must not be "corrected" to the
 * "hours" of some other object. Undefined when the walk finds no object there.
 */
export function fieldNamesAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let at: unknown[] = [schema];
  for (const key of path) at = at.flatMap(objects).flatMap((s) => child(s, key));
  const keys = new Set(at.flatMap(objects).flatMap((s) => Object.keys(defOf(s)?.shape ?? {})));
  return keys.size ? [...keys].sort() : undefined;
}

type Def = { type?: string; shape?: Record<string, unknown>; [k: string]: unknown };
const defOf = (s: unknown) => (s as { _zod?: { def?: Def } } | undefined)?._zod?.def;

/** The schemas a value may be checked against once wrappers (optional, default, pipe, lazy, union) are unwrapped. */
function objects(s: unknown, depth = 0): unknown[] {
  const def = defOf(s);
  if (!def || depth > 20) return [];
  for (const key of ['innerType', 'in']) if (def[key]) return objects(def[key], depth + 1);
  if (typeof def.getter === 'function') return objects((def.getter as () => unknown)(), depth + 1);
  if (def.type === 'union') return ((def.options as unknown[]) ?? []).flatMap((o) => objects(o, depth + 1));
  if (def.type === 'intersection') return [...objects(def.left, depth + 1), ...objects(def.right, depth + 1)];
  return [s];
}

/** The schema of `key` inside an object, array or record schema. */
function child(s: unknown, key: PropertyKey): unknown[] {
  const def = defOf(s)!;
  if (def.type === 'object') return def.shape && typeof key === 'string' && key in def.shape ? [def.shape[key]] : def.catchall ? [def.catchall] : [];
  if (def.type === 'array' && typeof key === 'number') return [def.element];
  if (def.type === 'record') return [def.valueType];
  if (def.type === 'tuple' && typeof key === 'number') return [(def.items as unknown[])[key] ?? def.rest].filter(Boolean);
  return [];
}

/** The known name nearest to a mistyped one (at most two edits away). */
export function suggestion(key: string, known: string[]): string | undefined {
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
