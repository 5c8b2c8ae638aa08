// The core model is the contract (src/model/types.ts): every node has a stable, unique id and a
// source position; the title is the one level-1 heading and sections nest below it; kinds are
// descriptors the pipeline reads, and every kind is published in every output it declares.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadContent, type Loaded } from '../src/pipeline/validate.ts';
import { publish } from '../src/pipeline/publish.ts';
import { folderImageLoader, folderTextLoader } from '../src/storage/folder.ts';
import { defaultAssets } from '../src/storage/assets.ts';
import { allBlocks, walkBlocks } from '../src/model/walk.ts';
import { lower } from '../src/model/lower.ts';
import { MODEL_VERSION, type DocumentModel, type Heading } from '../src/model/types.ts';
import type { Block as DomainBlock } from '../src/model/domain.ts';
import { KINDS } from '../templates/index.ts';
import { contentFiles } from './support/content.ts';

const symbols = new Set(defaultAssets().symbols.keys());
const models = new Map<string, Loaded>();
for (const file of contentFiles()) {
  const r = loadContent(file, readFileSync(file), folderImageLoader(file), { loadText: folderTextLoader(file), symbols });
  if (!r.ok) throw new Error(`${file}: ${r.problems.map((p) => p.message).join('; ')}`);
  models.set(file, r);
}

function headings(doc: DocumentModel): Heading[] {
  const out: Heading[] = [doc.cover.title];
  walkBlocks(doc.blocks, (b) => {
    if (b.type === 'heading') out.push(b);
  });
  return out;
}

/** The nesting rule: one level 1 (the title), and no heading more than one level below the one before. */
function nestingProblems(doc: DocumentModel): string[] {
  const hs = headings(doc);
  const problems: string[] = [];
  if (hs.filter((h) => h.level === 1).length !== 1) problems.push(`${hs.filter((h) => h.level === 1).length} level-1 headings`);
  hs.forEach((h, i) => {
    if (i > 0 && h.level > hs[i - 1].level + 1) problems.push(`"${h.text}" is level ${h.level} after level ${hs[i - 1].level}`);
  });
  return problems;
}

describe('the core model (the contract)', () => {
  for (const [file, r] of models) {
    it(`${file}: is version ${MODEL_VERSION}, every node has a unique id and a source position in its file`, () => {
      expect(r.model.version).toBe(MODEL_VERSION);
      const nodes = allBlocks(r.model);
      const ids = nodes.map((b) => b.id);
      expect(ids.filter((id) => !id)).toEqual([]);
      expect(ids.length - new Set(ids).size, 'duplicate ids').toBe(0);
      const unplaced = r.model.blocks.length ? nodes.slice(1 + r.model.cover.lines.length).filter((b) => !b.at?.line || !b.at.col || !b.at.file) : [];
      expect(unplaced.map((b) => `${b.type} ${b.id}`)).toEqual([]);
    });

    it(`${file}: the title is the one level-1 heading and headings nest without skipping a level`, () => {
      expect(nestingProblems(r.model)).toEqual([]);
    });
  }

  it('ids are derived from the content: the same content gives the same ids, and an edit elsewhere leaves a section\'s ids alone', () => {
    const file = 'content/strategy/your-life-your-wellbeing-strategy.yaml';
    const text = readFileSync(file, 'utf8');
    const again = loadContent(file, text, folderImageLoader(file), { symbols }) as Loaded;
    expect(allBlocks(again.model).map((b) => b.id)).toEqual(allBlocks(models.get(file)!.model).map((b) => b.id));
    // Add a paragraph to the first section: the last section's nodes keep their ids.
    const edited = text.replace(/(\n      - text: \|-\n)/, '$1          An added paragraph.\n\n');
    expect(edited).not.toBe(text);
    const e = loadContent(file, edited, folderImageLoader(file), { symbols });
    expect(e.ok).toBe(true);
    const lastSection = (m: DocumentModel) => {
      const top = m.blocks.filter((b) => b.type === 'heading' && b.outline);
      const last = top[top.length - 1];
      return m.blocks.slice(m.blocks.indexOf(last)).map((b) => b.id);
    };
    expect(lastSection((e as Loaded).model)).toEqual(lastSection(models.get(file)!.model));
  });

  it('source positions point at the field the node came from', () => {
    const file = 'content/local-account-2016-17/local-account-2016-17.yaml';
    const lines = readFileSync(file, 'utf8').split('\n');
    const h = headings(models.get(file)!.model).find((x) => x.text === 'Foreword')!;
    expect(lines[h.at!.line! - 1]).toContain('Foreword');
  });

  it('any domain document lowers to unique ids and nested headings (property)', () => {
    const text = fc.string({ minLength: 1, maxLength: 12 }).map((t) => t.replace(/\s/g, 'x'));
    const leaf: fc.Arbitrary<DomainBlock> = fc.oneof(
      text.map((t) => ({ type: 'paragraph' as const, inlines: [{ type: 'text' as const, text: t }] })),
      text.map((t) => ({ type: 'note' as const, inlines: [{ type: 'text' as const, text: t }] })),
      fc.constant({ type: 'pageBreak' as const }),
    );
    const block: fc.Arbitrary<DomainBlock> = fc.oneof(
      leaf,
      fc.tuple(fc.constantFrom(1, 2, 3), fc.constantFrom('a', 'b', 'intro', 'a')).map(([level, id]) => ({ type: 'heading' as const, level: level as 1 | 2 | 3, id, text: id })),
      fc.array(leaf, { maxLength: 3 }).map((blocks) => ({ type: 'box' as const, kind: 'story' as const, title: 'T', blocks })),
      fc.array(fc.array(leaf, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }).map((items) => ({ type: 'list' as const, style: 'bullet' as const, items })),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 30 }), (blocks) => {
        const m = lower({ meta: { id: 'doc', kind: 'strategy', title: 'T', author: 'A', subject: 'S', language: 'en-GB', published: '2020-01-01', keywords: [] }, blocks: [{ type: 'contents', title: 'Contents' }, ...blocks] });
        const ids = allBlocks(m).map((b) => b.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.every(Boolean)).toBe(true);
        expect(headings(m).filter((h) => h.level === 1)).toHaveLength(1);
      }),
    );
  });
});

describe('kinds are descriptors', () => {
  it('every kind has content in content/, and every content file is published in every output its kind declares', async () => {
    const kinds = new Set([...models.values()].map((r) => r.kind.kind));
    expect([...kinds].sort()).toEqual(Object.keys(KINDS).sort());
    for (const [file, r] of models) {
      const p = await publish(file, readFileSync(file), folderImageLoader(file), { loadText: folderTextLoader(file) });
      if (!p.ok) throw new Error(file);
      expect(p.files.map((f) => f.file.file).sort(), file).toEqual(r.kind.outputs.map((o) => `${r.model.meta.id}${o.suffix}`).sort());
    }
  });

  it('the pipeline never branches on a kind\'s name', () => {
    // A comparison of a kind with one of the kinds' names, or a switch over them.
    const names = Object.keys(KINDS).map((k) => k.replace('-', '\\-')).join('|');
    const pattern = new RegExp(`kind\\s*[!=]==?\\s*['"](${names})['"]|case ['"](${names})['"]|KINDS\\[['"]`);
    for (const f of ['src/pipeline/publish.ts', 'src/pipeline/validate.ts', 'src/pipeline/formats.ts', 'src/pipeline/upload.ts', 'src/pipeline/inputs.ts']) {
      expect(readFileSync(f, 'utf8'), f).not.toMatch(pattern);
    }
  });

  it('"did you mean" knows every field of the kind\'s schema, Easy Read\'s included', () => {
    const r = loadContent('x.yaml', 'kind: easy-read\nid: x\ntitle: T\nhelpNot: Ask someone\n', () => undefined, { symbols });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.message).join('\n')).toMatch(/did you mean "helpNote"/);
  });
});
