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
