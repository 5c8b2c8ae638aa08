// Measures checkPicture on the costliest pictures LIMITS allows, and on the bombs it must refuse:
// decode time and peak resident memory, each picture checked in a fresh Node process (the figures
// in docs/decisions/0005-picture-decoding.md). The bench (bench.ts) also uses its pictures to time
// whole builds at the limits.
//   npx tsx test/bench/pictures.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { encode as encodeJpeg } from 'jpeg-js';
import { LIMITS } from '../../src/limits.ts';
import { checkPicture } from '../../src/pictures/check.ts';

/** The largest picture within both the pixel budget and the side limit: 8000 × 5000 today. */
const W = Math.min(LIMITS.pictureSide, 8000);
const H = Math.floor(LIMITS.picturePixels / W);

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

function png(width: number, height: number, depth: number, colorType: number, idat: Buffer, opts: { interlace?: number; plte?: Buffer; trns?: Buffer } = {}): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([depth, colorType, 0, 0, opts.interlace ?? 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(opts.plte ? [chunk('PLTE', opts.plte)] : []),
    ...(opts.trns ? [chunk('tRNS', opts.trns)] : []),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Scanlines of a smooth picture: each row a gradient, filtered with Sub so it compresses well. */
function gradientRows(rows: number, bytesPerRow: number, bpp: number): Buffer {
  const row = Buffer.alloc(1 + bytesPerRow);
  row[0] = 1; // Sub: each byte is the difference from the same sample one pixel left
  for (let i = 1 + bpp; i <= bytesPerRow; i += bpp * 64) row[i] = 1;
  return deflateSync(Buffer.concat(Array(rows).fill(row)));
}

/** A zlib stream of `total` zeros, built from one repeated sync-flushed segment (see the test). */
function zlibZeros(total: number): Buffer {
  const SEG = 3_000_000;
  const seg = (n: number) => deflateRawSync(Buffer.alloc(n), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const parts = Array<Buffer>(Math.floor(total / SEG)).fill(seg(SEG));
  if (total % SEG) parts.push(seg(total % SEG));
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((total % 65521) << 16) | 1) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...parts, Buffer.from([0x03, 0x00]), adler]);
}

export const CASES: Record<string, () => Buffer> = {
  [`rgba8-${W}x${H}.png`]: () => png(W, H, 8, 6, gradientRows(H, W * 4, 4)),
  [`rgba16-${W}x${H}.png`]: () => png(W, H, 16, 6, gradientRows(H, W * 8, 8)),
  // Re-encoded (pdfkit cannot draw interlaced 4-bit): decode, then encode again.
  [`palette4-trns-interlaced-${W}x${H}.png`]: () => {
    const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
    const rows = passes.flatMap(([x0, y0, dx, dy]) => {
      const w = Math.ceil((W - x0) / dx);
      const row = Buffer.alloc(1 + Math.ceil(w / 2), 0x12);
      row[0] = 0;
      return Array<Buffer>(Math.ceil((H - y0) / dy)).fill(row);
    });
    const plte = Buffer.from(Array.from({ length: 16 * 3 }, (_, i) => i * 5));
    return png(W, H, 4, 3, deflateSync(Buffer.concat(rows)), { interlace: 1, plte, trns: Buffer.from([0, 128]) });
  },
  [`baseline-444-${W}x${H}.jpg`]: () => {
    const px = Buffer.alloc(W * H * 4);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) px.set([(x * 255) / W, (y * 255) / H, ((x ^ y) & 63) * 4, 255], (y * W + x) * 4);
    }
    return encodeJpeg({ width: W, height: H, data: px }, 85).data; // jpeg-js writes 4:4:4: the most blocks
  },
  'bomb-30000x30000.png': () => png(30000, 30000, 8, 0, zlibZeros(30000 * 30001)),
  [`bomb-${LIMITS.pictureSide}x${LIMITS.pictureSide}.png`]: () => png(LIMITS.pictureSide, LIMITS.pictureSide, 8, 0, zlibZeros(LIMITS.pictureSide * (LIMITS.pictureSide + 1))),
  'stuffed-100x100-inflating-to-900MB.png': () => png(100, 100, 8, 0, zlibZeros(900_000_000)),
};

const [mode, name, file] = process.argv.slice(2);
if (mode === 'make') {
  writeFileSync(file, CASES[name]());
} else if (mode === 'check') {
  const bytes = readFileSync(file);
  const before = process.resourceUsage().maxRSS;
  const start = performance.now();
  const r = checkPicture(name, bytes);
  const ms = performance.now() - start;
  const peak = process.resourceUsage().maxRSS;
  const result = r.ok ? (r.image.data === bytes ? 'passes as it is' : `passes, re-encoded to ${(r.image.data.length / 1048576).toFixed(1)} MB`) : `refused: ${r.problem.replace(/^the picture ".*?" /, '').slice(0, 80)}…`;
  console.log(JSON.stringify({ name, mb: +(bytes.length / 1048576).toFixed(2), ms: Math.round(ms), rssBeforeMb: Math.round(before / 1024), peakRssMb: Math.round(peak / 1024), result }));
} else if (mode === undefined && process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = mkdtempSync(join(tmpdir(), 'picture-measure-'));
  const self = fileURLToPath(import.meta.url);
  const run = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', self, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  console.log(`node ${process.version}, ${process.arch}; LIMITS: ${LIMITS.picturePixels / 1e6} MP, side ${LIMITS.pictureSide}, ${LIMITS.pictureBytes / 1048576} MB`);
  for (const name of Object.keys(CASES)) {
    const file = join(dir, basename(name));
    run('make', name, file);
    process.stdout.write(run('check', name, file));
    rmSync(file);
  }
  rmSync(dir, { recursive: true, force: true });
}
