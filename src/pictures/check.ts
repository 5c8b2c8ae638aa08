// Checks one picture before layout: the name says PNG, JPEG or SVG (an author's drawing: src/pictures/svg.ts), the bytes are what the name says,
// the file and its pixel size are within LIMITS (read from the header, before anything is
// decompressed), and the whole picture decodes. Every refusal is one plain-English sentence for
// the communications officer who uploaded it; no decoder's exception or stack trace gets out.
// Why these decoders and these steps: docs/decisions/0005-picture-decoding.md.
import type { ImageData } from '../model/types.ts';
import { LIMITS, type Limits } from '../limits.ts';
import { PictureFault } from './fault.ts';
import { checkJpegBody, readJpegFrame } from './jpeg.ts';
import { checkPngBody, PNG_SIGNATURE, readPngHeader } from './png.ts';
import { checkSvg } from './svg.ts';

export type PictureCheck = { ok: true; image: ImageData } | { ok: false; problem: string };

const NAME = /\.(png|jpe?g|svg)$/i;
const EDIT_AGAIN = 'open it in a picture editor and save or export it again as PNG or JPEG';
const RESIZE = 'resize it in a picture editor (about 2,500 pixels on the longer side is enough for a full page) and save it again';

/** Whether a file name is one a picture may have (.png, .jpg, .jpeg, .svg, any case). */
export function isPictureName(name: string): boolean {
  return NAME.test(name);
}

/**
 * Checks one picture named `name` (as the content names it) and returns what layout may embed:
 * the same bytes, or for a few PNG variants pdfkit draws wrongly a plain re-encoding, and for a
 * JPEG or PNG with bytes after its end, those bytes cut off. Never throws.
 */
export function checkPicture(name: string, bytes: Uint8Array, limits: Limits = LIMITS): PictureCheck {
  const no = (problem: string): PictureCheck => ({ ok: false, problem });
  const q = `"${name}"`;
  const named = nameProblem(name);
  if (named) return no(named);

  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sized = sizeProblem(name, b.length, limits);
  if (sized) return no(sized);

  const ext = name.slice(name.lastIndexOf('.')); // as written, for the message
  const wantPng = /\.png$/i.test(name);
  const kind = sniff(b);
  if (/\.svg$/i.test(name)) {
    if (kind === 'png' || kind === 'jpeg') return no(`the picture ${q} is a ${kind.toUpperCase()} file but its name ends ${ext}; rename it to ${rename(name, kind === 'png' ? '.png' : '.jpg')} and change the name in the content`);
    return checkSvg(name, bytes);
  }
  if (kind === 'an SVG drawing') return no(`the picture ${q} is an SVG drawing but its name ends ${ext}; rename it to ${rename(name, '.svg')} and change the name in the content`);
  if (kind === 'png' && !wantPng) return no(`the picture ${q} is a PNG file but its name ends ${ext}; rename it to ${rename(name, '.png')} and change the name in the content`);
  if (kind === 'jpeg' && wantPng) return no(`the picture ${q} is a JPEG file but its name ends ${ext}; rename it to ${rename(name, '.jpg')} and change the name in the content`);
  if (kind === 'png-mangled') return no(damagedSentence(q, 'its first bytes have been changed, as happens when a picture is copied as text'));
  if (kind !== 'png' && kind !== 'jpeg') {
    const what = kind === 'unknown' ? 'is not a PNG or JPEG picture (its contents are not a picture this service can read)' : `is ${kind}, not a PNG or JPEG picture`;
    return no(`the picture ${q} ${what}; ${EDIT_AGAIN}, or check that the right file was uploaded`);
  }

  try {
    // The size in the header is checked before any decompression: a small file can claim
    // billions of pixels (a decompression bomb), and decoders allocate by the header.
    if (kind === 'png') {
      const header = readPngHeader(b);
      const dims = dimensionProblem(q, header.width, header.height, limits);
      if (dims) return no(dims);
      const safe = checkPngBody(b, header, limits.pictureBytes);
      return { ok: true, image: { data: safe === b ? bytes : safe, mime: 'image/png', width: header.width, height: header.height } };
    }
    const frame = readJpegFrame(b);
    const dims = dimensionProblem(q, frame.width, frame.height, limits);
    if (dims) return no(dims);
    const picture = checkJpegBody(b, frame, limits);
    // A copy when trimmed, so the bytes after the end marker are not kept alive with it.
    return { ok: true, image: { data: picture === b ? bytes : new Uint8Array(picture), mime: 'image/jpeg', width: frame.width, height: frame.height } };
  } catch (e) {
    if (e instanceof PictureFault && e.kind === 'unsupported') return no(`the picture ${q} cannot be used: ${e.reason}; ${EDIT_AGAIN}`);
    return no(damagedSentence(q, e instanceof PictureFault ? e.reason : 'it could not be read'));
  }
}

/** Why a file name cannot be a picture's, or undefined if it can. */
export function nameProblem(name: string): string | undefined {
  if (isPictureName(name)) return undefined;
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  const start = `the picture "${name}"`;
  const accepted = 'only PNG (.png) and JPEG (.jpg or .jpeg) pictures and SVG (.svg) drawings can be used';
  if (dot <= 0) return `${start} has no .png, .jpg or .jpeg at the end of its name; ${accepted}, so save it as PNG or JPEG and give its full name in the content`;
  return `${start} is a ${base.slice(dot).toLowerCase()} file; ${accepted}, so open it in a picture editor, save it as PNG, JPEG or SVG and change the name in the content`;
}

/** Why a picture of this many bytes cannot be used, or undefined if it can. */
export function sizeProblem(name: string, size: number, limits: Limits = LIMITS): string | undefined {
  if (size === 0) return `the picture "${name}" is empty (0 bytes); upload the picture again`;
  if (size <= limits.pictureBytes) return undefined;
  return `the picture "${name}" is ${mb(size, 'up')}, more than the ${mb(limits.pictureBytes)} a picture may be; save it smaller (about 2,500 pixels on the longer side is enough for a full page, and a photograph is smaller as JPEG) and upload it again`;
}

function dimensionProblem(q: string, width: number, height: number, limits: Limits): string | undefined {
  const size = `${count(width)} × ${count(height)} pixels`;
  if (width === 0 || height === 0) return `the picture ${q} says it is ${size}, so there is nothing to show; ${EDIT_AGAIN}`;
  if (width > limits.pictureSide || height > limits.pictureSide) {
    return `the picture ${q} is ${size}, and no side of a picture may be more than ${count(limits.pictureSide)} pixels; ${RESIZE}`;
  }
  if (width * height > limits.picturePixels) {
    return `the picture ${q} is ${size} (${megapixels(width * height)}), more than the ${megapixels(limits.picturePixels)} a picture may have; ${RESIZE}`;
  }
  return undefined;
}

const damagedSentence = (q: string, reason: string) => `the picture ${q} is damaged and cannot be read (${reason}); ${EDIT_AGAIN}`;

/**
 * What the first bytes say the file is: 'png', 'jpeg', 'png-mangled', 'unknown', or another
 * format's name for the message ("a GIF picture").
 */
function sniff(b: Buffer): string {
  const ascii = (from: number, to: number) => b.toString('latin1', from, to);
  if (b.length >= 8 && PNG_SIGNATURE.every((x, i) => b[i] === x)) return 'png';
  if (b.length >= 4 && ascii(1, 4) === 'PNG') return 'png-mangled';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (ascii(0, 4) === 'GIF8') return 'a GIF picture';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'a WebP picture';
  if (ascii(0, 2) === 'BM') return 'a BMP picture';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'a TIFF picture';
  if (ascii(4, 8) === 'ftyp') return /avif|avis/.test(ascii(8, 12)) ? 'an AVIF picture' : 'a HEIC picture (as iPhones take)';
  if (ascii(0, 4) === '%PDF') return 'a PDF document';
  if (ascii(0, 2) === 'PK') return 'a zipped file (perhaps a Word or PowerPoint document)';
  if (/^(\uFEFF|\xEF\xBB\xBF)?\s*<(\?xml|svg|!DOCTYPE svg)/i.test(ascii(0, 256))) return 'an SVG drawing';
  return 'unknown';
}

function rename(name: string, ext: string): string {
  return `"${name.slice(0, name.lastIndexOf('.'))}${ext}"`;
}

const count = (n: number) => n.toLocaleString('en-GB');

/** Megabytes of 1,048,576 bytes, as LIMITS counts them; rounded up for sizes, so "over" reads over. */
function mb(bytes: number, round: 'up' | 'near' = 'near'): string {
  const x = bytes / (1024 * 1024);
  const r = round === 'up' ? Math.ceil(x * 10) / 10 : Math.round(x * 10) / 10;
  return `${r.toLocaleString('en-GB')} MB`;
}

/** Rounded up, so a picture just over the budget does not read as equal to it. */
function megapixels(pixels: number): string {
  return `${(Math.ceil(pixels / 100_000) / 10).toLocaleString('en-GB')} megapixels`;
}
