// SVG drawn as PNG, for formats that need a bitmap beside an SVG picture (DOCX's fallback for
// readers without SVG: LibreOffice, Word 2013, most converters). resvg (Rust, built to
// WebAssembly: the same code on x86-64 and Lambda's arm64, no native build) draws the same SVG
// the PDF and the HTML draw; its WebAssembly arrives in the render context's assets, read at the
// edge, and is compiled once per process. Its output is the same bytes for the same SVG.
// See docs/decisions/0008-docx-pictures-and-contents.md.
import { crc32, deflateSync } from 'node:zlib';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import type { Assets } from '../context.ts';

export interface Png {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Draws SVG as PNG at a width in pixels, or at a multiple of its own size; the height keeps its aspect ratio. */
export type Rasterise = (svg: string, fit: { width: number } | { zoom: number }) => Png;

let ready: Promise<void> | undefined;
/** The same SVG at the same width gives the same PNG: Easy Read repeats its symbols. */
const drawn = new Map<string, Png>();
const KEPT = 256;

/**
 * The rasteriser, once resvg is ready. resvg's WebAssembly can be set up once per process, so
 * the first render's assets set it up; every later one uses it (its bytes do not change).
 */
export async function rasteriser(assets: Assets): Promise<Rasterise> {
  ready ??= initWasm(assets.resvgWasm());
  await ready;
  return (svg, fit) => {
    const key = `${JSON.stringify(fit)}\0${svg}`;
    const hit = drawn.get(key);
    if (hit) return hit;
    // No fonts: the pictures the writers draw this way have no text (chart-svg.ts, the symbols).
    const fitTo = 'width' in fit ? { mode: 'width' as const, value: fit.width } : { mode: 'zoom' as const, value: fit.zoom };
    const r = new Resvg(svg, { fitTo, font: { loadSystemFonts: false } });
    try {
      const img = r.render();
      try {
        const png = { data: encodePng(img.width, img.height, img.pixels), width: img.width, height: img.height };
        if (drawn.size >= KEPT) drawn.delete(drawn.keys().next().value!);
        drawn.set(key, png);
        return png;
      } finally {
        img.free();
      }
    } finally {
      r.free();
    }
  };
}

/**
 * resvg's pixels (premultiplied RGBA) as a PNG, made by Node's zlib: resvg's own encoder
 * compresses at its highest level in WebAssembly, which took most of the time for a picture.
 */
function encodePng(width: number, height: number, premultiplied: Uint8Array): Uint8Array {
  const stride = width * 4 + 1;
  const raw = Buffer.alloc(stride * height); // each row's filter byte stays 0: none
  const aligned = premultiplied.byteOffset % 4 === 0 ? premultiplied : premultiplied.slice();
  const pixels = new Uint32Array(aligned.buffer, aligned.byteOffset, width * height);
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0, o = y * stride + 1; x < width; x++, p++, o += 4) {
      if (pixels[p] === 0) continue; // clear: most of a symbol's square
      const i = p * 4;
      const a = aligned[i + 3];
      raw[o + 3] = a;
      // Straight alpha, rounded as resvg's own encoder rounds it (tiny-skia's demultiply).
      for (let c = 0; c < 3; c++) raw[o + c] = a === 255 ? aligned[i + c] : Math.min(255, Math.floor((aligned[i + c] * 255) / a + 0.5));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bits per channel
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}
