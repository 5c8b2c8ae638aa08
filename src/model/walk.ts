// Small queries over the document model that several writers share.
import type { Inline } from './types.ts';

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
