// JPEG pictures: walks the file's segments (no decoding) to find the frame header and check the
// structure, then decodes the whole picture with jpeg-js. pdfkit embeds JPEG bytes as they are
// (we cut them at the end marker), so whatever passes here is what every PDF reader will decode.
// Why each step exists is in docs/decisions/0005-picture-decoding.md.
import { decode } from 'jpeg-js';
import type { Limits } from '../limits.ts';
import { PictureFault } from './fault.ts';

const damaged = (reason: string) => new PictureFault('damaged', reason);
const unsupported = (what: string) => new PictureFault('unsupported', what);
const ENDS_EARLY = 'the file ends too early; it may not have finished uploading or saving';

/**
 * Scans (passes) one JPEG may have. Each progressive scan walks the whole picture (about 30 ms at
 * 40 MP in jpeg-js, which also accepts one scan repeated), so a 10 MB file of tiny scans would cost
 * hours, here and in PDF readers. Encoders write 1–4 scans for a baseline JPEG and about 10 for a
 * progressive one; libjpeg-turbo's scan-script reader (jpegtran -scans) takes at most 100. Not in
 * LIMITS because it is a property of the format, not a size a publication could need more of.
 */
export const JPEG_MAX_SCANS = 100;

export interface JpegFrame {
  /** The SOF marker's second byte (0xC0 baseline, 0xC1 extended, 0xC2 progressive, …). */
  sof: number;
  precision: number;
  width: number;
  height: number;
  components: number;
  /** Horizontal and vertical sampling factor of each component. */
  sampling: [number, number][];
}

interface Segment {
  marker: number;
  /** Offsets of the segment's data, after its length field. */
  start: number;
  end: number;
}

/**
 * Walks the segments from SOI, calling `visit` for each one with a length (not for the entropy-coded
 * data after SOS, which is skipped). Stops at EOI, returning the offset after it, or when `visit`
 * returns true; throws a PictureFault if the structure is broken.
 */
function walk(b: Buffer, visit: (s: Segment) => boolean | void): number {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) throw damaged('it does not start like a JPEG');
  let pos = 2;
  for (;;) {
    if (pos >= b.length) throw damaged(ENDS_EARLY);
    if (b[pos] !== 0xff) throw damaged('its contents are scrambled');
    while (b[pos + 1] === 0xff) pos++; // fill bytes before a marker
    if (pos + 1 >= b.length) throw damaged(ENDS_EARLY);
    const marker = b[pos + 1];
    pos += 2;
    if (marker === 0xd9) return pos; // EOI: the offset just after it
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // standalone markers
    if (marker === 0x00 || marker === 0xd8) throw damaged('its contents are scrambled');
    if (pos + 2 > b.length) throw damaged(ENDS_EARLY);
    const length = b.readUInt16BE(pos);
    if (length < 2) throw damaged('its contents are scrambled');
    if (pos + length > b.length) throw damaged(ENDS_EARLY);
    if (visit({ marker, start: pos + 2, end: pos + length })) return pos;
    pos += length;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
      for (;;) {
        const i = b.indexOf(0xff, pos);
        if (i < 0 || i + 1 >= b.length) throw damaged(ENDS_EARLY);
        const next = b[i + 1];
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) pos = i + 2;
        else if (next === 0xff) pos = i + 1;
        else {
          pos = i;
          break;
        }
      }
    }
  }
}

const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** The frame header (size, precision, components), read without touching any picture data. */
export function readJpegFrame(b: Buffer): JpegFrame {
  let frame: JpegFrame | undefined;
  walk(b, ({ marker, start, end }) => {
    if (marker === 0xda) throw damaged('its picture data comes before its header');
    if (!isSof(marker)) return false;
    if (end - start < 6) throw damaged('its header is cut short');
    const components = b[start + 5];
    if (end - start < 6 + 3 * components) throw damaged('its header is cut short');
    const sampling: [number, number][] = [];
    for (let i = 0; i < components; i++) {
      const f = b[start + 7 + 3 * i];
      sampling.push([f >> 4, f & 15]);
    }
    frame = { sof: marker, precision: b[start], height: b.readUInt16BE(start + 1), width: b.readUInt16BE(start + 3), components, sampling };
    return true;
  });
  if (!frame) throw damaged('it has no picture header');
  return frame;
}

const KINDS: Record<number, string> = {
  0xc3: 'lossless JPEG',
  0xc5: 'hierarchical JPEG',
  0xc6: 'hierarchical JPEG',
  0xc7: 'hierarchical lossless JPEG',
  0xc9: 'arithmetic-coded JPEG',
  0xca: 'arithmetic-coded JPEG',
  0xcb: 'arithmetic-coded lossless JPEG',
  0xcd: 'hierarchical arithmetic-coded JPEG',
  0xce: 'hierarchical arithmetic-coded JPEG',
  0xcf: 'hierarchical arithmetic-coded JPEG',
};

/**
 * Checks a JPEG whose frame header has passed the size limits: the kinds of JPEG a PDF can carry,
 * its whole structure, what pdfkit will read from it, then a full decode. Returns the bytes to
 * embed: the picture up to its end marker. Whatever follows it is never shown, and phones put
 * things there (a Samsung "motion photo" appends its video) that should not go into a public PDF.
 */
export function checkJpegBody(b: Buffer, frame: JpegFrame, limits: Limits): Buffer {
  // PDF's DCTDecode is baseline or progressive Huffman-coded JPEG, 8 bits per sample.
  const kind = KINDS[frame.sof];
  if (kind) throw unsupported(`it is saved as ${kind}, which a PDF cannot carry`);
  if (frame.precision !== 8) throw unsupported(`it uses ${frame.precision} bits per colour, which a PDF cannot carry in a JPEG`);
  if (![1, 3, 4].includes(frame.components)) throw damaged(`it has ${frame.components} colour channels, which no ordinary picture has`);
  if (frame.sampling.some(([h, v]) => h < 1 || h > 4 || v < 1 || v > 4)) throw damaged('its header is invalid');

  let frames = 0;
  let scans = 0;
  let adobe = false;
  const end = walk(b, ({ marker, start, end }) => {
    if (marker === 0xcc || marker === 0xc8) throw unsupported('it is saved as arithmetic-coded JPEG, which a PDF cannot carry');
    if (marker >= 0xf0 && marker <= 0xfd) throw unsupported('it is saved as a JPEG extension (such as JPEG-LS), which a PDF cannot carry');
    if (marker === 0xde || marker === 0xdf) throw unsupported('it is saved as hierarchical JPEG, which a PDF cannot carry');
    if (isSof(marker) && ++frames > 1) throw damaged('it holds more than one picture header');
    if (marker === 0xda && ++scans > JPEG_MAX_SCANS) {
      throw unsupported(`it is saved in more than ${JPEG_MAX_SCANS} passes, which makes it very slow to show`);
    }
    if (marker === 0xee && b.toString('latin1', start, Math.min(end, start + 5)) === 'Adobe') adobe = true;
  });
  if (scans === 0) throw damaged('it has no picture data');
  // Four channels are CMYK; pdfkit inverts them as Adobe software writes them. Without Adobe's
  // marker the colours would come out inverted (and jpeg-js refuses to decode it).
  if (frame.components === 4 && !adobe) throw unsupported('it is a CMYK JPEG without the marker that says how to read its colours');

  // pdfkit reads the header itself, more loosely; if it would see another size, the PDF is wrong.
  const seen = pdfkitView(b);
  if (!seen || seen.width !== frame.width || seen.height !== frame.height || seen.bits !== 8 || seen.channels !== frame.components) {
    throw damaged('its header is laid out in a way that PDF software misreads');
  }

  try {
    decode(b, {
      useTArray: true,
      formatAsRGBA: false,
      // By default jpeg-js skips blocks a scan places outside the frame; that is damage.
      tolerantDecoding: false,
      maxResolutionInMP: limits.picturePixels / 1e6,
      maxMemoryUsageInMB: jpegMemoryBudgetMb(limits),
    });
  } catch (e) {
    throw damaged(jpegReason(e));
  }
  return end === b.length ? b : b.subarray(0, end);
}

/**
 * The memory jpeg-js may claim for the largest picture the limits allow, in MB, by its own
 * accounting: per pixel and component a 256-byte coefficient block per 64 pixels plus one byte of
 * decoded lines; then the joined pixels (up to 4 bytes) and the RGB output (3 bytes). With four
 * components that is 27 bytes per pixel; the 10% covers blocks padded out to whole MCUs.
 */
export function jpegMemoryBudgetMb(limits: Limits): number {
  return Math.ceil((limits.picturePixels * (4 * (256 / 64 + 1) + 4 + 3) * 1.1) / (1024 * 1024));
}

/** What pdfkit 0.19's JPEG class reads (its loop copied exactly), or undefined if it would throw. */
function pdfkitView(b: Buffer): { width: number; height: number; bits: number; channels: number } | undefined {
  const MARKERS = [0xffc0, 0xffc1, 0xffc2, 0xffc3, 0xffc5, 0xffc6, 0xffc7, 0xffc8, 0xffc9, 0xffca, 0xffcb, 0xffcc, 0xffcd, 0xffce, 0xffcf];
  try {
    let pos = 2;
    let marker = 0;
    while (pos < b.length) {
      while (pos < b.length && b[pos] !== 0xff) pos++;
      if (pos >= b.length) break;
      marker = b.readUInt16BE(pos);
      pos += 2;
      if (MARKERS.includes(marker)) break;
      pos += b.readUInt16BE(pos);
    }
    if (!MARKERS.includes(marker)) return undefined;
    pos += 2;
    return { bits: b[pos], height: b.readUInt16BE(pos + 1), width: b.readUInt16BE(pos + 3), channels: b[pos + 5] };
  } catch {
    return undefined;
  }
}

/** jpeg-js's error messages, in plain English. */
function jpegReason(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  if (/maxMemoryUsage|allocate enough memory/i.test(m)) return 'it needs more memory to open than a picture of its size should';
  if (/maxResolution/i.test(m)) return 'it has more pixels than its header says';
  if (/huffman/i.test(m)) return 'its compression tables are corrupt';
  if (/marker/i.test(m)) return 'its picture data is corrupt or stops part-way';
  return 'its picture data is corrupt';
}
