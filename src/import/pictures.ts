// The draft's pictures as files beside the content (picture-1.png …) with their alt text, and
// what a person must do about each: alt text missing or saying only "picture", alt text Word
// wrote itself, pictures of a format publications cannot carry, charts drawn as pictures.
import type { DraftPicture } from './read-docx.ts';
import type { TodoList } from './todo.ts';

export interface PictureFile {
  name: string;
  bytes: Uint8Array;
  /** The alt text to write: the author's, or a placeholder that names the picture. */
  alt: string;
  /** A PNG or JPEG, which every format can carry; other pictures are written but not placed. */
  usable: boolean;
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'image/tiff': 'tif',
  'image/svg+xml': 'svg',
  'image/x-emf': 'emf',
  'image/x-wmf': 'wmf',
  'image/emf': 'emf',
  'image/wmf': 'wmf',
};

// The schema refuses alt text that only says what kind of thing it is (templates/common/schema.ts).
const EMPTY_ALT = /^(an?\s+)?(image|picture|icon|symbol|graphic|photo|photograph|pic|img)s?\.?$/i;
// Word's automatic alt text ends so; it guesses, and people must check it.
const WORD_GUESS = /(description automatically generated|automatically generated)/i;
const LOOKS_LIKE_A_CHART = /\b(chart|graph|diagram|infographic|histogram|pie|bar chart)\b/i;

/** A placeholder alt text that still validates and says what to do. */
export const altPlaceholder = (name: string) => `TO DO: say what ${name} shows`;

export function pictureFiles(pictures: DraftPicture[], todo: TodoList): Map<number, PictureFile> {
  const out = new Map<number, PictureFile>();
  for (const p of pictures) {
    if (p.missing) {
      todo.add(`Picture ${p.number}${p.alt ? ` (“${p.alt.slice(0, 60)}”)` : ''} is linked to a file outside the Word document, so it could not be imported. In Word, insert the picture itself (not a link to it), or add its file beside the content with a figure block.`);
      continue;
    }
    const ext = EXTENSIONS[p.contentType.toLowerCase()] ?? 'bin';
    const name = `picture-${p.number}.${ext}`;
    const usable = ext === 'png' || ext === 'jpg';
    let alt = p.alt?.replace(/\s+/g, ' ').trim();
    if (!usable) {
      todo.add(`${name} is ${ext === 'bin' ? `a picture of a kind Word calls "${p.contentType}"` : `a picture in ${ext.toUpperCase()} format`}; publications carry PNG and JPEG only, so it was written beside the content but not placed. Save it as PNG (or JPEG) and add it to images: with a figure block.`);
    }
    if (!alt) {
      todo.add(`${name} has no alt text: write what it shows in its alt: (now "${altPlaceholder(name)}"), or, if it is only decoration, remove it.`, 'missing alt text');
      alt = altPlaceholder(name);
    } else if (EMPTY_ALT.test(alt)) {
      todo.add(`${name}'s alt text is only "${alt}": say what the picture shows instead.`, 'alt text that says nothing');
      alt = altPlaceholder(name);
    } else if (WORD_GUESS.test(alt)) {
      todo.add(`${name}'s alt text was written by Word ("${alt.slice(0, 60)}…"): check it says what the picture shows, and remove "Description automatically generated".`, 'alt text written by Word');
      alt = alt.replace(/\s*Description automatically generated\.?/i, '').trim() || altPlaceholder(name);
    }
    // "A bar chart" is a symbol of a chart; alt text that goes on to say what it shows is a chart.
    if (usable && LOOKS_LIKE_A_CHART.test(p.alt ?? '') && (p.alt ?? '').split(/\s+/).length > 4) {
      todo.add(`${name} looks like a chart drawn as a picture ("${(p.alt ?? '').slice(0, 60)}…"): make it a chart (charts:, with its figures) so every reader gets the numbers, not only people who can see the picture.`, 'charts drawn as pictures');
    }
    out.set(p.number, { name, bytes: p.bytes, alt, usable });
  }
  return out;
}
