// Rules for pictures (src/pictures/check.ts, src/storage/folder.ts): what is refused and with what
// sentence, what passes and what pdfkit is then given. Small damaged pictures are committed in
// test/fixtures/invalid/pictures (README.md there says how each was made); large ones (bombs,
// pictures at the limits) are made here, because they are megabytes or decompress to gigabytes.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { constants, crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { decode as decodeJpeg, encode as encodeJpeg } from 'jpeg-js';
import pdfmake from 'pdfmake';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../src/limits.ts';
import { checkPicture } from '../src/pictures/check.ts';
import { JPEG_MAX_SCANS } from '../src/pictures/jpeg.ts';
import { folderImageLoader, folderTextLoader } from '../src/storage/folder.ts';

const FIXTURES = 'test/fixtures/invalid/pictures/';
const pixel = readFileSync('test/fixtures/valid/pixel.png');

function problemOf(name: string, bytes: Uint8Array): string {
  const r = checkPicture(name, bytes);
  if (r.ok) throw new Error(`${name} passed`);
  return r.problem;
}
const fixture = (file: string) => problemOf(file, readFileSync(FIXTURES + file));

// --- making pictures -------------------------------------------------------------------------

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
  return out;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

interface PngSpec {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  interlace?: 0 | 1;
  palette?: number[][];
  trns?: number[];
  extra?: Buffer[];
  /** Samples of one pixel, at the picture's depth. */
  sample: (x: number, y: number) => number[];
}

/** Any PNG variant, written sample by sample with filter 0 (small pictures only), or with the given image data. */
function makePng(s: PngSpec, idat?: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(s.width, 0);
  ihdr.writeUInt32BE(s.height, 4);
  ihdr[8] = s.depth;
  ihdr[9] = s.colorType;
  ihdr[12] = s.interlace ?? 0;
  const passes = s.interlace ? [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] : [[0, 0, 1, 1]];
  const rows: Buffer[] = [];
  for (const [x0, y0, dx, dy] of idat ? [] : passes) {
    const xs: number[] = [];
    for (let x = x0; x < s.width; x += dx) xs.push(x);
    if (!xs.length) continue;
    for (let y = y0; y < s.height; y += dy) {
      const row = Buffer.alloc(1 + Math.ceil((xs.length * CHANNELS[s.colorType] * s.depth) / 8));
      let bit = 8;
      for (const x of xs) {
        for (const v of s.sample(x, y)) {
          if (s.depth === 16) row.writeUInt16BE(v, bit / 8);
          else if (s.depth === 8) row[bit / 8] = v;
          else row[bit >> 3] |= v << (8 - s.depth - (bit & 7));
          bit += s.depth;
        }
      }
      rows.push(row);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(s.palette ? [chunk('PLTE', Buffer.from(s.palette.flat()))] : []),
    ...(s.trns ? [chunk('tRNS', Buffer.from(s.trns))] : []),
    ...(s.extra ?? []),
    chunk('IDAT', idat ?? deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A zlib stream of `total` zero bytes without ever holding them: one sync-flushed raw deflate
 * segment of zeros, repeated (its back-references reach only the byte before), then an empty final
 * block and the Adler-32 of all zeros (a stays 1, b is the count).
 */
function zlibZeros(total: number): Buffer {
  const SEG = 3_000_000;
  const seg = (n: number) => deflateRawSync(Buffer.alloc(n), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const whole = seg(SEG);
  const parts = Array<Buffer>(Math.floor(total / SEG)).fill(whole);
  if (total % SEG) parts.push(seg(total % SEG));
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((total % 65521) << 16) | 1) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...parts, Buffer.from([0x03, 0x00]), adler]);
}

/** A grey 8-bit PNG header of this size whose image data is `inflated` zero bytes. */
const zeroPng = (width: number, height: number, inflated = height * (width + 1)) =>
  makePng({ width, height, depth: 8, colorType: 0, sample: () => [0] }, zlibZeros(inflated));

function smallJpeg(width = 16, height = 16): Buffer {
  const px = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) px.set([(i % width) * 8, ((i / width) | 0) * 8, 128, 255], i * 4);
  return encodeJpeg({ width, height, data: px }, 80).data;
}

// --- refusals --------------------------------------------------------------------------------

describe('a picture is refused with a plain-English sentence when', () => {
  it('its name does not end .png, .jpg or .jpeg, saying which formats are accepted', () => {
    const p = problemOf('logo.gif', pixel);
    expect(p).toContain('.gif');
    expect(p).toMatch(/only PNG \(\.png\) and JPEG \(\.jpg or \.jpeg\)/);
    expect(problemOf('logo', pixel)).toMatch(/no \.png, \.jpg or \.jpeg/);
  });

  it('accepts the endings in any case', () => {
    expect(checkPicture('PIXEL.PNG', pixel).ok).toBe(true);
    expect(checkPicture('photo.JPEG', smallJpeg()).ok).toBe(true);
  });

  it('it is a PNG named .jpg, saying what to rename it to', () => {
    expect(fixture('png-named.jpg')).toBe(
      'the picture "png-named.jpg" is a PNG file but its name ends .jpg; rename it to "png-named.png" and change the name in the content',
    );
  });

  it('it is a JPEG named .png, saying what to rename it to', () => {
    expect(fixture('jpeg-named.png')).toMatch(/is a JPEG file but its name ends \.png; rename it to "jpeg-named\.jpg"/);
  });

  it('it is not a picture at all', () => {
    expect(fixture('not-a-picture.png')).toMatch(/"not-a-picture\.png" is not a PNG or JPEG picture/);
  });

  it('it is another kind of picture with a .png name, naming the kind', () => {
    expect(fixture('gif-named.png')).toMatch(/is a GIF picture, not a PNG or JPEG picture; open it in a picture editor/);
  });

  it('it is empty', () => {
    expect(problemOf('empty.png', new Uint8Array(0))).toMatch(/is empty \(0 bytes\)/);
  });

  it('the file is larger than LIMITS.pictureBytes, giving its size and the limit in MB and how to make it smaller', () => {
    const big = Buffer.alloc(LIMITS.pictureBytes + 200 * 1024);
    pixel.copy(big);
    const p = problemOf('big.png', big);
    expect(p).toContain(`${((LIMITS.pictureBytes + 200 * 1024) / 1048576).toFixed(1)} MB, more than the ${LIMITS.pictureBytes / 1048576} MB a picture may be`);
    expect(p).toMatch(/save it smaller/);
  });

  it('its header says it is 0 × 0 pixels', () => {
    expect(fixture('zero-size.png')).toMatch(/says it is 0 × 0 pixels, so there is nothing to show/);
  });

  it('a side is longer than LIMITS.pictureSide (a header claiming 2^31 × 2^31)', () => {
    expect(fixture('huge-dimensions.png')).toContain(
      `is 2,147,483,648 × 2,147,483,648 pixels, and no side of a picture may be more than ${LIMITS.pictureSide.toLocaleString('en-GB')} pixels`,
    );
  });

  it('a decompression bomb (0.9 MB of PNG that inflates to 900 MB) is refused from its header, before decompressing', () => {
    const bomb = zeroPng(30000, 30000);
    expect(bomb.length).toBeGreaterThan(600_000);
    expect(bomb.length).toBeLessThan(LIMITS.pictureBytes);
    expect(problemOf('bomb.png', bomb)).toMatch(/is 30,000 × 30,000 pixels, and no side of a picture may be more than/);
  });

  it('a decompression bomb within the side limit is refused by the pixel budget, before decompressing', () => {
    const side = LIMITS.pictureSide;
    const p = problemOf('bomb.png', zeroPng(side, side));
    expect(p).toContain(`(${((side * side) / 1e6).toLocaleString('en-GB')} megapixels), more than the ${LIMITS.picturePixels / 1e6} megapixels a picture may have`);
  });

  it('a small PNG whose image data inflates to far more than its size needs is refused without inflating it all', () => {
    expect(problemOf('stuffed.png', zeroPng(100, 100, 900_000_000))).toMatch(/damaged and cannot be read \(it holds more picture data than its size needs\)/);
  });

  it('a PNG palette is not a whole number of colours (pdfkit would write a broken colour space)', () => {
    const png = makePng({ width: 2, height: 1, depth: 8, colorType: 3, palette: [[1, 2, 3], [4]], sample: () => [0] });
    expect(problemOf('palette.png', png)).toMatch(/damaged and cannot be read \(its colour palette is malformed\)/);
  });

  it('a checksum (CRC) does not match', () => {
    expect(fixture('bad-crc.png')).toMatch(/"bad-crc\.png" is damaged and cannot be read \(a checksum .*\); open it in a picture editor and save or export it again as PNG or JPEG$/);
  });

  it('its PNG image data is garbage', () => {
    expect(fixture('garbage-idat.png')).toMatch(/"garbage-idat\.png" is damaged and cannot be read \(its picture data is corrupt\)/);
  });

  it('a PNG is cut short', () => {
    expect(fixture('truncated.png')).toMatch(/is damaged and cannot be read \(the file ends too early/);
  });

  it('a JPEG is cut short', () => {
    expect(fixture('truncated.jpg')).toMatch(/"truncated\.jpg" is damaged and cannot be read \(the file ends too early/);
  });

  it('a JPEG has bad Huffman tables', () => {
    expect(fixture('bad-huffman.jpg')).toMatch(/is damaged and cannot be read \(its compression tables are corrupt\)/);
  });

  it('a JPEG is arithmetic-coded, a kind a PDF cannot carry', () => {
    expect(fixture('arithmetic.jpg')).toMatch(/"arithmetic\.jpg" cannot be used: it is saved as arithmetic-coded JPEG/);
  });

  it('a JPEG has 12 bits per colour', () => {
    expect(fixture('twelve-bit.jpg')).toMatch(/cannot be used: it uses 12 bits per colour/);
  });

  it('a JPEG header claims more pixels than the budget, before decoding', () => {
    const b = smallJpeg();
    const sof = b.indexOf(Buffer.from([0xff, 0xc0]));
    b.writeUInt16BE(Math.floor(LIMITS.picturePixels / LIMITS.pictureSide) + 1, sof + 5); // height
    b.writeUInt16BE(LIMITS.pictureSide, sof + 7); // width
    expect(problemOf('wide.jpg', b)).toMatch(new RegExp(`megapixels\\), more than the ${LIMITS.picturePixels / 1e6} megapixels`));
  });

  it(`a JPEG has more than ${JPEG_MAX_SCANS} scans (each one a pass over the whole picture)`, () => {
    const b = smallJpeg();
    const sos = b.indexOf(Buffer.from([0xff, 0xda]));
    const scan = b.subarray(sos, b.length - 2);
    const many = Buffer.concat([b.subarray(0, sos), ...Array(JPEG_MAX_SCANS + 1).fill(scan), b.subarray(b.length - 2)]);
    expect(problemOf('passes.jpg', many)).toMatch(new RegExp(`cannot be used: it is saved in more than ${JPEG_MAX_SCANS} passes`));
  });

  it('no decoder error escapes: every cut and every changed byte of a PNG and a JPEG gives a result, never a stack trace', () => {
    for (const [name, good] of [['p.png', pixel], ['p.jpg', smallJpeg()]] as const) {
      const variants: Buffer[] = [];
      for (let n = 0; n < good.length; n++) variants.push(good.subarray(0, n));
      for (let i = 0; i < good.length; i++) {
        for (const x of [0x00, 0xff, good[i] ^ 0x10]) {
          const b = Buffer.from(good);
          b[i] = x;
          variants.push(b);
        }
      }
      for (const b of variants) {
        const r = checkPicture(name, b);
        if (!r.ok) {
          expect(r.problem).toMatch(/^the picture "p\.(png|jpg)" /);
          expect(r.problem).not.toMatch(/\n|Error|at .*\(|node_modules|undefined|NaN/);
        }
      }
    }
  });
});

// --- what passes -----------------------------------------------------------------------------

describe('a picture that passes', () => {
  it('keeps its bytes, type and size (test/fixtures/valid/pixel.png)', () => {
    const r = checkPicture('pixel.png', pixel);
    expect(r).toEqual({ ok: true, image: { data: pixel, mime: 'image/png', width: 32, height: 20 } });
    if (r.ok) expect(r.image.data).toBe(pixel);
  });

  it('keeps a JPEG as it is, with its size', () => {
    const jpg = smallJpeg(64, 48);
    const r = checkPicture('photo.jpg', jpg);
    expect(r.ok && r.image).toEqual({ data: jpg, mime: 'image/jpeg', width: 64, height: 48 });
  });

  it('a JPEG loses only what follows its end marker (never shown; phones append videos there)', () => {
    const jpg = smallJpeg();
    const r = checkPicture('photo.jpg', Buffer.concat([jpg, Buffer.from('a motion photo video')]));
    expect(r.ok && Buffer.compare(r.image.data, jpg)).toBe(0);
  });

  it('a PNG loses only what follows its end chunk', () => {
    const r = checkPicture('pixel.png', Buffer.concat([pixel, Buffer.from('appended')]));
    expect(r.ok && Buffer.compare(r.image.data, pixel)).toBe(0);
  });

  it('every picture under content/ passes and keeps its size', () => {
    const files = readdirSync('content', { recursive: true, encoding: 'utf8' }).filter((f) => /\.(png|jpe?g)$/i.test(f));
    for (const f of files) {
      const bytes = readFileSync(join('content', f));
      const r = checkPicture(basename(f), bytes);
      expect(r.ok ? '' : r.problem, f).toBe('');
      const size = /\.png$/i.test(f) ? PNG.sync.read(bytes) : decodeJpeg(bytes, { useTArray: true });
      if (r.ok) expect([r.image.width, r.image.height], f).toEqual([size.width, size.height]);
    }
  });

  it('a picture exactly within the pixel budget decodes', () => {
    const width = Math.min(LIMITS.pictureSide, Math.floor(Math.sqrt(LIMITS.picturePixels)));
    const height = Math.floor(LIMITS.picturePixels / width);
    const row = Buffer.alloc(1 + Math.ceil(width / 8), 0x55);
    row[0] = 0;
    const idat = deflateSync(Buffer.concat(Array(height).fill(row)));
    const png = makePng({ width, height, depth: 1, colorType: 0, sample: () => [0] }, idat);
    const r = checkPicture('large.png', png);
    expect(r.ok && [r.image.width, r.image.height]).toEqual([width, height]);
    // One more row is over the budget.
    const over = makePng({ width, height: height + 1, depth: 1, colorType: 0, sample: () => [0] }, idat);
    expect(problemOf('larger.png', over)).toMatch(/megapixels a picture may have/);
  });

  it('gives the same bytes every time for a picture it re-encodes', () => {
    const png = makePng({ ...VARIANTS['rgb8-trns'], width: 8, height: 8 });
    const a = checkPicture('a.png', png);
    const b = checkPicture('a.png', png);
    expect(a.ok && b.ok && Buffer.compare(a.image.data, b.image.data)).toBe(0);
  });
});

// --- what pdfkit is given --------------------------------------------------------------------

const max = (d: number) => (1 << d) - 1;
const PALETTE = Array.from({ length: 16 }, (_, i) => [i * 16, 255 - i * 16, (i * 80) % 256]);
type Variant = Omit<PngSpec, 'width' | 'height'>;
const VARIANTS: Record<string, Variant> = {};
for (const d of [1, 2, 4, 8, 16]) VARIANTS[`grey${d}`] = { depth: d, colorType: 0, sample: (x, y) => [(x + y) % (max(d) + 1)] };
for (const d of [8, 16]) {
  VARIANTS[`rgb${d}`] = { depth: d, colorType: 2, sample: (x, y) => [(x * max(d)) / 7 | 0, (y * max(d)) / 7 | 0, max(d) >> 1] };
  VARIANTS[`greyA${d}`] = { depth: d, colorType: 4, sample: (x, y) => [(x * max(d)) / 7 | 0, (y * max(d)) / 7 | 0] };
  VARIANTS[`rgba${d}`] = { depth: d, colorType: 6, sample: (x, y) => [(x * max(d)) / 7 | 0, 0, max(d), (y * max(d)) / 7 | 0] };
}
for (const d of [1, 2, 4, 8]) {
  const n = Math.min(1 << d, PALETTE.length);
  VARIANTS[`palette${d}`] = { depth: d, colorType: 3, palette: PALETTE.slice(0, n), sample: (x, y) => [(x + y) % n] };
  VARIANTS[`palette${d}-trns`] = { ...VARIANTS[`palette${d}`], trns: [0, 128] };
}
VARIANTS['grey8-trns'] = { depth: 8, colorType: 0, trns: [0, 100], sample: (x, y) => [x === y ? 100 : 30 * x] };
VARIANTS['rgb8-trns'] = { depth: 8, colorType: 2, trns: [0, 10, 0, 20, 0, 30], sample: (x, y) => (x === y ? [10, 20, 30] : [200, 30 * x, 0]) };
VARIANTS['palette8-256-short-trns'] = {
  depth: 8, colorType: 3, palette: Array.from({ length: 256 }, (_, i) => [i, 255 - i, 0]), trns: [0], sample: (x, y) => [x === 7 && y === 7 ? 255 : x + 8 * y + 1],
};
VARIANTS['rgb8-with-suggested-palette'] = { ...VARIANTS.rgb8, palette: [[1, 2, 3], [4, 5, 6]] };
VARIANTS['rgb8-with-200k-text'] = { ...VARIANTS.rgb8, extra: [chunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), Buffer.alloc(200_000, 65)]))] };
for (const name of Object.keys(VARIANTS)) VARIANTS[`${name}-interlaced`] = { ...VARIANTS[name], interlace: 1 };

/**
 * The variants pdfkit 0.19 draws wrongly or crashes on, found by rendering each with poppler
 * (docs/decisions/0005-picture-decoding.md), and 16-bit pictures, which pdfkit draws at a cost in
 * memory that the limits do not allow: these must be re-encoded at 8 bits, and only these.
 */
const REENCODED = /^(grey|palette)[124](-trns)?-interlaced$|^palette[124]-trns|^(grey|rgb)8-trns|^palette8-256-short-trns|^(grey|rgb|greyA|rgba)16/;
/** Kept pixel for pixel, but with chunks pdfkit mishandles taken out. */
const STRIPPED = /^rgb8-with-(suggested-palette|200k-text)/;

function chunkTypes(png: Uint8Array): string[] {
  const b = Buffer.from(png);
  const types: string[] = [];
  for (let pos = 8; pos < b.length; pos += 12 + b.readUInt32BE(pos)) types.push(b.toString('latin1', pos + 4, pos + 8));
  return types;
}

describe('what pdfkit is given', () => {
  const cases = Object.entries(VARIANTS).map(([name, v]) => ({ name, png: makePng({ ...v, width: 8, height: 8 }) }));

  it.each(cases)('a $name PNG passes with the same pixels, in a form pdfkit draws correctly', ({ name, png }) => {
    const r = checkPicture(`${name}.png`, png);
    if (!r.ok) throw new Error(r.problem);
    expect([r.image.mime, r.image.width, r.image.height]).toEqual(['image/png', 8, 8]);
    expect(PNG.sync.read(Buffer.from(r.image.data)).data).toEqual(PNG.sync.read(png).data);
    const out = Buffer.from(r.image.data);
    if (REENCODED.test(name)) {
      // Plain: 8 bits, not interlaced, no transparent colour; alpha only as a channel.
      expect([out[24], out[28]]).toEqual([8, 0]);
      expect([0, 2, 4, 6]).toContain(out[25]);
      expect(chunkTypes(out)).toEqual(['IHDR', 'IDAT', 'IEND']);
    } else if (STRIPPED.test(name)) {
      expect(chunkTypes(out).filter((t) => t !== 'IDAT')).toEqual(['IHDR', 'IEND']);
    } else {
      expect(r.image.data).toBe(png);
    }
  });

  it('pdfmake embeds every picture that passes without an error', async () => {
    const pm = pdfmake as unknown as {
      virtualfs: { writeFileSync(name: string, data: Buffer): void };
      setFonts(f: object): void;
      setUrlAccessPolicy(f: (url: string) => boolean): void;
      setLocalAccessPolicy(f: (path: string) => boolean): void;
      createPdf(def: object): { getBuffer(): Promise<Buffer> };
    };
    pm.setUrlAccessPolicy(() => false);
    pm.setLocalAccessPolicy(() => false);
    pm.virtualfs.writeFileSync('pictures-test.ttf', readFileSync('assets/fonts/AtkinsonHyperlegible-Regular.ttf'));
    pm.setFonts({ T: { normal: 'pictures-test.ttf', bold: 'pictures-test.ttf', italics: 'pictures-test.ttf', bolditalics: 'pictures-test.ttf' } });
    const images = [...cases.map((c) => checkPicture('v.png', c.png)), checkPicture('p.png', pixel), checkPicture('p.jpg', smallJpeg())];
    const content = images.map((r) => {
      if (!r.ok) throw new Error(r.problem);
      return { image: `data:${r.image.mime};base64,${Buffer.from(r.image.data).toString('base64')}`, width: 16 };
    });
    const pdf = await pm.createPdf({ content, defaultStyle: { font: 'T' } }).getBuffer();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const distinct = new Set(content.map((c) => c.image)).size; // pdfmake embeds the same picture once
    expect(pdf.toString('latin1').match(/\/Subtype \/Image/g)?.length).toBeGreaterThanOrEqual(distinct);
  });
});

// --- the local folder ------------------------------------------------------------------------

describe('pictures and files are read only from inside the content file folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'pictures-test-'));
  const folder = join(root, 'content');
  const elsewhere = join(root, 'elsewhere');
  mkdirSync(folder);
  mkdirSync(elsewhere);
  const contentFile = join(folder, 'report.yaml');
  writeFileSync(contentFile, 'kind: report\n');
  writeFileSync(join(folder, 'logo.png'), pixel);
  writeFileSync(join(folder, 'broken.png'), readFileSync(FIXTURES + 'truncated.png'));
  writeFileSync(join(elsewhere, 'secret.png'), pixel);
  writeFileSync(join(elsewhere, 'secret.yaml'), 'kind: report\n');
  writeFileSync(join(folder, 'paper.yaml'), 'kind: report\n');
  symlinkSync(join(elsewhere, 'secret.png'), join(folder, 'outside.png'));
  symlinkSync(join(elsewhere, 'secret.yaml'), join(folder, 'outside.yaml'));
  symlinkSync(join(folder, 'logo.png'), join(folder, 'inside.png'));
  symlinkSync(join(folder, 'gone.png'), join(folder, 'dangling.png'));
  mkdirSync(join(folder, 'folder.png'));
  writeFileSync(join(folder, 'huge.png'), '');
  truncateSync(join(folder, 'huge.png'), LIMITS.pictureBytes + 1); // sparse: nothing is written
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const load = folderImageLoader(contentFile);

  it('a picture beside the content file is loaded and checked', () => {
    expect(load('logo.png')).toEqual({ data: pixel, mime: 'image/png', width: 32, height: 20 });
    expect(load('broken.png')).toEqual({ problem: expect.stringMatching(/"broken\.png" is damaged and cannot be read/) });
  });

  it('a picture that is not there is undefined (the template says it is missing)', () => {
    expect(load('missing.png')).toBeUndefined();
  });

  it('a link to a picture outside the content folder is refused', () => {
    expect(load('outside.png')).toEqual({ problem: 'the picture "outside.png" is a link to a file outside the content folder; copy the picture itself into the folder' });
  });

  it('a link to a picture inside the folder is followed', () => {
    expect(load('inside.png')).toMatchObject({ mime: 'image/png', width: 32, height: 20 });
  });

  it('a link to nothing, a folder, and a name leading outside the folder are each refused with a reason', () => {
    expect(load('dangling.png')).toEqual({ problem: expect.stringMatching(/is a link to a file that is not there/) });
    expect(load('folder.png')).toEqual({ problem: expect.stringMatching(/is a folder or device, not a file/) });
    expect(load('../elsewhere/secret.png')).toEqual({ problem: expect.stringMatching(/is not in the content file's folder/) });
  });

  it('a picture over the size limit is refused from its size, before it is read', () => {
    expect(load('huge.png')).toEqual({ problem: expect.stringMatching(new RegExp(`"huge\\.png" is [\\d.]+ MB, more than the ${LIMITS.pictureBytes / 1048576} MB`)) });
  });

  it('folderTextLoader reads files beside the content file, refuses links to outside it, and says why', () => {
    const refused: string[] = [];
    const text = folderTextLoader(contentFile, (file, problem) => refused.push(`${file}: ${problem}`));
    expect(text('paper.yaml')).toBe('kind: report\n');
    expect(text('outside.yaml')).toBeUndefined();
    expect(text('missing.yaml')).toBeUndefined();
    expect(refused).toEqual(['outside.yaml: the file "outside.yaml" is a link to a file outside the content folder; copy the file itself into the folder']);
    expect(folderTextLoader(contentFile)('outside.yaml')).toBeUndefined();
  });
});
