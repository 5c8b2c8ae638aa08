// One publication's outputs made by two render workers at once (src/pipeline/lanes.ts, issue 18):
// the plan keeps each output that shows its PDF's pages in its PDF's lane, after it, and what two
// lanes make is byte for byte what one worker makes, manifest and download page included.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OUTPUT_KEYS } from '../src/pipeline/formats.ts';
import { estimate, planLanes } from '../src/pipeline/lanes.ts';
import { KINDS } from '../templates/index.ts';
import { RenderPool, type IsolatedResult } from '../src/pipeline/isolate.ts';
import { sha256 } from '../src/pipeline/publish.ts';
import { folderTask as task } from './support/render-task.ts';

const AFTER_PDF = { docx: 'pdf', epub: 'pdf', 'large-print-docx': 'large-print-pdf' } as Record<string, string>;

describe('planLanes', () => {
  it('puts every output asked for in exactly one lane, each output that shows PDF pages after its PDF, in no more lanes than allowed', () => {
    fc.assert(
      fc.property(fc.subarray(OUTPUT_KEYS, { minLength: 1 }), fc.integer({ min: 1, max: 6 }), (keys, n) => {
        const lanes = planLanes(keys, n);
        expect(lanes.length).toBeLessThanOrEqual(n);
        expect(lanes.flat().sort()).toEqual([...keys].sort());
        for (const lane of lanes) {
          expect(lane).toEqual(OUTPUT_KEYS.filter((k) => lane.includes(k))); // the one-worker order
          for (const [after, pdf] of Object.entries(AFTER_PDF)) if (lane.includes(after) && keys.includes(pdf)) expect(lane.indexOf(pdf)).toBeLessThan(lane.indexOf(after));
        }
      }),
      { seed: 1818, numRuns: 200 },
    );
  });

  it("keeps a document's two PDFs in one lane, sharing one warm-up, where that is quicker: the Local Account's, with Braille beside them", () => {
    const [a, b] = planLanes(undefined, 2, { kb: 153 });
    const pdfs = a.includes('pdf') ? a : b;
    expect(pdfs).toEqual(expect.arrayContaining(['pdf', 'docx', 'epub', 'large-print-pdf', 'large-print-docx']));
    expect(pdfs === a ? b : a).toContain('brf');
  });

  it('once the workers have rendered (no warm-up left to share), puts the two PDFs in different lanes', () => {
    const [a, b] = planLanes(['pdf', 'docx', 'txt', 'large-print-pdf', 'large-print-docx'], 2, { kb: 153, warm: true });
    expect(a.includes('pdf')).not.toBe(b.includes('pdf'));
    expect(a.includes('large-print-pdf')).not.toBe(b.includes('large-print-pdf'));
  });

  it("plans by the outputs the kind has and its size: a long agenda pack's two PDFs (each laid out twice) go to different lanes, a short one's share one", () => {
    const pack = KINDS['agenda-pack'];
    const keys = pack.outputs.map((o) => o.key);
    const apart = (kb: number) => {
      const lanes = planLanes(keys, 2, { kb, layoutPasses: pack.layoutPasses });
      return lanes.findIndex((l) => l.includes('pdf')) !== lanes.findIndex((l) => l.includes('large-print-pdf'));
    };
    expect(apart(380)).toBe(true);
    expect(apart(96)).toBe(false);
  });

  it('chooses the plan with the least estimated time of every plan there is', () => {
    fc.assert(
      fc.property(fc.subarray(OUTPUT_KEYS, { minLength: 2 }), fc.integer({ min: 1, max: 2000 }), (keys, kb) => {
        const chosen = estimate(planLanes(keys, 2, { kb }), { kb });
        // Every split of the groups into two lanes, by brute force over the outputs' subsets.
        for (let mask = 0; mask < 1 << keys.length; mask++) {
          const a = keys.filter((_, i) => mask & (1 << i));
          const b = keys.filter((k) => !a.includes(k));
          if (Object.entries(AFTER_PDF).some(([after, pdf]) => keys.includes(pdf) && a.includes(after) !== a.includes(pdf))) continue;
          expect(chosen).toBeLessThanOrEqual(estimate([a, b].filter((l) => l.length), { kb }) + 1e-9);
        }
      }),
      { seed: 1818, numRuns: 100 },
    );
  });

  it('keeps one lane when one worker is allowed', () => {
    expect(planLanes(undefined, 1)).toEqual([OUTPUT_KEYS]);
  });
});

const one = new RenderPool({ lanes: 1, maxWorkers: 1 });
const two = new RenderPool({ lanes: 2, maxWorkers: 2 });
afterAll(() => Promise.all([one.close(), two.close()]));

const summary = (r: IsolatedResult) => (r.ok ? { manifest: r.manifest, index: r.index, files: r.files.map((f) => [f.file.file, sha256(f.data)]) } : r);

describe('two lanes make what one worker makes', () => {
  for (const file of ['content/local-account-2016-17/local-account-2016-17.yaml', 'content/committee-2016-10-11/asch-cc-2016-10-11-pack.yaml', 'content/easy-read/osborne-court-easy-read.yaml']) {
    it(`the same files, manifest and download page: ${file}`, async () => {
      const t = await task(file);
      const [alone, shared] = await Promise.all([one.render(t), two.render(t)]);
      expect(alone.ok).toBe(true);
      expect(summary(shared)).toEqual(summary(alone));
    }, 240_000);
  }

  it('reports the content problems once, as one worker does', async () => {
    const t = await task('test/fixtures/invalid/dangling-references.yaml');
    const [alone, shared] = await Promise.all([one.render(t), two.render(t)]);
    expect(alone.ok).toBe(false);
    expect(shared).toEqual(alone);
  }, 120_000);
});
