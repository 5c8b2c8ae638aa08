// Property tests of the reliability contract's first half (docs/reliability.md): for ANY bytes,
// validation returns a model or located, plain-English problems — it never throws, never gives a
// position outside the file, and never passes a parser's or runtime's words on to staff.
// Rendering is left out (the worker's budgets bound it; test/reliability.test.ts covers them).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { loadContent } from '../src/pipeline/validate.ts';
import { parseSource } from '../src/parse/source.ts';
import type { Problem } from '../src/parse/problems.ts';

const SEEDS = ['test/fixtures/valid/minimal.yaml', 'test/fixtures/committee/agenda.yaml', 'test/fixtures/easy-read/valid.yaml', 'test/fixtures/invalid/json-wrong-type.json'].map((f) => ({ f, bytes: readFileSync(f) }));
const JARGON = /block-seq|block-map|seq-item|map-value|flow-coll|-ind\b|\bscalar\b|\btoken\b|\bCST\b|implicit key|compact mapping|parseAllDocuments|tag:yaml\.org|Unexpected (token|end)|undefined|NaN|\[object |TypeError|RangeError|ReferenceError|SyntaxError|\n\s+at /;

function assertLocated(problems: Problem[], bytes: Uint8Array) {
  const lines = Buffer.from(bytes).toString('latin1').split('\n').length;
  for (const p of problems) {
    expect(p.line, p.message).toBeGreaterThanOrEqual(1);
    expect(p.line, p.message).toBeLessThanOrEqual(lines);
    expect(p.col, p.message).toBeGreaterThanOrEqual(1);
    expect(p.message, p.message).not.toMatch(JARGON);
    expect(p.message.length).toBeGreaterThan(10);
  }
}

/** A valid file with some bytes replaced, inserted or removed. */
const mutated = fc
  .record({
    seed: fc.constantFrom(...SEEDS),
    edits: fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat(8), insert: fc.uint8Array({ maxLength: 6 }) }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ seed, edits }) => {
    let b = Buffer.from(seed.bytes);
    for (const e of edits) {
      const i = Math.floor(e.at * b.length);
      b = Buffer.concat([b.subarray(0, i), Buffer.from(e.insert), b.subarray(i + e.remove)]);
    }
    return { file: seed.f, bytes: new Uint8Array(b) };
  });

/** Text built from the pieces YAML and JSON are made of, in any order. */
const PIECES = ['kind: ', 'local-account', 'agenda', 'constructor', '__proto__', 'id: ', 'title: ', '\n', '  ', '- ', ': ', '[', ']', '{', '}', ',', '"', "'", '&a ', '*a', '!!str ', '!x ', '%YAML 1.2\n', '---\n', '|\n', '>-\n', '#', '\t', '? ', '<<: ', '\u202e', '\u0000', '\ud800', '\u200b', 'é', '😀', 'sections:\n', 'blocks:\n', 'text: ', '[x](javascript:alert)', '<b>', 'figure: { image: logo }', '12', 'null', 'true', '2017-08-24'];
const pieced = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((ps) => ps.join(''));

describe('any input gives a model or located problems, never an exception', () => {
  it('holds for valid files with bytes replaced, inserted or removed', () => {
    fc.assert(
      fc.property(mutated, ({ file, bytes }) => {
        const name = file.replace(/^.*\//, '');
        const r = loadContent(name, bytes, () => undefined, { loadText: () => undefined });
        if (!r.ok) {
          expect(r.problems.length).toBeGreaterThan(0);
          assertLocated(r.problems, bytes);
        }
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });

  it('holds for text made of YAML and JSON pieces in any order, as .yaml and as .json', () => {
    fc.assert(
      fc.property(pieced, fc.boolean(), (text, json) => {
        const bytes = Buffer.from(text);
        const file = json ? 'piece.json' : 'piece.yaml';
        const parsed = parseSource(file, bytes);
        assertLocated(parsed.problems, bytes);
        const r = loadContent(file, bytes, () => undefined);
        if (!r.ok) assertLocated(r.problems, bytes);
      }),
      { numRuns: 500, seed: 20261201 },
    );
  });
});
