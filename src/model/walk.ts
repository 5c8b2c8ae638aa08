// Small queries over the document model that several writers share.
import type { Block, Inline } from './types.ts';

/** Plain text of inline runs, as a reader would hear it. */
export function inlineText(inlines: Inline[]): string {
  return inlines
    .map((i) => {
      switch (i.type) {
        case 'text':
          return i.text;
        case 'link':
        case 'term':
          return inlineText(i.children);
        case 'xref':
          return i.title;
        case 'break':
          return '\n';
      }
    })
    .join('');
}

export interface HeadingRef {
  id: string;
  level: 1 | 2 | 3;
  text: string;
}

/** Every heading in reading order, including those inside boxes. */
export function headings(blocks: Block[]): HeadingRef[] {
  const out: HeadingRef[] = [];
  for (const b of blocks) if (b.type === 'heading') out.push({ id: b.id, level: b.level, text: b.text });
  return out;
}
