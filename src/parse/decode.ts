// Turns an uploaded content file's bytes into text, strictly: a file that is not UTF-8 is refused
// with the line where it goes wrong, instead of silently becoming U+FFFD replacement characters.
// A UTF-8 byte-order mark (Windows Notepad writes one) is accepted and dropped.
import { LIMITS } from '../limits.ts';
import type { Problem } from './problems.ts';
import { codePointName } from './characters.ts';

export type Decoded = { ok: true; text: string } | { ok: false; problem: Problem };

const SAVE_AS_UTF8 = 'save it as UTF-8 (in Word or Notepad: Save As, then choose the encoding "UTF-8"; in VS Code: "Save with Encoding", then "UTF-8")';

export function decodeContent(file: string, bytes: Uint8Array, limits = LIMITS): Decoded {
  const at = (line: number, col: number, message: string): Decoded => ({ ok: false, problem: { file, line, col, path: '', message, severity: 'error' } });
  if (bytes.byteLength > limits.contentBytes) {
    return at(1, 1, `the file is ${mb(bytes.byteLength)}, more than the ${mb(limits.contentBytes)} one publication may be; split it into separate publications, or move long appendices into their own files`);
  }
  if (bytes.byteLength === 0) return at(1, 1, 'the file is empty; it needs at least "kind", "id" and "title"');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || looksUtf16(bytes)) {
    return at(1, 1, `the file is saved as UTF-16 ("Unicode"), which this service does not read; ${SAVE_AS_UTF8}`);
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  const bad = firstInvalidUtf8(body);
  if (bad >= 0) {
    const before = new TextDecoder('utf-8').decode(body.subarray(0, bad));
    const line = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    const byte = body[bad].toString(16).toUpperCase().padStart(2, '0');
    return at(line, col, `the file is not saved as UTF-8: the byte 0x${byte} here is not UTF-8 text (files saved as "ANSI", Latin-1 or Windows-1252 do this, often at a letter such as é or a sign such as £); ${SAVE_AS_UTF8}`);
  }
  const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  // Anywhere in the file, even in a comment: YAML forbids them, and they hide text from a reviewer.
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control) {
    const before = text.slice(0, control.index);
    return at(before.split('\n').length, control.index - before.lastIndexOf('\n'), `the file has an invisible control character (${codePointName(control[0])}) here; delete it (such characters often come with text copied from another program)`);
  }
  return { ok: true, text };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** UTF-16 without a byte-order mark: text of ASCII letters with every other byte zero. */
function looksUtf16(b: Uint8Array): boolean {
  const n = Math.min(b.length, 64);
  if (n < 4) return false;
  let zeros = 0;
  for (let i = 0; i < n; i++) if (b[i] === 0) zeros++;
  return zeros >= n / 3;
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    // Lead byte → length and the allowed range of the second byte (rejects overlongs and surrogates).
    let len: number, lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) len = 2;
    else if (c >= 0xe0 && c <= 0xef) [len, lo, hi] = [3, c === 0xe0 ? 0xa0 : 0x80, c === 0xed ? 0x9f : 0xbf];
    else if (c >= 0xf0 && c <= 0xf4) [len, lo, hi] = [4, c === 0xf0 ? 0x90 : 0x80, c === 0xf4 ? 0x8f : 0xbf];
    else return i;
    if (i + len > b.length) return i;
    if (b[i + 1] < lo || b[i + 1] > hi) return i;
    for (let k = 2; k < len; k++) if (b[i + k] < 0x80 || b[i + k] > 0xbf) return i;
    i += len;
  }
  return -1;
}
