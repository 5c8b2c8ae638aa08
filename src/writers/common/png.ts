// A tiny deterministic PNG rasteriser for charts, used where a format needs a bitmap
// (DOCX's fallback for SVG pictures). Pie and bar shapes only; the data is given as text anyway.
import { deflateSync } from 'node:zlib';
import type { Chart } from '../../model/types.ts';
import { keyColour } from '../../model/chart.ts';

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

export function chartPng(chart: Chart, size: number): { data: Buffer; width: number; height: number } {
  const known = chart.data.map((d, i) => ({ v: d.value ?? 0, rgb: hex(keyColour(i)) })).filter((d) => d.v > 0);
  const width = chart.kind === 'pie' ? size : Math.round(size * 1.6);
  const height = size;
  const px = Buffer.alloc((width * 3 + 1) * height, 255);
  const total = known.reduce((s, d) => s + d.v, 0) || 1;
  const max = Math.max(...known.map((d) => d.v), 1);
  for (let y = 0; y < height; y++) {
    px[y * (width * 3 + 1)] = 0; // filter byte: none
    for (let x = 0; x < width; x++) {
      let rgb: number[] | undefined;
      if (chart.kind === 'pie') {
        const dx = x + 0.5 - size / 2;
        const dy = y + 0.5 - size / 2;
        if (dx * dx + dy * dy <= (size / 2 - 2) ** 2) {
          // Angle from 12 o'clock, clockwise, as the SVG draws it.
          const a = (Math.atan2(dy, dx) + Math.PI / 2 + 2 * Math.PI) % (2 * Math.PI);
          let acc = 0;
          for (const d of known) {
            acc += (d.v / total) * 2 * Math.PI;
            if (a <= acc) {
              rgb = d.rgb;
              break;
            }
          }
          rgb ??= known[known.length - 1]?.rgb;
        }
      } else {
        const bw = width / Math.max(known.length, 1);
        const i = Math.floor(x / bw);
        const d = known[i];
        const inBar = d && x - i * bw >= bw * 0.15 && x - i * bw <= bw * 0.85 && height - y <= (d.v / max) * (height - 4);
        if (inBar) rgb = d.rgb;
      }
      if (rgb) px.set(rgb, y * (width * 3 + 1) + 1 + x * 3);
    }
  }
  return { data: encodePng(width, height, px), width, height };
}

/** A plain square: the bitmap fallback DOCX requires beside an SVG picture. */
export function solidPng(size: number, colour = '#eef3f8'): Buffer {
  const rgb = hex(colour);
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) raw.set(rgb, y * (size * 3 + 1) + 1 + x * 3);
  return encodePng(size, size, raw);
}

function encodePng(width: number, height: number, raw: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return c ^ 0xffffffff;
}
