// PNG pictures: reads the header without decompressing anything, then checks every chunk and the
// whole picture with pngjs, and hands on bytes that pdfkit's own PNG reader (png-js) draws correctly.
// Why each step exists is in docs/decisions/0005-picture-decoding.md.
import { crc32, inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { PictureFault } from './fault.ts';

const damaged = (reason: string) => new PictureFault('damaged', reason);
const ENDS_EARLY = 'the file ends too early; it may not have finished uploading or saving';

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export interface PngHeader {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  interlaced: boolean;
}

/** Samples per pixel of each colour type, and the bit depths the PNG standard allows with it. */
const COLOUR_TYPES: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] }, // grey
  2: { channels: 3, depths: [8, 16] }, // RGB
  3: { channels: 1, depths: [1, 2, 4, 8] }, // palette
  4: { channels: 2, depths: [8, 16] }, // grey + alpha
  6: { channels: 4, depths: [8, 16] }, // RGB + alpha
};

/**
 * The IHDR fields, read from the first 33 bytes. Only the layout is checked here (it must be
 * checked before the size is trusted); its checksum is checked later with every other chunk.
 */
export function readPngHeader(b: Buffer): PngHeader {
  if (b.length < 33) throw damaged(ENDS_EARLY);
  if (b.readUInt32BE(8) !== 13 || b.toString('latin1', 12, 16) !== 'IHDR') throw damaged('it does not start with a picture header');
  const [depth, colorType, compression, filter, interlace] = [b[24], b[25], b[26], b[27], b[28]];
  const type = COLOUR_TYPES[colorType];
  if (!type || !type.depths.includes(depth) || compression !== 0 || filter !== 0 || interlace > 1) {
    throw damaged('its header describes a kind of PNG that does not exist');
  }
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), depth, colorType, interlaced: interlace === 1 };
}

/** Bytes of filtered scanlines the image data must inflate to, exactly (PNG spec §7.2, §8.2). */
export function inflatedSize(h: PngHeader): number {
  const row = (w: number) => 1 + Math.ceil((w * COLOUR_TYPES[h.colorType].channels * h.depth) / 8);
  if (!h.interlaced) return h.height * row(h.width);
  // Adam7: seven passes over sub-grids; an empty pass has no rows at all.
  const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((h.width - x0) / dx);
    const rows = Math.ceil((h.height - y0) / dy);
    if (w > 0 && rows > 0) total += rows * row(w);
  }
  return total;
}

interface Chunk {
  type: string;
  start: number; // offset of the length field
  end: number; // offset after the CRC
  data: Buffer;
}

/** Every chunk up to IEND, each checksum checked. Bytes after IEND are not part of the picture. */
function readChunks(b: Buffer): Chunk[] {
  const chunks: Chunk[] = [];
  let pos = 8;
  for (;;) {
    if (pos + 12 > b.length) throw damaged(ENDS_EARLY);
    const length = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw damaged('its contents are scrambled');
    const end = pos + 12 + length;
    if (end > b.length) throw damaged(ENDS_EARLY);
    if (crc32(b.subarray(pos + 4, end - 4)) >>> 0 !== b.readUInt32BE(end - 4)) {
      throw damaged('a checksum inside the file does not match, so part of it has been changed or lost');
    }
    chunks.push({ type, start: pos, end, data: b.subarray(pos + 8, end - 4) });
    pos = end;
    if (type === 'IEND') break;
  }
  return chunks;
}

/**
 * The chunks we keep: those pdfkit's reader needs. Text is dropped because png-js turns a long
 * tEXt chunk into a "Maximum call stack size exceeded" crash; a suggested palette (PLTE) on an RGB
 * picture is dropped because pdfkit would then draw the RGB samples as palette indices. Colour
 * profiles, gamma and the like are ignored by pdfkit anyway.
 */
function kept(c: Chunk, h: PngHeader): boolean {
  if (c.type === 'PLTE') return h.colorType === 3;
  return c.type === 'IHDR' || c.type === 'tRNS' || c.type === 'IDAT' || c.type === 'IEND';
}

/** How many bytes the zlib stream inflates to; more than `cap` is refused without inflating further. */
function inflatedLength(stream: Buffer, cap: number): number {
  try {
    return inflateSync(stream, { maxOutputLength: cap }).length;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw damaged('it holds more picture data than its size needs');
    if (code === 'Z_BUF_ERROR') throw damaged('its picture data stops part-way');
    throw damaged('its picture data is corrupt');
  }
}

/**
 * Checks a PNG whose header has passed the size limits, and returns the bytes to embed: the
 * original bytes, the same chunks without ancillary ones, or a plain 8-bit re-encoding.
 */
export function checkPngBody(whole: Buffer, header: PngHeader, maxBytes: number): Buffer {
  const chunks = readChunks(whole);
  // Anything after IEND is dropped, as it is never shown (and pngjs refuses it).
  const b = whole.subarray(0, chunks[chunks.length - 1].end);
  const idat = chunks.filter((c) => c.type === 'IDAT');
  if (idat.length === 0) throw damaged('it has no picture data');
  const count = (type: string) => chunks.filter((c) => c.type === type).length;
  if (count('IHDR') !== 1 || count('PLTE') > 1 || count('tRNS') > 1) throw damaged('some of its parts appear twice');
  const plte = chunks.find((c) => c.type === 'PLTE');
  if (header.colorType === 3 && !plte) throw damaged('its colour palette is missing');
  // png-js gives pdfkit length / 3 - 1 as the palette's highest index: it must be a whole number.
  if (plte && (plte.data.length === 0 || plte.data.length % 3 !== 0 || plte.data.length > 768)) throw damaged('its colour palette is malformed');

  // The image data must inflate to exactly the size the header implies. The output is capped at
  // that size, so a small file that inflates to gigabytes stops at the cap. Checked here because
  // pngjs inflates interlaced pictures without a cap, and because pdfkit copies the compressed
  // data into the PDF as it is, where every reader would inflate all of it.
  const expected = inflatedSize(header);
  if (inflatedLength(Buffer.concat(idat.map((c) => c.data)), expected) !== expected) throw damaged('its picture data stops part-way');

  // Full decode: filters, palette indices, transparency; every chunk's checksum again. The pixels
  // are kept only if the picture has to be re-encoded; otherwise 16-bit samples stay unscaled,
  // which saves a copy of the picture in memory.
  const asItIs = drawsCorrectlyInPdfkit(header, chunks);
  let decoded: { width: number; height: number; data: Buffer };
  try {
    decoded = PNG.sync.read(b, { checkCRC: true, skipRescale: asItIs });
  } catch (e) {
    throw damaged(pngjsReason(e));
  }
  if (decoded.width !== header.width || decoded.height !== header.height) throw damaged('its size does not match its header');

  if (asItIs) {
    const keep = chunks.filter((c) => kept(c, header));
    if (keep.length === chunks.length) return b.length === whole.length ? whole : Buffer.from(b);
    return Buffer.concat([b.subarray(0, 8), ...keep.map((c) => b.subarray(c.start, c.end))]);
  }
  const plain = reencode(decoded);
  // What pdfkit gets stays within the upload limit: png-js holds the compressed data as a plain
  // JavaScript array (8 bytes a byte), and the PDF writer passes it as a base64 string.
  if (plain.length > maxBytes) {
    throw new PictureFault(
      'unsupported',
      `it is ${header.interlaced ? 'an interlaced PNG' : 'a PNG with a transparent colour'}, which has to be converted for a PDF, and converted it would be ${(plain.length / 1048576).toFixed(1)} MB, more than the ${maxBytes / 1048576} MB a picture may be; save it as an ordinary${header.interlaced ? ' (not interlaced)' : ''} PNG or as JPEG`,
    );
  }
  return plain;
}

/**
 * pdfkit 0.19's PNG support (png-js 1.1), tested by rendering every variant with poppler: these
 * come out wrong or break the PDF, so they are re-encoded instead of embedded as they are.
 * - interlaced pictures below 8 bits per sample (png-js unpacks whole bytes only);
 * - a transparent colour on grey or RGB pictures (tRNS read as one byte; wrong or invalid /Mask);
 * - palette transparency below 8 bits (alpha read per byte, not per pixel);
 * - palette transparency shorter than a full 256-colour palette (entry 255 becomes transparent);
 * and 16-bit pictures, for the memory pdfkit needs to embed them.
 */
function drawsCorrectlyInPdfkit(h: PngHeader, chunks: Chunk[]): boolean {
  if (h.interlaced && h.depth < 8) return false;
  // 16-bit pictures draw, but pdfkit holds them at 16 bits while it splits off their alpha: a
  // 20 MP one took the build to 1,365 MB (npm run bench). Screens and print show 8 bits.
  if (h.depth === 16) return false;
  const trns = chunks.find((c) => c.type === 'tRNS');
  if (!trns) return true;
  if (h.colorType !== 3 || h.depth !== 8) return false;
  const paletteEntries = (chunks.find((c) => c.type === 'PLTE')?.data.length ?? 0) / 3;
  return paletteEntries < 256 || trns.data.length === 256;
}

/**
 * A plain non-interlaced 8-bit PNG of the decoded pixels: grey or RGB, with alpha only if some
 * pixel is not opaque. Fixed options, so the same picture always gives the same bytes.
 */
function reencode(img: { width: number; height: number; data: Buffer }): Buffer {
  const d = img.data; // RGBA, 8 bits per sample (pngjs scales 16-bit samples down)
  let grey = true;
  let opaque = true;
  for (let i = 0; i < d.length && (grey || opaque); i += 4) {
    if (d[i] !== d[i + 1] || d[i] !== d[i + 2]) grey = false;
    if (d[i + 3] !== 255) opaque = false;
  }
  const colorType = grey ? (opaque ? 0 : 4) : opaque ? 2 : 6;
  // filterType -1 picks the best of the five PNG filters for each row, as libpng does; zlib's
  // default strategy, not pngjs's run-length one, which made a patterned 40 MP picture 35 MB
  // instead of 0.5 MB (a photograph: 2.7 MB instead of 1.6 MB).
  return PNG.sync.write(
    { width: img.width, height: img.height, data: d } as PNG,
    { colorType, inputColorType: 6, inputHasAlpha: true, bitDepth: 8, deflateLevel: 6, deflateStrategy: 0, filterType: -1 },
  );
}

/** pngjs's error messages, in plain English. */
function pngjsReason(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  if (/crc/i.test(m)) return 'a checksum inside the file does not match, so part of it has been changed or lost';
  if (/not in palette|palette/i.test(m)) return 'it uses colours that are not in its colour palette';
  if (/waiting|unexpected end|finished stream/i.test(m)) return 'its picture data stops part-way';
  if (/critical chunk/i.test(m)) return 'it contains a part that PNG readers do not understand';
  return 'its picture data is corrupt'; // bad filter bytes, and anything else
}
