// Markdown's backslash escapes print the character escaped, never the backslash: in Markdown
// fields (marked's escape tokens) and in the plain-text fields authors write the same way.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, plainText } from '../src/parse/markdown.ts';
import { loadContent } from '../src/pipeline/validate.ts';
import { publish } from '../src/pipeline/publish.ts';
import { folderImageLoader, folderTextLoader } from '../src/storage/folder.ts';
import { inlineText, walkBlocks } from '../src/model/walk.ts';
import type { Inline } from '../src/model/domain.ts';

const ctx = { glossary: new Map<string, string>(), sections: new Map<string, string>() };
const LOCAL_ACCOUNT = 'content/local-account-2016-17/local-account-2016-17.yaml';
const textOf = (xs: Inline[]) => xs.map((i) => (i.type === 'text' ? i.text : '')).join('');

describe('Markdown escapes', () => {
  it.each([
    ['them\\*', 'them*'],
    ['\\* Mental health services', '* Mental health services'],
    ['a \\_b\\_ c', 'a _b_ c'],
    ['\\[not a link\\]', '[not a link]'],
    ['1\\. not a list', '1. not a list'],
    ['a back\\\\slash', 'a back\\slash'],
    ['**bold\\***', 'bold*'],
  ])('prints %s as %s', (md, shown) => {
    const { inlines, problems } = parseInline(md, ctx);
    expect(problems).toEqual([]);
    expect(textOf(inlines)).toBe(shown);
  });

  it('prints an escape in a list item and in a quote as the character escaped', () => {
    const { blocks } = parseMarkdown('- support for them\\*\n\n> said them\\*', ctx);
    expect(JSON.stringify(blocks)).not.toContain('\\\\');
    expect(JSON.stringify(blocks)).toContain('support for them');
  });

  it('drops the escape in a plain-text field, keeping any other backslash', () => {
    expect(plainText('discount them\\*')).toBe('discount them*');
    expect(plainText('C:\\Users\\me')).toBe('C:\\Users\\me');
    expect(plainText('50\\% \\(about\\)')).toBe('50% (about)');
  });

  it('gives the Local Account\'s key fact "… discount them\\*" as "them*" in the model and the plain text', async () => {
    const loaded = loadContent(LOCAL_ACCOUNT, readFileSync(LOCAL_ACCOUNT), folderImageLoader(LOCAL_ACCOUNT), { loadText: folderTextLoader(LOCAL_ACCOUNT) });
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
    const facts: string[] = [];
    walkBlocks(loaded.model.blocks, (b) => {
      if (b.type === 'definitions' && b.style === 'facts') for (const f of b.items) for (const x of f.body) if (x.type === 'paragraph') facts.push(inlineText(x.inlines));
    });
    const fact = facts.find((f) => f.includes('insufficient evidence to confirm or discount'));
    expect(fact).toContain('discount them* (This is an increase');
    expect(facts.join('\n')).not.toContain('\\');
    const r = await publish(LOCAL_ACCOUNT, readFileSync(LOCAL_ACCOUNT), folderImageLoader(LOCAL_ACCOUNT), { loadText: folderTextLoader(LOCAL_ACCOUNT), formats: ['txt'] });
    if (!r.ok) throw new Error('the Local Account did not publish');
    const text = Buffer.from(r.files[0].data).toString('utf8');
    expect(text).toContain('discount them* (This is an increase');
    expect(text).not.toMatch(/\\[*_[\]().#!-]/);
  });
});
