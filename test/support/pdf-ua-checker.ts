// Our PDF/UA-1 checker: the machine-checkable requirements of ISO 14289-1 (by the clauses and test
// numbers the veraPDF PDF/UA-1 corpus names its files by, e.g. 7.1-t03-fail-a.pdf), checked on the
// PDF's own objects, plus a few house rules our own PDFs are held to. Returns every failure, each with
// its rule ID. test/pdf-ua-checker.test.ts scores the claimed rules against the corpus files in
// test/fixtures/verapdf/; README "What the PDF/UA checker checks" lists what is and is not checked.
//
// pdfjs-dist reads text, structure tree and outline for the callers (ReadPdf) and for PDF-H12, but it
// does not expose role maps, attributes, the parent tree, annotation and font dictionaries or marked-
// content property lists, so the checks read the objects themselves (the reader below, §7 of ISO 32000-1).
import { inflateSync, constants as zlibConstants } from 'node:zlib';
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readPdf, treeText, type ReadPdf } from './pdf-reader.ts';

export interface Failure {
  rule: string;
  message: string;
}

export interface Rule {
  id: string;
  /** ISO 14289-1 clause. */
  clause: string;
  /** The corpus's test numbers the rule answers for (its files are named `<test>-fail-a.pdf`, `<test>-pass-a.pdf`). */
  tests: string[];
  checks: string;
}

const t = (clause: string, ...n: number[]) => n.map((x) => `${clause}-t${String(x).padStart(2, '0')}`);

/** The PDF/UA-1 rules this checker claims. */
export const RULES: Rule[] = [
  { id: 'PDF-01', clause: '5', tests: t('5', 1, 2, 3, 4, 5), checks: 'the XMP metadata identifies PDF/UA: pdfuaid:part is 1; part, amd and corr use the prefix pdfuaid' },
  { id: 'PDF-02', clause: '6.1', tests: t('6.1', 1), checks: 'the file header is %PDF-1.0 … %PDF-1.7' },
  { id: 'PDF-03', clause: '6.2', tests: t('6.2', 1), checks: 'MarkInfo Marked is true' },
  { id: 'PDF-04', clause: '7.1', tests: t('7.1', 1, 2, 3), checks: 'all content (text, paths, images, shadings, in forms too) is tagged — marked content whose MCID leads through the parent tree to the structure tree — or an Artifact, and never both' },
  { id: 'PDF-05', clause: '7.1', tests: t('7.1', 4), checks: 'MarkInfo Suspects is not true' },
  { id: 'PDF-26', clause: '7.1', tests: t('7.1', 5, 6, 7), checks: 'every non-standard structure type maps to a standard one through the role map; no mapping is circular; no standard type is remapped' },
  { id: 'PDF-07', clause: '7.1', tests: t('7.1', 8, 9), checks: 'the catalog has a Metadata stream (Type /Metadata, Subtype /XML) with a dc:title' },
  { id: 'PDF-08', clause: '7.1', tests: t('7.1', 10), checks: 'ViewerPreferences DisplayDocTitle is true' },
  { id: 'PDF-27', clause: '7.1', tests: t('7.1', 11, 12), checks: 'the catalog has a StructTreeRoot; every structure element has its P (parent)' },
  { id: 'PDF-10', clause: '7.2', tests: t('7.2', 2, 21, 22, 23, 24, 25, 30, 31, 32, 33, 34), checks: "the natural language is determined (the catalog's Lang, or the Lang of the element, its ancestors or marked content) for page text, outline entries, ActualText, Alt and E of elements and Span sequences, annotations' Contents, fields' TU and x-default metadata" },
  { id: 'PDF-24', clause: '7.2', tests: t('7.2', 29), checks: 'every Lang (catalog, structure elements, marked content) is a language tag: 1–8 letters, then subtags of 1–8 letters or digits (RFC 3066, which ISO 32000-1 §14.9.2 names; every well-formed BCP 47 tag has this form)' },
  { id: 'PDF-11', clause: '7.2', tests: t('7.2', 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 36, 37, 38, 39, 41, 42, 43), checks: 'tables: Table holds TR, THead, TBody, TFoot and Caption (one, first or last; at most one THead and one TFoot, and a TBody with them); row groups hold TRs, TRs hold TH and TD; rows and columns agree, spans counted, and no cells overlap' },
  { id: 'PDF-13', clause: '7.2', tests: t('7.2', 17, 18, 19, 20, 40), checks: 'lists: L holds L, LI and Caption (first only); LI is in an L and holds Lbl and LBody; LBody is in an LI' },
  { id: 'PDF-14', clause: '7.2', tests: t('7.2', 26, 27, 28), checks: 'TOCI is in a TOC; TOC holds TOC, TOCI and Caption (first only)' },
  { id: 'PDF-15', clause: '7.3', tests: t('7.3', 1), checks: 'every Figure has a non-empty Alt or an ActualText' },
  { id: 'PDF-16', clause: '7.4.2', tests: t('7.4.2', 1), checks: 'numbered headings start at H1 and never skip a level going down' },
  { id: 'PDF-25', clause: '7.4.4', tests: t('7.4.4', 1, 2, 3), checks: 'no element has two H children; H and H1–H6 are not both used' },
  { id: 'PDF-12', clause: '7.5', tests: t('7.5', 1, 2), checks: 'table headers are determinable: every TH has a Scope, or every TD names known TH IDs in Headers or has a TH with a Scope above it or before it' },
  { id: 'PDF-28', clause: '7.7', tests: t('7.7', 1), checks: 'every Formula has a non-empty Alt or an ActualText' },
  { id: 'PDF-18', clause: '7.9', tests: t('7.9', 1, 2), checks: 'every Note has an ID, and no two share one' },
  { id: 'PDF-29', clause: '7.10', tests: t('7.10', 1, 2), checks: 'every optional content configuration has a Name and no AS' },
  { id: 'PDF-30', clause: '7.11, 7.18.7', tests: [...t('7.11', 1), ...t('7.18.7', 1)], checks: 'every embedded file specification (in attachment annotations too) has non-empty F and UF' },
  { id: 'PDF-31', clause: '7.15', tests: t('7.15', 1), checks: 'no dynamic XFA form (dynamicRender required)' },
  { id: 'PDF-32', clause: '7.16', tests: t('7.16', 1), checks: 'an encrypted file permits content extraction for accessibility (P bit 10)' },
  { id: 'PDF-33', clause: '7.18.1', tests: t('7.18.1', 1, 2, 3), checks: 'annotations other than Widget, Link, PrinterMark and Popup are in an Annot element and have Contents or their element an Alt; widgets have a TU or their element an Alt (hidden and off-page annotations excepted)' },
  { id: 'PDF-39', clause: '7.18.2', tests: t('7.18.2', 1), checks: 'no TrapNet annotations' },
  { id: 'PDF-19', clause: '7.18.3', tests: t('7.18.3', 1), checks: 'every page with annotations has /Tabs /S' },
  { id: 'PDF-34', clause: '7.18.4', tests: t('7.18.4', 1, 2), checks: 'widgets are in a Form element; a Form without a Role attribute holds one widget and nothing else' },
  { id: 'PDF-20', clause: '7.18.5', tests: t('7.18.5', 1, 2), checks: 'link annotations are in a Link element and have Contents' },
  { id: 'PDF-35', clause: '7.18.6.2', tests: t('7.18.6.2', 1, 2), checks: 'media clip data has CT and an Alt of language and non-empty text pairs' },
  { id: 'PDF-40', clause: '7.18.8', tests: t('7.18.8', 1), checks: 'PrinterMark annotations are not in the structure tree' },
  { id: 'PDF-36', clause: '7.20', tests: t('7.20', 1, 2), checks: 'no reference XObjects; a form XObject with StructParents is drawn once' },
  { id: 'PDF-37', clause: '7.21.3', tests: [...t('7.21.3.1', 1), ...t('7.21.3.2', 1), ...t('7.21.3.3', 1, 2, 3)], checks: "composite fonts: the CIDFont's CIDSystemInfo agrees with its CMap's; embedded TrueType CIDFonts have a CIDToGIDMap; CMaps are predefined or embedded, their WMode agrees and they use only predefined CMaps" },
  { id: 'PDF-22', clause: '7.21.4.1, 7.21.7', tests: [...t('7.21.4.1', 1), ...t('7.21.7', 1, 2)], checks: 'fonts used for rendering are embedded; every character code shown maps to Unicode (ToUnicode, a standard encoding or Adobe Glyph List names, or an Adobe CJK collection), never to U+0000, U+FEFF or U+FFFE' },
  { id: 'PDF-38', clause: '7.21.6', tests: t('7.21.6', 1, 2, 3, 4), checks: 'TrueType encodings: non-symbolic fonts use WinAnsiEncoding or MacRomanEncoding, with Differences only of Adobe Glyph List names and a (3,1) cmap; symbolic fonts have no Encoding; the cmap subtables fit' },
];

/** Rules our own PDFs are held to beyond PDF/UA-1 (skipped with `{ house: false }`). */
export const HOUSE_RULES: { id: string; checks: string }[] = [
  { id: 'PDF-H07', checks: 'the document information dictionary has a Title' },
  { id: 'PDF-H10', checks: 'the catalog has a Lang, and every Lang of the catalog and the structure elements is a well-formed BCP 47 tag (RFC 5646 §2.1)' },
  { id: 'PDF-H12', checks: "each page's structure-tree text is the page's tagged text, in order (read with pdfjs-dist)" },
  { id: 'PDF-H15', checks: 'every TH has a Scope of Row, Column or Both (our tables never use Headers and IDs)' },
  { id: 'PDF-23', checks: 'the document has a bookmark outline' },
];

/** The corpus's clauses this checker does not claim, and why. */
export const NOT_CHECKED: { clause: string; tests: string[]; why: string }[] = [
  { clause: '7.21.4.1', tests: t('7.21.4.1', 2), why: 'that embedded fonts define every glyph shown needs the glyph tables of the font programs' },
  { clause: '7.21.4.2', tests: [...t('7.21.4.2', 1, 2)], why: 'that CharSet and CIDSet list the glyphs present needs the Type 1, CFF and TrueType glyph sets' },
  { clause: '7.21.5', tests: t('7.21.5', 1), why: "that widths agree with the font program needs the programs' metrics" },
  { clause: '7.21.8', tests: t('7.21.8', 1), why: 'that no .notdef glyph is shown needs glyph lookup in the font programs' },
];

/**
 * Checks a PDF against the rules above (and, unless `house` is false, the house rules).
 * Also returns the document as pdfjs-dist reads it, for the callers' own checks.
 */
export async function checkPdfUa(bytes: Uint8Array, options: { house?: boolean } = {}): Promise<{ failures: Failure[]; pdf: ReadPdf }> {
  const house = options.house !== false;
  const pdf = await readPdf(bytes);
  let failures: Failure[];
  try {
    failures = checkModel(new Model(bytes), house);
  } catch (e) {
    failures = [{ rule: 'PDF-00', message: `the PDF's objects could not be read: ${String(e)}` }];
  }
  if (house) {
    pdf.text.forEach((text, i) => {
      // PDF-H12: the structure tree's text equals the page's tagged text, in order.
      if (treeText(pdf.trees[i], text.byMcid).join('') !== [...text.byMcid.values()].join('')) failures.push({ rule: 'PDF-H12', message: `page ${i + 1}: structure-tree text is not the page text in order` });
    });
  }
  return { failures, pdf };
}

// ---------------------------------------------------------------------------------------------
// A small reader of PDF objects (ISO 32000-1 §7). Reads cross-reference tables and streams, object
// streams, the usual filters and the standard security handler with an empty user password; falls
// back to scanning for objects when the cross-reference data is broken.
// ---------------------------------------------------------------------------------------------

class Name {
  constructor(readonly name: string) {}
}
class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
class Str {
  constructor(
    public bytes: Uint8Array,
    readonly hex = false,
  ) {}
  get text(): string {
    return decodeText(this.bytes);
  }
}
class Dict {
  constructor(readonly map = new Map<string, Obj>()) {}
  get(key: string): Obj | undefined {
    return this.map.get(key);
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
}
class Stream {
  constructor(
    readonly dict: Dict,
    public raw: Uint8Array,
  ) {}
}
type Obj = null | boolean | number | Name | Str | Ref | Obj[] | Dict | Stream;

const WS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WS[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;
const latin1 = (b: Uint8Array, s = 0, e = b.length) => Buffer.from(b.buffer, b.byteOffset + s, Math.max(0, e - s)).toString('latin1');

// PDFDocEncoding where it differs from Latin-1 (ISO 32000-1 Annex D).
const PDFDOC: Record<number, number> = {
  0x18: 0x2d8, 0x19: 0x2c7, 0x1a: 0x2c6, 0x1b: 0x2d9, 0x1c: 0x2dd, 0x1d: 0x2db, 0x1e: 0x2da, 0x1f: 0x2dc,
  0x80: 0x2022, 0x81: 0x2020, 0x82: 0x2021, 0x83: 0x2026, 0x84: 0x2014, 0x85: 0x2013, 0x86: 0x192, 0x87: 0x2044,
  0x88: 0x2039, 0x89: 0x203a, 0x8a: 0x2212, 0x8b: 0x2030, 0x8c: 0x201e, 0x8d: 0x201c, 0x8e: 0x201d, 0x8f: 0x2018,
  0x90: 0x2019, 0x91: 0x201a, 0x92: 0x2122, 0x93: 0xfb01, 0x94: 0xfb02, 0x95: 0x141, 0x96: 0x152, 0x97: 0x160,
  0x98: 0x178, 0x99: 0x17d, 0x9a: 0x131, 0x9b: 0x142, 0x9c: 0x153, 0x9d: 0x161, 0x9e: 0x17e, 0xa0: 0x20ac,
};
/** A text string (§7.9.2.2): UTF-16BE with its BOM, UTF-8 with its BOM, or PDFDocEncoding. */
function decodeText(b: Uint8Array): string {
  if (b[0] === 0xfe && b[1] === 0xff) {
    let s = '';
    for (let i = 2; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i] << 8) | b[i + 1]);
    return s;
  }
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return Buffer.from(b.subarray(3)).toString('utf8');
  let s = '';
  for (const c of b) s += String.fromCharCode(PDFDOC[c] ?? c);
  return s;
}

const ESCAPES: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
type Tok = { k: 'num'; v: number; int: boolean } | { k: 'name'; v: string } | { k: 'str'; v: Str } | { k: 'kw'; v: string } | { k: 'eof' };

class Lexer {
  constructor(
    readonly b: Uint8Array,
    public p = 0,
  ) {}
  skipWs(): void {
    const b = this.b;
    for (;;) {
      while (this.p < b.length && WS[b[this.p]]) this.p++;
      if (b[this.p] !== 0x25) return;
      while (this.p < b.length && b[this.p] !== 10 && b[this.p] !== 13) this.p++;
    }
  }
  next(): Tok {
    this.skipWs();
    const b = this.b;
    if (this.p >= b.length) return { k: 'eof' };
    const c = b[this.p];
    if (c === 0x2f) {
      // name
      let e = ++this.p;
      while (e < b.length && !WS[b[e]] && !DELIM[b[e]]) e++;
      let s = latin1(b, this.p, e);
      this.p = e;
      if (s.includes('#')) s = s.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      return { k: 'name', v: s };
    }
    if (c === 0x28) return { k: 'str', v: this.literal() };
    if (c === 0x3c) {
      if (b[this.p + 1] === 0x3c) return (this.p += 2), { k: 'kw', v: '<<' };
      return { k: 'str', v: this.hexString() };
    }
    if (c === 0x3e) {
      if (b[this.p + 1] === 0x3e) return (this.p += 2), { k: 'kw', v: '>>' };
      this.p++;
      return { k: 'kw', v: '>' };
    }
    if (DELIM[c]) return this.p++, { k: 'kw', v: String.fromCharCode(c) };
    let e = this.p;
    while (e < b.length && !WS[b[e]] && !DELIM[b[e]]) e++;
    const s = latin1(b, this.p, e);
    this.p = e;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return { k: 'num', v: Number(s), int: /^[+-]?\d+$/.test(s) };
    if (/^[+-]*\d*\.?\d*$/.test(s) && /\d/.test(s)) return { k: 'num', v: parseFloat(s.replace(/^[+-]+/, (m) => m[m.length - 1])) || 0, int: false };
    return { k: 'kw', v: s };
  }
  private literal(): Str {
    const b = this.b;
    const out: number[] = [];
    let depth = 1;
    let i = this.p + 1;
    while (i < b.length) {
      let c = b[i++];
      if (c === 0x5c) {
        c = b[i++];
        if (ESCAPES[c] !== undefined) out.push(ESCAPES[c]);
        else if (c >= 0x30 && c <= 0x37) {
          let v = c - 0x30;
          for (let k = 0; k < 2 && b[i] >= 0x30 && b[i] <= 0x37; k++) v = v * 8 + (b[i++] - 0x30);
          out.push(v & 0xff);
        } else if (c === 13) {
          if (b[i] === 10) i++;
        } else if (c !== 10) out.push(c);
        continue;
      }
      if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) break;
      if (c === 13) {
        if (b[i] === 10) i++;
        c = 10;
      }
      out.push(c);
    }
    this.p = i;
    return new Str(Uint8Array.from(out));
  }
  private hexString(): Str {
    const b = this.b;
    const out: number[] = [];
    let i = this.p + 1, hi = -1;
    for (; i < b.length && b[i] !== 0x3e; i++) {
      const c = b[i];
      const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1;
      if (v < 0) continue;
      if (hi < 0) hi = v;
      else out.push(hi * 16 + v), (hi = -1);
    }
    if (hi >= 0) out.push(hi * 16);
    this.p = i + 1;
    return new Str(Uint8Array.from(out), true);
  }

}

/** Parses one object (resolving nothing). `n g R` becomes a Ref. */
function parseObject(lx: Lexer, tok: Tok = lx.next(), depth = 0): Obj {
  if (depth > 200) return null;
  switch (tok.k) {
    case 'eof':
      return null;
    case 'name':
      return new Name(tok.v);
    case 'str':
      return tok.v;
    case 'num': {
      if (tok.int && tok.v >= 0) {
        const save = lx.p;
        const t2 = lx.next();
        if (t2.k === 'num' && t2.int && t2.v >= 0) {
          const t3 = lx.next();
          if (t3.k === 'kw' && t3.v === 'R') return new Ref(tok.v, t2.v);
        }
        lx.p = save;
      }
      return tok.v;
    }
    case 'kw': {
      if (tok.v === 'true') return true;
      if (tok.v === 'false') return false;
      if (tok.v === '[') {
        const a: Obj[] = [];
        for (;;) {
          const t = lx.next();
          if (t.k === 'eof' || (t.k === 'kw' && (t.v === ']' || t.v === 'endobj' || t.v === '>>'))) break;
          a.push(parseObject(lx, t, depth + 1));
        }
        return a;
      }
      if (tok.v === '<<') {
        const d = new Dict();
        for (;;) {
          const t = lx.next();
          if (t.k === 'eof' || (t.k === 'kw' && (t.v === '>>' || t.v === 'endobj' || t.v === 'stream'))) {
            if (t.k === 'kw' && t.v === 'stream') lx.p -= 6;
            break;
          }
          if (t.k !== 'name') continue;
          const vt = lx.next();
          if (vt.k === 'kw' && vt.v === '>>') {
            d.map.set(t.v, null);
            break;
          }
          d.map.set(t.v, parseObject(lx, vt, depth + 1));
        }
        return d;
      }
      return null;
    }
  }
}

function indexOf(b: Uint8Array, needle: string, from: number): number {
  return Buffer.from(b.buffer, b.byteOffset, b.length).indexOf(needle, from, 'latin1');
}

// ---- filters ----
function inflate(data: Uint8Array): Uint8Array | null {
  for (const attempt of [
    () => inflateSync(data),
    () => inflateSync(data, { finishFlush: zlibConstants.Z_SYNC_FLUSH }),
  ]) {
    try {
      return new Uint8Array(attempt());
    } catch {
      /* next */
    }
  }
  return null;
}
function unpredict(data: Uint8Array, parms: Dict | null, num: (o: Obj | undefined) => number | null): Uint8Array {
  const predictor = num(parms?.get('Predictor')) ?? 1;
  if (predictor < 2) return data;
  const colors = num(parms?.get('Colors')) ?? 1;
  const bpc = num(parms?.get('BitsPerComponent')) ?? 8;
  const columns = num(parms?.get('Columns')) ?? 1;
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLen = Math.ceil((columns * colors * bpc) / 8);
  if (predictor === 2) {
    if (bpc !== 8) return data;
    const out = Uint8Array.from(data);
    for (let r = 0; r * rowLen < out.length; r++) for (let i = r * rowLen + bpp; i < Math.min((r + 1) * rowLen, out.length); i++) out[i] = (out[i] + out[i - bpp]) & 0xff;
    return out;
  }
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = new Uint8Array(rows * rowLen);
  let prev = new Uint8Array(rowLen);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)];
    const row = data.subarray(r * (rowLen + 1) + 1, (r + 1) * (rowLen + 1));
    const cur = new Uint8Array(rowLen);
    for (let i = 0; i < rowLen; i++) {
      const a = i >= bpp ? cur[i - bpp] : 0;
      const up = prev[i];
      const c = i >= bpp ? prev[i - bpp] : 0;
      let v = row[i];
      if (type === 1) v += a;
      else if (type === 2) v += up;
      else if (type === 3) v += (a + up) >> 1;
      else if (type === 4) {
        const p = a + up - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - up), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? up : c;
      }
      cur[i] = v & 0xff;
    }
    out.set(cur, r * rowLen);
    prev = cur;
  }
  return out;
}
function asciiHex(d: Uint8Array): Uint8Array {
  let s = latin1(d);
  const e = s.indexOf('>');
  if (e >= 0) s = s.slice(0, e);
  s = s.replace(/[^0-9a-fA-F]/g, '');
  if (s.length % 2) s += '0';
  return Uint8Array.from(Buffer.from(s, 'hex'));
}
function ascii85(d: Uint8Array): Uint8Array {
  let s = latin1(d).replace(/\s/g, '');
  if (s.startsWith('<~')) s = s.slice(2);
  const e = s.indexOf('~>');
  if (e >= 0) s = s.slice(0, e);
  const out: number[] = [];
  let group: number[] = [];
  const flush = (n: number) => {
    while (group.length < 5) group.push(84);
    let v = 0;
    for (const g of group) v = v * 85 + g;
    const bytes = [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
    out.push(...bytes.slice(0, n));
    group = [];
  };
  for (const ch of s) {
    if (ch === 'z' && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    const c = ch.charCodeAt(0) - 33;
    if (c < 0 || c > 84) continue;
    group.push(c);
    if (group.length === 5) flush(4);
  }
  if (group.length) flush(group.length - 1);
  return Uint8Array.from(out);
}
function lzw(d: Uint8Array, early: number): Uint8Array {
  const out: number[] = [];
  let dict: number[][] = [];
  const reset = () => {
    dict = [];
    for (let i = 0; i < 256; i++) dict.push([i]);
    dict.push([], []);
  };
  reset();
  let bits = 9, buf = 0, nbuf = 0, prev: number[] | null = null;
  for (let i = 0; i < d.length; i++) {
    buf = (buf << 8) | d[i];
    nbuf += 8;
    while (nbuf >= bits) {
      const code = (buf >> (nbuf - bits)) & ((1 << bits) - 1);
      nbuf -= bits;
      if (code === 256) {
        reset();
        bits = 9;
        prev = null;
        continue;
      }
      if (code === 257) return Uint8Array.from(out);
      let entry: number[];
      if (code < dict.length) entry = dict[code];
      else if (prev) entry = [...prev, prev[0]];
      else return Uint8Array.from(out);
      out.push(...entry);
      if (prev) dict.push([...prev, entry[0]]);
      prev = entry;
      if (dict.length + early >= 1 << bits && bits < 12) bits++;
    }
  }
  return Uint8Array.from(out);
}
function runLength(d: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < d.length; ) {
    const n = d[i++];
    if (n === 128) break;
    if (n < 128) {
      for (let k = 0; k <= n && i < d.length; k++) out.push(d[i++]);
    } else {
      const v = d[i++];
      for (let k = 0; k < 257 - n; k++) out.push(v);
    }
  }
  return Uint8Array.from(out);
}

// ---- the standard security handler (§7.6.3), empty user password ----
const PAD = Uint8Array.from([0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a]);
function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
    out[k] = data[k] ^ s[(s[i] + s[j]) & 255];
  }
  return out;
}
const md5 = (...parts: Uint8Array[]) => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
function aesDecrypt(key: Uint8Array, data: Uint8Array, iv?: Uint8Array): Uint8Array {
  try {
    const ivv = iv ?? data.subarray(0, 16);
    const body = iv ? data : data.subarray(16);
    const d = createDecipheriv(key.length === 32 ? 'aes-256-cbc' : 'aes-128-cbc', key, ivv);
    d.setAutoPadding(!iv);
    return new Uint8Array(Buffer.concat([d.update(body), d.final()]));
  } catch {
    return new Uint8Array(0);
  }
}
interface Crypt {
  method: 'rc4' | 'aes' | 'aes256' | 'none';
  key: Uint8Array;
  stringMethod: 'rc4' | 'aes' | 'aes256' | 'none';
  encryptMetadata: boolean;
}
function hash2B(password: Uint8Array, salt: Uint8Array, u: Uint8Array): Uint8Array {
  let k = new Uint8Array(createHash('sha256').update(password).update(salt).update(u).digest());
  for (let round = 0; ; round++) {
    const k1 = Buffer.concat(Array.from({ length: 64 }, () => Buffer.concat([password, k, u])));
    const enc = createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32));
    enc.setAutoPadding(false);
    const e = new Uint8Array(Buffer.concat([enc.update(k1), enc.final()]));
    let sum = 0;
    for (let i = 0; i < 16; i++) sum += e[i];
    const alg = ['sha256', 'sha384', 'sha512'][sum % 3];
    k = new Uint8Array(createHash(alg).update(e).digest());
    if (round >= 63 && e[e.length - 1] <= round - 32) break;
  }
  return k.subarray(0, 32);
}

// ---- the document ----
class CosDoc {
  readonly bytes: Uint8Array;
  trailer: Dict = new Dict();
  private offsets = new Map<number, number>();
  private inStream = new Map<number, [number, number]>();
  private scanned: Map<number, number> | null = null;
  private cache = new Map<number, Obj>();
  private objStms = new Map<number, Map<number, Obj>>();
  private decoded = new WeakMap<Stream, Uint8Array | null>();
  crypt: Crypt | null = null;
  encryptRef: Ref | null = null;
  /** Problems met while reading (broken cross-reference data and the like). */
  readonly notes: string[] = [];

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    try {
      this.readXrefChain();
    } catch (e) {
      this.notes.push(`cross-reference data unreadable: ${String(e)}`);
    }
    this.setUpEncryption();
    if (!(this.get(this.trailer.get('Root')) instanceof Dict)) {
      this.recoverTrailer();
      if (!this.crypt) this.setUpEncryption();
    }
  }

  // -- cross-reference --
  private readXrefChain(): void {
    const tail = latin1(this.bytes, Math.max(0, this.bytes.length - 2048));
    const m = /startxref\s+(\d+)/g;
    let start: number | null = null;
    for (let x; (x = m.exec(tail)); ) start = Number(x[1]);
    if (start === null) throw new Error('no startxref');
    const seen = new Set<number>();
    const trailers: Dict[] = [];
    const queue = [start];
    while (queue.length) {
      const off = queue.shift()!;
      if (seen.has(off) || off >= this.bytes.length) continue;
      seen.add(off);
      const t = this.readXrefSection(off);
      if (!t) continue;
      trailers.push(t);
      const stm = t.get('XRefStm');
      if (typeof stm === 'number') queue.unshift(stm);
      const prev = t.get('Prev');
      if (typeof prev === 'number') queue.push(prev);
    }
    const merged = new Dict();
    for (const t of trailers.reverse()) for (const [k, v] of t.map) merged.map.set(k, v);
    this.trailer = merged;
  }
  private readXrefSection(off: number): Dict | null {
    const lx = new Lexer(this.bytes, off);
    const t = lx.next();
    if (t.k === 'kw' && t.v === 'xref') {
      for (;;) {
        const save = lx.p;
        const a = lx.next();
        if (a.k !== 'num') {
          lx.p = save;
          break;
        }
        const n = lx.next();
        if (n.k !== 'num') break;
        for (let i = 0; i < n.v; i++) {
          const o = lx.next(), g = lx.next(), f = lx.next();
          if (o.k !== 'num' || g.k !== 'num' || f.k !== 'kw') break;
          const num = a.v + i;
          if (f.v === 'n' && !this.offsets.has(num) && !this.inStream.has(num)) this.offsets.set(num, o.v);
          else if (!this.offsets.has(num) && !this.inStream.has(num)) this.offsets.set(num, -1);
        }
      }
      const tr = lx.next();
      if (tr.k === 'kw' && tr.v === 'trailer') {
        const d = parseObject(lx);
        return d instanceof Dict ? d : null;
      }
      return null;
    }
    // a cross-reference stream
    lx.p = off;
    const obj = this.parseIndirectAt(off);
    if (!obj || !(obj.obj instanceof Stream)) return null;
    const s = obj.obj;
    const data = this.decode(s, true);
    if (!data) return null;
    const w = (s.dict.get('W') as number[]) ?? [1, 2, 1];
    const size = (s.dict.get('Size') as number) ?? 0;
    const index = (s.dict.get('Index') as number[]) ?? [0, size];
    const rowLen = w[0] + w[1] + w[2];
    let p = 0;
    const field = (len: number, dflt: number) => {
      if (len === 0) return dflt;
      let v = 0;
      for (let i = 0; i < len; i++) v = v * 256 + data[p++];
      return v;
    };
    for (let k = 0; k + 1 < index.length; k += 2) {
      for (let i = 0; i < index[k + 1]; i++) {
        if (p + rowLen > data.length) break;
        const type = field(w[0], 1), f2 = field(w[1], 0), f3 = field(w[2], 0);
        const num = index[k] + i;
        if (this.offsets.has(num) || this.inStream.has(num)) continue;
        if (type === 1) this.offsets.set(num, f2);
        else if (type === 2) this.inStream.set(num, [f2, f3]);
        else this.offsets.set(num, -1);
      }
    }
    return s.dict;
  }
  private scan(): Map<number, number> {
    if (this.scanned) return this.scanned;
    const map = new Map<number, number>();
    const s = latin1(this.bytes);
    const re = /(?<![0-9])(\d{1,10})[\0\t\n\f\r ]+(\d{1,5})[\0\t\n\f\r ]+obj(?![A-Za-z])/g;
    for (let m; (m = re.exec(s)); ) map.set(Number(m[1]), m.index);
    this.scanned = map;
    return map;
  }
  private recoverTrailer(): void {
    this.notes.push('trailer recovered by scanning the file');
    const s = latin1(this.bytes);
    const i = s.lastIndexOf('trailer');
    if (i >= 0) {
      const d = parseObject(new Lexer(this.bytes, i + 7));
      if (d instanceof Dict && this.get(d.get('Root')) instanceof Dict) {
        this.trailer = d;
        return;
      }
    }
    for (const [num, off] of [...this.scan()].sort((a, b) => b[1] - a[1])) {
      const o = this.parseIndirectAt(off);
      const d = o?.obj instanceof Stream ? o.obj.dict : o?.obj;
      if (d instanceof Dict && d.get('Root') && this.get(d.get('Root')) instanceof Dict) {
        this.trailer = d;
        return;
      }
      if (d instanceof Dict && (d.get('Type') as Name)?.name === 'Catalog') {
        this.trailer = new Dict(new Map<string, Obj>([['Root', new Ref(num, 0)]]));
        return;
      }
    }
  }
  private setUpEncryption(): void {
    const encObj = this.trailer.get('Encrypt');
    if (encObj instanceof Ref) this.encryptRef = encObj;
    const enc = this.get(encObj);
    if (!(enc instanceof Dict)) return;
    const filter = this.get(enc.get('Filter'));
    if (!(filter instanceof Name) || filter.name !== 'Standard') {
      this.notes.push('encrypted with a security handler other than Standard: strings and streams are not decrypted');
      return;
    }
    const num = (k: string) => this.get(enc.get(k)) as number;
    const bytes = (k: string) => (this.get(enc.get(k)) as Str)?.bytes ?? new Uint8Array(0);
    const v = num('V') ?? 0, r = num('R') ?? 2;
    const encryptMetadata = this.get(enc.get('EncryptMetadata')) !== false;
    let method: Crypt['method'] = 'rc4', stringMethod: Crypt['method'] = 'rc4';
    if (v >= 4) {
      const cf = this.get(enc.get('CF'));
      const pick = (k: string): Crypt['method'] => {
        const nm = (this.get(enc.get(k)) as Name)?.name ?? 'Identity';
        if (nm === 'Identity') return 'none';
        const f = cf instanceof Dict ? this.get(cf.get(nm)) : null;
        const cfm = f instanceof Dict ? (this.get(f.get('CFM')) as Name)?.name : 'V2';
        return cfm === 'AESV2' ? 'aes' : cfm === 'AESV3' ? 'aes256' : cfm === 'None' ? 'none' : 'rc4';
      };
      method = pick('StmF');
      stringMethod = pick('StrF');
    }
    let key: Uint8Array;
    if (r >= 5) {
      const u = bytes('U'), ue = bytes('UE');
      const pw = new Uint8Array(0);
      const ik = r === 5 ? new Uint8Array(createHash('sha256').update(pw).update(u.subarray(40, 48)).digest()) : hash2B(pw, u.subarray(40, 48), new Uint8Array(0));
      key = aesDecrypt(ik, ue, new Uint8Array(16));
    } else {
      const length = (num('Length') ?? 40) / 8;
      const id0 = ((this.get(this.trailer.get('ID')) as Obj[]) ?? [])[0];
      const p = num('P') ?? 0;
      const pb = Uint8Array.from([p & 255, (p >> 8) & 255, (p >> 16) & 255, (p >>> 24) & 255]);
      const parts = [PAD, bytes('O').subarray(0, 32), pb, id0 instanceof Str ? id0.bytes : new Uint8Array(0)];
      if (r >= 4 && !encryptMetadata) parts.push(Uint8Array.from([255, 255, 255, 255]));
      key = md5(...parts);
      const n = r === 2 ? 5 : length;
      if (r >= 3) for (let i = 0; i < 50; i++) key = md5(key.subarray(0, n));
      key = key.subarray(0, n);
    }
    this.crypt = { method, stringMethod, key, encryptMetadata };
    // objects read before (the Encrypt dictionary itself) stay as read; nothing else is cached yet
    for (const k of [...this.cache.keys()]) if (k !== this.encryptRef?.num) this.cache.delete(k);
    this.objStms.clear();
  }
  private objectKey(num: number, gen: number, aes: boolean): Uint8Array {
    const k = this.crypt!.key;
    const ext = Uint8Array.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, gen & 255, (gen >> 8) & 255]);
    const h = md5(k, ext, aes ? Uint8Array.from([0x73, 0x41, 0x6c, 0x54]) : new Uint8Array(0));
    return h.subarray(0, Math.min(16, k.length + 5));
  }
  private decryptBytes(data: Uint8Array, num: number, gen: number, method: Crypt['method']): Uint8Array {
    if (method === 'none') return data;
    if (method === 'aes256') return aesDecrypt(this.crypt!.key, data);
    const key = this.objectKey(num, gen, method === 'aes');
    return method === 'aes' ? aesDecrypt(key, data) : rc4(key, data);
  }
  private decryptObj(o: Obj, num: number, gen: number, depth = 0): void {
    if (depth > 100 || !this.crypt) return;
    if (o instanceof Str) o.bytes = this.decryptBytes(o.bytes, num, gen, this.crypt.stringMethod);
    else if (Array.isArray(o)) for (const x of o) this.decryptObj(x, num, gen, depth + 1);
    else if (o instanceof Dict) for (const x of o.map.values()) this.decryptObj(x, num, gen, depth + 1);
    else if (o instanceof Stream) {
      this.decryptObj(o.dict, num, gen, depth + 1);
      const type = (o.dict.get('Type') as Name)?.name;
      if (type === 'XRef') return;
      if (type === 'Metadata' && !this.crypt.encryptMetadata) return;
      o.raw = this.decryptBytes(o.raw, num, gen, this.crypt.method);
    }
  }

  // -- objects --
  private parseIndirectAt(off: number): { num: number; gen: number; obj: Obj } | null {
    const lx = new Lexer(this.bytes, off);
    const a = lx.next(), g = lx.next(), o = lx.next();
    if (a.k !== 'num' || g.k !== 'num' || o.k !== 'kw' || o.v !== 'obj') return null;
    const obj = parseObject(lx);
    const save = lx.p;
    const t = lx.next();
    if (obj instanceof Dict && t.k === 'kw' && t.v === 'stream') {
      let p = lx.p;
      if (this.bytes[p] === 13) p++;
      if (this.bytes[p] === 10) p++;
      let len = obj.get('Length');
      if (len instanceof Ref) len = this.offsets.has(len.num) || this.inStream.has(len.num) || this.scan().has(len.num) ? this.get(len) : null;
      let end = -1;
      if (typeof len === 'number' && len >= 0 && p + len <= this.bytes.length) {
        const after = new Lexer(this.bytes, p + len);
        const e = after.next();
        if (e.k === 'kw' && e.v === 'endstream') end = p + len;
      }
      if (end < 0) {
        const e = indexOf(this.bytes, 'endstream', p);
        end = e < 0 ? this.bytes.length : e;
        if (this.bytes[end - 1] === 10) end--;
        if (this.bytes[end - 1] === 13) end--;
      }
      return { num: a.v, gen: g.v, obj: new Stream(obj, this.bytes.subarray(p, end)) };
    }
    lx.p = save;
    return { num: a.v, gen: g.v, obj };
  }
  private load(num: number): Obj {
    const st = this.inStream.get(num);
    if (st) {
      const o = this.fromObjStm(st[0], num);
      if (o !== undefined) return o;
    }
    let off = this.offsets.get(num);
    let parsed = off !== undefined && off >= 0 ? this.parseIndirectAt(off) : null;
    if (off !== undefined && off >= 0 && (!parsed || parsed.num !== num)) {
      off = this.scan().get(num);
      parsed = off !== undefined ? this.parseIndirectAt(off) : null;
    }
    if (!parsed && off === undefined && !st) {
      off = this.scan().get(num);
      parsed = off !== undefined ? this.parseIndirectAt(off) : null;
      if (!parsed) {
        const o = this.fromAnyObjStm(num);
        if (o !== undefined) return o;
      }
    }
    if (!parsed || parsed.num !== num) return null;
    if (this.crypt && !(this.encryptRef && this.encryptRef.num === num)) this.decryptObj(parsed.obj, parsed.num, parsed.gen);
    return parsed.obj;
  }
  private fromObjStm(stmNum: number, num: number): Obj | undefined {
    let objs = this.objStms.get(stmNum);
    if (!objs) {
      objs = new Map();
      this.objStms.set(stmNum, objs);
      const s = this.get(new Ref(stmNum, 0));
      if (s instanceof Stream) {
        const data = this.decode(s);
        if (data) {
          const n = (this.get(s.dict.get('N')) as number) ?? 0;
          const first = (this.get(s.dict.get('First')) as number) ?? 0;
          const lx = new Lexer(data);
          const heads: [number, number][] = [];
          for (let i = 0; i < n; i++) {
            const a = lx.next(), b = lx.next();
            if (a.k !== 'num' || b.k !== 'num') break;
            heads.push([a.v, b.v]);
          }
          for (const [on, o] of heads) if (!objs.has(on)) objs.set(on, parseObject(new Lexer(data, first + o)));
        }
      }
    }
    return objs.get(num);
  }
  private anyObjStmDone = false;
  private fromAnyObjStm(num: number): Obj | undefined {
    if (!this.anyObjStmDone) {
      this.anyObjStmDone = true;
      for (const [n, off] of this.scan()) {
        const head = latin1(this.bytes, off, Math.min(this.bytes.length, off + 200));
        if (/\/Type\s*\/ObjStm/.test(head) || /\/ObjStm/.test(head)) this.fromObjStm(n, -1);
      }
    }
    for (const objs of this.objStms.values()) if (objs.has(num)) return objs.get(num);
    return undefined;
  }
  /** Resolves a reference (or returns a direct object as it is). */
  get(o: Obj | undefined): Obj {
    let depth = 0;
    while (o instanceof Ref && depth++ < 20) {
      const r: Ref = o;
      if (!this.cache.has(r.num)) {
        this.cache.set(r.num, null);
        this.cache.set(r.num, this.load(r.num));
      }
      o = this.cache.get(r.num)!;
    }
    return o === undefined || o instanceof Ref ? null : o;
  }
  /** The decoded data of a stream, or null when a filter is unknown (images) or broken. */
  decode(s: Stream, raw = false): Uint8Array | null {
    if (this.decoded.has(s)) return this.decoded.get(s)!;
    let data: Uint8Array | null = s.raw;
    const get = raw ? (o: Obj | undefined) => (o === undefined ? null : o) : (o: Obj | undefined) => this.get(o);
    const f = get(s.dict.get('Filter'));
    const filters = (Array.isArray(f) ? f.map((x) => get(x)) : f ? [f] : []).map((x) => (x instanceof Name ? x.name : ''));
    const p = get(s.dict.get('DecodeParms'));
    const parms = Array.isArray(p) ? p.map((x) => get(x)) : [p];
    const num = (o: Obj | undefined) => {
      const v = get(o);
      return typeof v === 'number' ? v : null;
    };
    filters.forEach((name, i) => {
      if (!data) return;
      const parm = parms[i] instanceof Dict ? (parms[i] as Dict) : null;
      if (name === 'FlateDecode' || name === 'Fl') {
        data = inflate(data);
        if (data) data = unpredict(data, parm, num);
      } else if (name === 'LZWDecode' || name === 'LZW') data = unpredict(lzw(data, num(parm?.get('EarlyChange')) ?? 1), parm, num);
      else if (name === 'ASCIIHexDecode' || name === 'AHx') data = asciiHex(data);
      else if (name === 'ASCII85Decode' || name === 'A85') data = ascii85(data);
      else if (name === 'RunLengthDecode' || name === 'RL') data = runLength(data);
      else if (name === 'Crypt') {
        /* identity */
      } else data = null;
    });
    this.decoded.set(s, data);
    return data;
  }
  /** Every object number the file defines (for whole-file scans such as embedded files). */
  allObjectNumbers(): number[] {
    const nums = new Set<number>([...this.offsets.keys(), ...this.inStream.keys(), ...this.scan().keys()]);
    this.fromAnyObjStm(-1);
    for (const objs of this.objStms.values()) for (const n of objs.keys()) nums.add(n);
    return [...nums].sort((a, b) => a - b);
  }
}

// ---------------------------------------------------------------------------------------------
// The document as the checks see it: pages, the structure tree with its role map and parent tree,
// annotations, and the content streams' items with their marked-content context.
// ---------------------------------------------------------------------------------------------

/** Standard structure types of ISO 32000-1 §14.8.4 (the set PDF/UA-1 maps to). */
const STANDARD_TYPES = new Set(
  'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'.split(' '),
);

interface Page {
  dict: Dict;
  index: number;
  resources: Dict | null;
  cropBox: number[];
  annots: Dict[];
}

interface Elem {
  dict: Dict;
  /** The S entry as written. */
  type: string;
  /** The standard type it maps to through the role map, or null. */
  std: string | null;
  parent: Elem | null;
  kids: Kid[];
  /** Default page of the element's marked-content kids. */
  pg: Dict | null;
  lang: string | null;
}
type Kid = { elem: Elem } | { mcid: number; pg: Dict | null; stm: Stream | null } | { objr: Obj; pg: Dict | null };

interface MarkedContent {
  tag: string;
  props: Dict | null;
  mcid: number | null;
  /** The structure element its MCID names (through the parent tree), if any. */
  elem: Elem | null;
  /** The enclosing marked-content sequence (across form XObjects too). */
  parent: MarkedContent | null;
  /** Structure element of the enclosing form XObject's StructParent, if any. */
  formElem: Elem | null;
}
interface ContentItem {
  kind: 'text' | 'path' | 'image' | 'inline-image' | 'shading';
  page: number;
  marks: MarkedContent[];
  /** Structure element of the enclosing form XObject's StructParent, if any. */
  formElem: Elem | null;
  font?: Dict | null;
  codes?: Uint8Array;
  renderMode?: number;
}

class Model {
  readonly cos: CosDoc;
  readonly catalog: Dict;
  readonly pages: Page[] = [];
  readonly structRoot: Dict | null;
  readonly roleMap = new Map<string, string>();
  readonly elems: Elem[] = [];
  readonly elemByDict = new Map<Dict, Elem>();
  /** Parent-tree entries: key → element (annotations, forms) or array of elements by MCID (pages). */
  readonly parentTree = new Map<number, Obj>();
  readonly marks: MarkedContent[] = [];
  readonly items: ContentItem[] = [];
  /** Every Form XObject drawn, with the marked content around each time it is drawn. */
  readonly formUses: { form: Stream; marks: MarkedContent[]; page: number }[] = [];

  constructor(bytes: Uint8Array) {
    this.cos = new CosDoc(bytes);
    const root = this.cos.get(this.cos.trailer.get('Root'));
    this.catalog = root instanceof Dict ? root : new Dict();
    this.readPages();
    const sr = this.dict(this.catalog.get('StructTreeRoot'));
    this.structRoot = sr;
    if (sr) {
      const rm = this.dict(sr.get('RoleMap'));
      if (rm) for (const [k, v] of rm.map) {
        const t = this.get(v);
        if (t instanceof Name) this.roleMap.set(k, t.name);
      }
      this.readNumberTree(sr.get('ParentTree'), this.parentTree);
      this.readElems(sr);
    }
    this.pages.forEach((p) => this.readContent(p));
  }

  get(o: Obj | undefined): Obj {
    return this.cos.get(o);
  }
  dict(o: Obj | undefined): Dict | null {
    const d = this.get(o);
    return d instanceof Dict ? d : d instanceof Stream ? d.dict : null;
  }
  arr(o: Obj | undefined): Obj[] {
    const a = this.get(o);
    return Array.isArray(a) ? a : [];
  }
  name(o: Obj | undefined): string | null {
    const n = this.get(o);
    return n instanceof Name ? n.name : null;
  }
  str(o: Obj | undefined): string | null {
    const s = this.get(o);
    return s instanceof Str ? s.text : null;
  }
  num(o: Obj | undefined): number | null {
    const n = this.get(o);
    return typeof n === 'number' ? n : null;
  }

  /** The standard type a structure type maps to, or null (no mapping, or a cycle). */
  standardType(type: string): string | null {
    const seen = new Set([type]);
    let next = this.roleMap.get(type);
    if ((next === undefined || seen.has(next)) && STANDARD_TYPES.has(type)) return type;
    while (next !== undefined && !seen.has(next)) {
      if (STANDARD_TYPES.has(next)) return next;
      seen.add(next);
      next = this.roleMap.get(next);
    }
    return null;
  }
  circularMapping(type: string): boolean {
    const seen = new Set([type]);
    let next = this.roleMap.get(type);
    while (next !== undefined) {
      if (seen.has(next)) return true;
      seen.add(next);
      next = this.roleMap.get(next);
    }
    return false;
  }

  private readPages(): void {
    const seen = new Set<Dict>();
    const walk = (o: Obj | undefined, inherited: { res: Obj | undefined; crop: Obj | undefined; media: Obj | undefined }, depth: number) => {
      const d = this.dict(o);
      if (!d || seen.has(d) || depth > 64) return;
      seen.add(d);
      const inh = { res: d.get('Resources') ?? inherited.res, crop: d.get('CropBox') ?? inherited.crop, media: d.get('MediaBox') ?? inherited.media };
      const type = this.name(d.get('Type'));
      const kids = this.get(d.get('Kids'));
      if (type === 'Pages' || (type !== 'Page' && Array.isArray(kids))) {
        for (const k of this.arr(d.get('Kids'))) walk(k, inh, depth + 1);
        return;
      }
      const box = (b: Obj | undefined) => this.arr(b).map((x) => this.num(x) ?? 0);
      let crop = box(inh.crop ?? inh.media);
      if (crop.length < 4) crop = [0, 0, 612, 792];
      const annots = this.arr(d.get('Annots')).map((a) => this.dict(a)).filter((a): a is Dict => !!a);
      this.pages.push({ dict: d, index: this.pages.length, resources: this.dict(inh.res), cropBox: crop, annots });
    };
    walk(this.catalog.get('Pages'), { res: undefined, crop: undefined, media: undefined }, 0);
  }

  readNumberTree(o: Obj | undefined, out: Map<number, Obj>, depth = 0, seen = new Set<Dict>()): void {
    const d = this.dict(o);
    if (!d || depth > 32 || seen.has(d)) return;
    seen.add(d);
    const nums = this.arr(d.get('Nums'));
    for (let i = 0; i + 1 < nums.length; i += 2) {
      const k = this.num(nums[i]);
      if (k !== null && !out.has(k)) out.set(k, nums[i + 1]);
    }
    for (const kid of this.arr(d.get('Kids'))) this.readNumberTree(kid, out, depth + 1, seen);
  }

  private readElems(root: Dict): void {
    const visit = (o: Obj | undefined, parent: Elem | null, pg: Dict | null, depth: number): Kid | null => {
      const raw = this.get(o);
      if (typeof raw === 'number') return { mcid: raw, pg, stm: null };
      const d = raw instanceof Dict ? raw : null;
      if (!d) return null;
      const type = this.name(d.get('Type'));
      if (type === 'MCR' || (!d.has('S') && d.has('MCID'))) {
        const stm = this.get(d.get('Stm'));
        return { mcid: this.num(d.get('MCID')) ?? -1, pg: this.dict(d.get('Pg')) ?? pg, stm: stm instanceof Stream ? stm : null };
      }
      if (type === 'OBJR' || (!d.has('S') && d.has('Obj'))) return { objr: d.get('Obj') ?? null, pg: this.dict(d.get('Pg')) ?? pg };
      if (this.elemByDict.has(d) || depth > 256) return null;
      const s = this.name(d.get('S')) ?? '';
      const e: Elem = { dict: d, type: s, std: this.standardType(s), parent, kids: [], pg: this.dict(d.get('Pg')) ?? pg, lang: this.str(d.get('Lang')) };
      this.elemByDict.set(d, e);
      this.elems.push(e);
      const k = this.get(d.get('K'));
      for (const kid of Array.isArray(k) ? k : k === null ? [] : [d.get('K')!]) {
        const kk = visit(kid, e, e.pg, depth + 1);
        if (kk) e.kids.push(kk);
      }
      return { elem: e };
    };
    const k = this.get(root.get('K'));
    for (const kid of Array.isArray(k) ? k : k === null ? [] : [root.get('K')!]) visit(kid, null, null, 0);
  }

  /** Child elements. */
  kidElems(e: Elem): Elem[] {
    return e.kids.flatMap((k) => ('elem' in k ? [k.elem] : []));
  }
  topElems(): Elem[] {
    return this.elems.filter((e) => !e.parent);
  }
  /** The element a parent-tree entry names for an annotation or form (StructParent). */
  elemOfStructParent(key: number | null): Elem | null {
    if (key === null) return null;
    const d = this.dict(this.parentTree.get(key));
    return d ? (this.elemByDict.get(d) ?? null) : null;
  }
  /** The element owning an MCID in the content under the parent-tree key (StructParents). */
  elemOfMcid(key: number | null, mcid: number): Elem | null {
    if (key === null) return null;
    const a = this.arr(this.parentTree.get(key));
    const d = this.dict(a[mcid]);
    return d ? (this.elemByDict.get(d) ?? null) : null;
  }
  /** An element's attribute value: its A dictionaries first, then its classes (§14.7.5). */
  attr(e: Elem, key: string): Obj | undefined {
    const dicts: Dict[] = [];
    for (const a of [this.get(e.dict.get('A'))].flatMap((x) => (Array.isArray(x) ? x : [x]))) {
      const d = this.dict(a);
      if (d) dicts.push(d);
    }
    const classMap = this.dict(this.structRoot?.get('ClassMap'));
    const c = this.get(e.dict.get('C'));
    for (const cn of Array.isArray(c) ? c : [c]) {
      const n = this.name(cn);
      if (!n || !classMap) continue;
      const v = this.get(classMap.get(n));
      for (const x of Array.isArray(v) ? v : [v]) {
        const d = this.dict(x);
        if (d) dicts.push(d);
      }
    }
    for (const d of dicts) if (d.has(key)) return this.get(d.get(key));
    return undefined;
  }
  /** True when the element's parent chain reaches the structure tree root. */
  reachesRoot(e: Elem): boolean {
    const seen = new Set<Dict>();
    let d: Dict | null = e.dict;
    while (d && !seen.has(d)) {
      seen.add(d);
      if (this.name(d.get('Type')) === 'StructTreeRoot' || d === this.structRoot) return true;
      d = this.dict(d.get('P'));
    }
    return false;
  }
  /** Lang of the element or its nearest ancestor with one. */
  inheritedLang(e: Elem | null): string | null {
    const seen = new Set<Elem>();
    for (let x = e; x && !seen.has(x); x = x.parent) {
      seen.add(x);
      if (x.lang !== null) return x.lang;
    }
    return null;
  }

  // -- content streams --
  private readContent(page: Page): void {
    const c = this.get(page.dict.get('Contents'));
    const streams = (Array.isArray(c) ? c.map((x) => this.get(x)) : [c]).filter((s): s is Stream => s instanceof Stream);
    const parts = streams.map((s) => this.cos.decode(s) ?? new Uint8Array(0));
    const total = parts.reduce((n, p) => n + p.length + 1, 0);
    const data = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      data.set(p, o);
      data[o + p.length] = 10;
      o += p.length + 1;
    }
    this.interpret(data, page.resources, page.index, this.num(page.dict.get('StructParents')), [], null, new Set(), 0);
  }

  private interpret(data: Uint8Array, res: Dict | null, page: number, spKey: number | null, outer: MarkedContent[], formElem: Elem | null, forms: Set<Stream>, depth: number): void {
    const lx = new Lexer(data);
    const ops: Obj[] = [];
    const stack: MarkedContent[] = [...outer];
    let gs = { font: null as Dict | null, tr: 0 };
    const saved: (typeof gs)[] = [];
    const resource = (cat: string, n: Obj | undefined) => {
      const nm = n instanceof Name ? n.name : null;
      const r = this.dict(res?.get(cat));
      return nm && r ? r.get(nm) : undefined;
    };
    const item = (kind: ContentItem['kind'], extra: Partial<ContentItem> = {}) => this.items.push({ kind, page, marks: [...stack], formElem, ...extra });
    for (let guard = 0; guard < 5_000_000; guard++) {
      const t = lx.next();
      if (t.k === 'eof') break;
      if (t.k !== 'kw' || t.v === '[' || t.v === '<<') {
        ops.push(parseObject(lx, t));
        if (ops.length > 64) ops.shift();
        continue;
      }
      const op = t.v;
      switch (op) {
        case 'q':
          saved.push({ ...gs });
          break;
        case 'Q':
          gs = saved.pop() ?? gs;
          break;
        case 'Tf':
          gs.font = this.dict(resource('Font', ops[ops.length - 2]));
          break;
        case 'Tr':
          gs.tr = typeof ops[ops.length - 1] === 'number' ? (ops[ops.length - 1] as number) : 0;
          break;
        case 'Tj':
        case "'":
        case '"': {
          const s = ops[ops.length - 1];
          item('text', { font: gs.font, codes: s instanceof Str ? s.bytes : new Uint8Array(0), renderMode: gs.tr });
          break;
        }
        case 'TJ': {
          const a = ops[ops.length - 1];
          const parts = Array.isArray(a) ? a.filter((x): x is Str => x instanceof Str) : [];
          const codes = new Uint8Array(parts.reduce((n, p) => n + p.bytes.length, 0));
          let off = 0;
          for (const p of parts) codes.set(p.bytes, off), (off += p.bytes.length);
          item('text', { font: gs.font, codes, renderMode: gs.tr });
          break;
        }
        case 'S': case 's': case 'f': case 'F': case 'f*': case 'B': case 'B*': case 'b': case 'b*':
          item('path');
          break;
        case 'sh':
          item('shading');
          break;
        case 'BI': {
          // skip the inline image's data: up to whitespace + EI + whitespace
          for (;;) {
            const k = lx.next();
            if (k.k === 'eof' || (k.k === 'kw' && k.v === 'ID')) break;
          }
          let p = lx.p + 1;
          while (p < data.length - 1) {
            if (data[p] === 0x45 && data[p + 1] === 0x49 && (p === 0 || [0, 9, 10, 12, 13, 32].includes(data[p - 1])) && (p + 2 >= data.length || [0, 9, 10, 12, 13, 32].includes(data[p + 2]))) break;
            p++;
          }
          lx.p = p + 2;
          item('inline-image');
          break;
        }
        case 'Do': {
          const xo = this.get(resource('XObject', ops[ops.length - 1]));
          if (!(xo instanceof Stream)) break;
          const sub = this.name(xo.dict.get('Subtype'));
          if (sub === 'Image') item('image');
          else if (sub === 'Form' && !forms.has(xo) && depth < 16) {
            this.formUses.push({ form: xo, marks: [...stack], page });
            const fd = this.cos.decode(xo);
            if (!fd) break;
            const fsp = this.num(xo.dict.get('StructParent'));
            const fsps = this.num(xo.dict.get('StructParents'));
            const inner = new Set(forms).add(xo);
            this.interpret(fd, this.dict(xo.dict.get('Resources')) ?? res, page, fsps ?? spKey, stack, fsp !== null ? this.elemOfStructParent(fsp) : formElem, inner, depth + 1);
          }
          break;
        }
        case 'BMC':
        case 'BDC': {
          const tag = op === 'BMC' ? ops[ops.length - 1] : ops[ops.length - 2];
          let props: Dict | null = null;
          if (op === 'BDC') {
            const p = ops[ops.length - 1];
            props = p instanceof Dict ? p : p instanceof Name ? this.dict(resource('Properties', p)) : null;
          }
          const mcid = props ? this.num(props.get('MCID')) : null;
          const mc: MarkedContent = { tag: tag instanceof Name ? tag.name : '', props, mcid, elem: mcid !== null ? this.elemOfMcid(spKey, mcid) : null, parent: stack[stack.length - 1] ?? null, formElem };
          this.marks.push(mc);
          stack.push(mc);
          break;
        }
        case 'EMC':
          if (stack.length > outer.length) stack.pop();
          break;
      }
      ops.length = 0;
    }
  }
  /** The structure element that content inside these marks belongs to. */
  elemOfMarks(marks: MarkedContent[], formElem: Elem | null): Elem | null {
    for (let i = marks.length - 1; i >= 0; i--) if (marks[i].elem) return marks[i].elem;
    return formElem;
  }
  /** The marks enclosing a marked-content sequence, outermost first, itself last. */
  chain(mc: MarkedContent): MarkedContent[] {
    const out: MarkedContent[] = [];
    for (let m: MarkedContent | null = mc; m && out.length < 256; m = m.parent) out.unshift(m);
    return out;
  }
}



// ---------------------------------------------------------------------------------------------
// The checks.
// ---------------------------------------------------------------------------------------------

// ---- XMP ----
interface XNode {
  ns: string;
  prefix: string;
  local: string;
  attrs: { ns: string; prefix: string; local: string; value: string }[];
  kids: XNode[];
  text: string;
}
const entity = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e],
  );
/** A small namespace-aware XML reader for XMP packets. Returns the document's top elements. */
function parseXml(xml: string): XNode[] {
  const top: XNode[] = [];
  const stack: { node: XNode; ns: Map<string, string> }[] = [];
  const re = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<\/\s*([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (let m; (m = re.exec(xml)); ) {
    const cur = stack[stack.length - 1];
    if (m[1] !== undefined) {
      if (cur) cur.node.text += m[1];
    } else if (m[2] !== undefined) {
      stack.pop();
    } else if (m[3] !== undefined) {
      const ns = new Map(cur?.ns ?? []);
      const raw: [string, string][] = [];
      for (const a of m[4].matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) raw.push([a[1], entity(a[2] ?? a[3] ?? '')]);
      for (const [k, v] of raw) {
        if (k === 'xmlns') ns.set('', v);
        else if (k.startsWith('xmlns:')) ns.set(k.slice(6), v);
      }
      const split = (q: string, attr: boolean) => {
        const i = q.indexOf(':');
        const prefix = i < 0 ? '' : q.slice(0, i);
        return { prefix, local: i < 0 ? q : q.slice(i + 1), ns: prefix === 'xml' ? 'http://www.w3.org/XML/1998/namespace' : attr && !prefix ? '' : (ns.get(prefix) ?? '') };
      };
      const node: XNode = { ...split(m[3], false), attrs: raw.filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:')).map(([k, v]) => ({ ...split(k, true), value: v })), kids: [], text: '' };
      (cur ? cur.node.kids : top).push(node);
      if (!m[5]) stack.push({ node, ns });
    } else if (m[6] !== undefined && cur) cur.node.text += entity(m[6]);
  }
  return top;
}
function* xwalk(nodes: XNode[]): Generator<XNode> {
  for (const n of nodes) {
    yield n;
    yield* xwalk(n.kids);
  }
}
const NS_PDFUAID = 'http://www.aiim.org/pdfua/ns/id/';
const NS_DC = 'http://purl.org/dc/elements/1.1/';
const NS_RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

// ---- language tags ----
/** ISO 32000-1 §14.9.2 names RFC 3066: 1–8 letters, then subtags of 1–8 letters or digits. Every
 * well-formed BCP 47 tag (en-GB, en-us, sr-Latn-RS, zh-Hant-TW, es-419, x-private) has this form. */
export const isLanguageTag = (s: string) => /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/.test(s);
/** A well-formed BCP 47 tag (RFC 5646 §2.1), the stricter form our own PDFs must use. */
export const isBcp47 = (s: string) =>
  /^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?|x(?:-[a-z\d]{1,8})+|en-gb-oed|i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn|tao|tay|tsu)|sgn-(?:be-fr|be-nl|ch-de))$/i.test(s);

function checkModel(m: Model, house: boolean): Failure[] {
  const f: Failure[] = [];
  const fail = (rule: string, message: string) => f.push({ rule, message });
  const once = new Set<string>();
  const failOnce = (rule: string, message: string) => {
    if (!once.has(rule + message)) once.add(rule + message), fail(rule, message);
  };
  const cat = m.catalog;
  const label = (e: Elem) => (e.type === e.std || !e.std ? e.type : `${e.type} (${e.std})`);

  // ---- 5: PDF/UA identification in the XMP metadata ----
  const metaObj = m.get(cat.get('Metadata'));
  const xmpText = metaObj instanceof Stream ? Buffer.from(m.cos.decode(metaObj) ?? []).toString('utf8') : '';
  const xmp = parseXml(xmpText);
  const props = (ns: string, local: string) => {
    const out: { prefix: string; value: string; node?: XNode }[] = [];
    for (const n of xwalk(xmp)) {
      if (n.ns === ns && n.local === local) out.push({ prefix: n.prefix, value: n.text.trim(), node: n });
      for (const a of n.attrs) if (a.ns === ns && a.local === local) out.push({ prefix: a.prefix, value: a.value.trim() });
    }
    return out;
  };
  const part = props(NS_PDFUAID, 'part');
  if (!part.length) fail('PDF-01', 'XMP metadata has no PDF/UA identification (pdfuaid:part)');
  for (const p of part) {
    if (p.value !== '1') fail('PDF-01', `pdfuaid:part is ${JSON.stringify(p.value)}, not 1`);
    if (p.prefix !== 'pdfuaid') fail('PDF-01', `the PDF/UA part property has the prefix ${JSON.stringify(p.prefix)}, not pdfuaid`);
  }
  for (const k of ['amd', 'corr']) for (const p of props(NS_PDFUAID, k)) if (p.prefix !== 'pdfuaid') fail('PDF-01', `the PDF/UA ${k} property has the prefix ${JSON.stringify(p.prefix)}, not pdfuaid`);

  // ---- 6.1, 6.2: header and MarkInfo ----
  const header = Buffer.from(m.cos.bytes.subarray(0, 16)).toString('latin1');
  if (!/^%PDF-1\.[0-7]/.test(header)) fail('PDF-02', 'file header is not %PDF-1.0 … 1.7');
  const markInfo = m.dict(cat.get('MarkInfo'));
  if (m.get(markInfo?.get('Marked')) !== true) fail('PDF-03', 'MarkInfo Marked is not true');

  // ---- 7.1: general ----
  if (m.get(markInfo?.get('Suspects')) === true) fail('PDF-05', 'MarkInfo Suspects is true');
  if (!(metaObj instanceof Stream)) fail('PDF-07', 'the catalog has no Metadata stream');
  else if (m.name(metaObj.dict.get('Type')) !== 'Metadata' || m.name(metaObj.dict.get('Subtype')) !== 'XML') fail('PDF-07', 'the Metadata stream is not Type /Metadata, Subtype /XML');
  if (metaObj instanceof Stream && !props(NS_DC, 'title').length) fail('PDF-07', 'XMP metadata has no dc:title');
  const vp = m.dict(cat.get('ViewerPreferences'));
  if (m.get(vp?.get('DisplayDocTitle')) !== true) fail('PDF-08', 'ViewerPreferences DisplayDocTitle is not true');
  if (!m.structRoot) fail('PDF-27', 'the catalog has no StructTreeRoot');
  for (const e of m.elems) if (!e.dict.has('P')) failOnce('PDF-27', `a ${label(e)} structure element has no P (parent) entry`);

  // role map
  for (const e of m.elems) {
    if (!STANDARD_TYPES.has(e.type) && !e.std) failOnce('PDF-26', `structure type ${e.type} is not mapped to a standard type`);
    if (m.circularMapping(e.type)) failOnce('PDF-26', `the role map maps ${e.type} in a circle`);
    if (STANDARD_TYPES.has(e.type) && m.roleMap.has(e.type)) failOnce('PDF-26', `the standard type ${e.type} is remapped to ${m.roleMap.get(e.type)}`);
  }

  // tagged content and artifacts
  const reaches = new Map<Elem, boolean>();
  const tagged = (e: Elem | null) => {
    if (!e) return false;
    if (!reaches.has(e)) reaches.set(e, m.reachesRoot(e));
    return reaches.get(e)!;
  };
  const markElem = (mc: MarkedContent): Elem | null => {
    for (let x: MarkedContent | null = mc; x; x = x.parent) if (x.elem) return x.elem;
    return mc.formElem;
  };
  let artifactInTagged = 0, taggedInArtifact = 0;
  for (const mc of m.marks) {
    const isTagged = tagged(markElem(mc));
    if (mc.tag === 'Artifact' && isTagged) artifactInTagged++;
    else if (isTagged && m.chain(mc).some((x) => x.tag === 'Artifact')) taggedInArtifact++;
  }
  if (artifactInTagged) fail('PDF-04', `${artifactInTagged} Artifact sequences are inside tagged content`);
  if (taggedInArtifact) fail('PDF-04', `${taggedInArtifact} tagged sequences are inside an Artifact`);
  const loose = new Map<string, number>();
  for (const it of m.items) {
    if (it.marks.some((x) => x.tag === 'Artifact')) continue;
    if (tagged(m.elemOfMarks(it.marks, it.formElem))) continue;
    const k = `page ${it.page + 1}: ${it.kind}`;
    loose.set(k, (loose.get(k) ?? 0) + 1);
  }
  if (loose.size) fail('PDF-04', `content neither tagged nor an Artifact: ${[...loose].slice(0, 4).map(([k, n]) => `${k} ×${n}`).join(', ')}`);

  // ---- 7.2: natural language ----
  const catLangObj = m.get(cat.get('Lang'));
  const catLang = catLangObj instanceof Str;
  const langs: [string, string][] = [];
  if (catLang) langs.push(['the catalog', (catLangObj as Str).text]);
  for (const e of m.elems) if (e.lang !== null) langs.push([`a ${label(e)} element`, e.lang]);
  for (const mc of m.marks) {
    const l = mc.props ? m.get(mc.props.get('Lang')) : null;
    if (l instanceof Str) langs.push([`a ${mc.tag} marked-content sequence`, l.text]);
  }
  for (const [where, l] of langs) if (!isLanguageTag(l)) failOnce('PDF-24', `${where} has Lang ${JSON.stringify(l)}, not a language tag`);
  if (!catLang) {
    const outlines = m.dict(cat.get('Outlines'));
    if (outlines && m.dict(outlines.get('First'))) fail('PDF-10', 'the document has outline entries but no catalog Lang');
    for (const e of m.elems) for (const k of ['ActualText', 'Alt', 'E']) if (e.dict.has(k) && m.inheritedLang(e) === null) failOnce('PDF-10', `the ${k} of a ${label(e)} element has no language (no Lang on it, its ancestors or the catalog)`);
    // An annotation's Contents and a field's TU take the Lang of the element the annotation is in
    // (as the corpus has it: 7.2-t24, 7.2-t25), not of that element's ancestors.
    const ownLang = (sp: number | null) => m.elemOfStructParent(sp)?.lang ?? null;
    for (const p of m.pages) for (const a of p.annots) if (m.str(a.get('Contents')) !== null && ownLang(m.num(a.get('StructParent'))) === null) failOnce('PDF-10', `page ${p.index + 1}: an annotation's Contents has no language (no Lang on its element or the catalog)`);
    for (const fld of formFields(m)) if (m.str(fld.get('TU')) !== null && ownLang(m.num(fld.get('StructParent'))) === null) failOnce('PDF-10', "a form field's TU has no language (no Lang on its Form element or the catalog)");
    const mcLang = (mc: MarkedContent): string | null => {
      for (let x: MarkedContent | null = mc; x; x = x.parent) {
        const l = x.props ? m.str(x.props.get('Lang')) : null;
        if (l !== null) return l;
        const el = x.elem ?? (x.parent ? null : x.formElem);
        const il = m.inheritedLang(el);
        if (il !== null) return il;
      }
      return m.inheritedLang(mc.formElem);
    };
    for (const mc of m.marks) if (mc.tag === 'Span' && mc.props && ['ActualText', 'Alt', 'E'].some((k) => mc.props!.has(k)) && mcLang(mc) === null) failOnce('PDF-10', 'a Span sequence with ActualText, Alt or E has no language');
    let noLang = 0;
    for (const it of m.items) {
      if (it.kind !== 'text') continue;
      const inner = it.marks[it.marks.length - 1];
      const l = inner ? mcLang(inner) : m.inheritedLang(it.formElem);
      if (l === null) noLang++;
    }
    if (noLang) fail('PDF-10', `${noLang} text items have no language (no Lang in the catalog, their structure or marked content)`);
    for (const n of xwalk(xmp)) if (n.ns === NS_RDF && n.local === 'Alt' && n.kids.length > 0 && n.kids.every((li) => li.attrs.some((a) => a.local === 'lang' && a.value === 'x-default'))) {
      failOnce('PDF-10', 'XMP metadata has x-default text but the catalog has no Lang');
    }
  }

  // ---- 7.2: structure of tables, lists, TOCs ----
  const kidStd = (e: Elem) => m.kidElems(e).map((k) => k.std).filter((s): s is string => !!s);
  const parentStd = (e: Elem) => e.parent?.std ?? null;
  for (const e of m.elems) {
    const kids = kidStd(e);
    const count = (t: string) => kids.filter((k) => k === t).length;
    const only = (rule: string, allowed: string[]) => {
      const bad = kids.filter((k) => !allowed.includes(k));
      if (bad.length) failOnce(rule, `${label(e)} contains ${[...new Set(bad)].join(', ')}`);
    };
    const inside = (rule: string, allowed: string[]) => {
      if (!allowed.includes(parentStd(e) ?? '')) failOnce(rule, `${label(e)} is inside ${e.parent ? label(e.parent) : 'the structure tree root'}, not ${allowed.join(' or ')}`);
    };
    switch (e.std) {
      case 'Table':
        only('PDF-11', ['TR', 'THead', 'TBody', 'TFoot', 'Caption']);
        if (count('THead') > 1) failOnce('PDF-11', 'a Table has more than one THead');
        if (count('TFoot') > 1) failOnce('PDF-11', 'a Table has more than one TFoot');
        if ((count('THead') || count('TFoot')) && !count('TBody')) failOnce('PDF-11', 'a Table with THead or TFoot has no TBody');
        if (count('Caption') > 1) failOnce('PDF-11', 'a Table has more than one Caption');
        if (kids.slice(1, -1).includes('Caption')) failOnce('PDF-11', 'a Table has a Caption that is neither its first nor its last kid');
        checkTable(m, e, fail);
        break;
      case 'TR':
        inside('PDF-11', ['Table', 'THead', 'TBody', 'TFoot']);
        only('PDF-11', ['TH', 'TD']);
        break;
      case 'THead':
      case 'TBody':
      case 'TFoot':
        inside('PDF-11', ['Table']);
        only('PDF-11', ['TR']);
        break;
      case 'TH':
      case 'TD':
        inside('PDF-11', ['TR']);
        break;
      case 'L':
        only('PDF-13', ['L', 'LI', 'Caption']);
        if (kids.slice(1).includes('Caption')) failOnce('PDF-13', 'an L has a Caption that is not its first kid');
        break;
      case 'LI':
        inside('PDF-13', ['L']);
        only('PDF-13', ['Lbl', 'LBody']);
        break;
      case 'LBody':
        inside('PDF-13', ['LI']);
        break;
      case 'TOC':
        only('PDF-14', ['TOC', 'TOCI', 'Caption']);
        if (kids.slice(1).includes('Caption')) failOnce('PDF-14', 'a TOC has a Caption that is not its first kid');
        break;
      case 'TOCI':
        inside('PDF-14', ['TOC']);
        break;
    }
  }

  // ---- 7.3, 7.7: figures and formulas ----
  for (const e of m.elems) {
    if (e.std !== 'Figure' && e.std !== 'Formula') continue;
    const alt = m.str(e.dict.get('Alt'));
    if (!alt && m.str(e.dict.get('ActualText')) === null) failOnce(e.std === 'Figure' ? 'PDF-15' : 'PDF-28', `a ${label(e)} has no Alt or ActualText`);
  }

  // ---- 7.4: headings ----
  let last = 0;
  const hn = m.elems.filter((e) => /^H[1-6]$/.test(e.std ?? ''));
  for (const e of hn) {
    const level = Number(e.std!.slice(1));
    if (level > last + 1) failOnce('PDF-16', `heading ${label(e)} follows ${last ? `H${last}` : 'no heading'}`);
    last = level;
  }
  const h = m.elems.filter((e) => e.std === 'H');
  if (h.length && hn.length) fail('PDF-25', `the document uses both H (${h.length}) and H1–H6 (${hn.length})`);
  for (const e of [...m.elems, null]) {
    const kids = e ? kidStd(e) : m.topElems().map((x) => x.std);
    if (kids.filter((k) => k === 'H').length > 1) failOnce('PDF-25', `${e ? label(e) : 'the structure tree root'} has more than one H child`);
  }

  // ---- 7.9: notes ----
  const noteIds: string[] = [];
  for (const e of m.elems) {
    if (e.std !== 'Note') continue;
    const id = m.get(e.dict.get('ID'));
    const s = id instanceof Str ? Buffer.from(id.bytes).toString('latin1') : '';
    if (!s) failOnce('PDF-18', 'a Note has no ID');
    else noteIds.push(s);
  }
  if (new Set(noteIds).size !== noteIds.length) fail('PDF-18', 'two Note elements share an ID');

  // ---- 7.10: optional content ----
  const ocp = m.dict(cat.get('OCProperties'));
  if (ocp) {
    const configs = [ocp.get('D'), ...m.arr(ocp.get('Configs'))].map((c) => m.dict(c)).filter((c): c is Dict => !!c);
    for (const c of configs) {
      if (!m.str(c.get('Name'))) failOnce('PDF-29', 'an optional content configuration has no Name');
      if (c.has('AS')) failOnce('PDF-29', 'an optional content configuration has an AS entry');
    }
  }

  // ---- 7.11: embedded files ----
  for (const fs of fileSpecs(m)) {
    if (!fs.has('EF')) continue;
    if (!m.str(fs.get('F')) || !m.str(fs.get('UF'))) failOnce('PDF-30', 'an embedded file specification lacks a non-empty F or UF');
  }

  // ---- 7.15: XFA ----
  const acro = m.dict(cat.get('AcroForm'));
  const xfa = m.get(acro?.get('XFA'));
  if (xfa) {
    const streams = (Array.isArray(xfa) ? xfa.map((x) => m.get(x)) : [xfa]).filter((x): x is Stream => x instanceof Stream);
    const text = streams.map((s) => Buffer.from(m.cos.decode(s) ?? []).toString('utf8')).join('');
    if (/<dynamicRender\b[^>]*>\s*required\s*<\/dynamicRender\s*>/.test(text)) fail('PDF-31', 'the document is a dynamic XFA form');
  }

  // ---- 7.16: security ----
  const enc = m.dict(m.cos.trailer.get('Encrypt'));
  if (enc) {
    const p = m.num(enc.get('P'));
    if (p === null || (p & 512) !== 512) fail('PDF-32', 'the encryption does not permit assistive technology to extract content (P bit 10)');
  }

  // ---- 7.18: annotations ----
  for (const p of m.pages) {
    const [cx1, cy1, cx2, cy2] = p.cropBox;
    if (p.annots.length && m.name(p.dict.get('Tabs')) !== 'S') fail('PDF-19', `page ${p.index + 1} has annotations but no /Tabs /S`);
    for (const a of p.annots) {
      const sub = m.name(a.get('Subtype')) ?? '';
      const r = m.arr(a.get('Rect')).map((x) => m.num(x) ?? 0);
      const outside = r.length >= 4 && (cy1 >= Math.max(r[1], r[3]) || cx1 >= Math.max(r[0], r[2]) || cy2 <= Math.min(r[1], r[3]) || cx2 <= Math.min(r[0], r[2]));
      const hidden = ((m.num(a.get('F')) ?? 0) & 2) === 2;
      if (outside || hidden) continue;
      const sp = m.num(a.get('StructParent'));
      const el = m.elemOfStructParent(sp);
      const std = el?.std ?? null;
      const contents = m.str(a.get('Contents'));
      const alt = el ? m.str(el.dict.get('Alt')) : null;
      const where = `page ${p.index + 1}: a ${sub} annotation`;
      if (sub === 'Widget') {
        if (std !== 'Form') failOnce('PDF-34', `${where} is not inside a Form element`);
        if (!fieldTU(m, a) && !alt) failOnce('PDF-33', `${where} has no TU and its Form element no Alt`);
        continue;
      }
      if (sub === 'Link') {
        if (std !== 'Link') failOnce('PDF-20', `${where} is not inside a Link element`);
        if (!contents) failOnce('PDF-20', `${where} has no Contents`);
        continue;
      }
      if (sub === 'TrapNet') failOnce('PDF-39', `${where} is not permitted`);
      if (sub === 'PrinterMark') {
        if (sp !== null && el) failOnce('PDF-40', `${where} is in the structure tree (it must be an artifact)`);
        continue;
      }
      if (sub === 'Popup') continue;
      if (std !== 'Annot') failOnce('PDF-33', `${where} is not inside an Annot element`);
      if (!contents && !alt) failOnce('PDF-33', `${where} has no Contents and its element no Alt`);
    }
  }
  // Form elements without a Role attribute have one child: the widget annotation.
  for (const e of m.elems) {
    if (e.std !== 'Form' || m.attr(e, 'Role') !== undefined) continue;
    const objr = e.kids.filter((k) => 'objr' in k);
    if (e.kids.length !== 1 || objr.length !== 1) failOnce('PDF-34', `a Form element without a Role attribute has ${e.kids.length} children, not one widget annotation`);
  }
  // media clips
  for (const d of allDicts(m)) {
    if (m.name(d.get('Type')) !== 'MediaClip' && !(m.name(d.get('S')) === 'MCD' && d.has('D'))) continue;
    if (m.name(d.get('S')) !== 'MCD') continue;
    if (m.str(d.get('CT')) === null) failOnce('PDF-35', 'a media clip data dictionary has no CT');
    const alt = m.get(d.get('Alt'));
    const ok = Array.isArray(alt) && alt.length % 2 === 0 && alt.every((x, i) => { const v = m.get(x); return v instanceof Str && (i % 2 === 0 || v.text !== ''); });
    if (!ok) failOnce('PDF-35', 'a media clip data dictionary has no proper Alt');
  }

  // ---- 7.20: XObjects ----
  const uses = new Map<Stream, number>();
  for (const u of m.formUses) uses.set(u.form, (uses.get(u.form) ?? 0) + 1);
  for (const [form, n] of uses) {
    if (form.dict.has('Ref')) failOnce('PDF-36', 'a reference XObject is used');
    if (form.dict.has('StructParents') && n > 1) failOnce('PDF-36', `a form XObject with StructParents is drawn ${n} times`);
  }

  checkFonts(m, fail);

  if (house) {
    const info = m.dict(m.cos.trailer.get('Info'));
    if (!m.str(info?.get('Title'))) fail('PDF-H07', 'document information has no Title');
    const l = m.str(cat.get('Lang'));
    if (l === null || !isBcp47(l)) fail('PDF-H10', `catalog /Lang is missing or not a well-formed BCP 47 tag (${String(l)})`);
    for (const e of m.elems) if (e.lang !== null && !isBcp47(e.lang)) failOnce('PDF-H10', `a ${label(e)} element's Lang ${JSON.stringify(e.lang)} is not a well-formed BCP 47 tag`);
    const noScope = m.elems.filter((e) => {
      const s = e.std === 'TH' ? m.attr(e, 'Scope') : null;
      return e.std === 'TH' && !(s instanceof Name && ['Row', 'Column', 'Both'].includes(s.name));
    }).length;
    if (noScope) fail('PDF-H15', `${noScope} TH elements have no Scope of Row, Column or Both`);
    const outlines = m.dict(cat.get('Outlines'));
    if (!outlines || !m.dict(outlines.get('First'))) fail('PDF-23', 'no bookmark outline');
  }
  return f;
}

function checkTable(m: Model, table: Elem, fail: (rule: string, message: string) => void): void {
  // rows in order: direct TRs and the TRs of THead, TBody, TFoot
  const rows: Elem[] = [];
  for (const k of m.kidElems(table)) {
    if (k.std === 'TR') rows.push(k);
    else if (k.std === 'THead' || k.std === 'TBody' || k.std === 'TFoot') rows.push(...m.kidElems(k).filter((x) => x.std === 'TR'));
  }
  if (!rows.length) return;
  const span = (e: Elem, k: string) => {
    const v = m.attr(e, k);
    return typeof v === 'number' && v >= 1 ? Math.floor(v) : 1;
  };
  const cellsOf = (r: Elem) => m.kidElems(r).filter((c) => c.std === 'TH' || c.std === 'TD');
  // rows of the table: the first cell of each row, with its row span, sets them
  let nRows = 0;
  for (let i = 0; i < rows.length; i++) {
    const first = cellsOf(rows[i])[0];
    if (!first) continue;
    const rs = span(first, 'RowSpan');
    nRows += rs;
    i += rs - 1;
  }
  const nCols = cellsOf(rows[0]).reduce((n, c) => n + span(c, 'ColSpan'), 0);
  if (!nRows || !nCols) return;
  const grid: (Elem | null)[][] = Array.from({ length: nRows }, () => Array(nCols).fill(null));
  const at = new Map<Elem, [number, number]>();
  for (let r = 0; r < rows.length && r < nRows; r++) {
    let c = 0;
    for (const cell of cellsOf(rows[r])) {
      const cs = span(cell, 'ColSpan'), rs = span(cell, 'RowSpan');
      while (c < nCols && grid[r][c]) c++;
      if (c + cs > nCols) return fail('PDF-11', `table row ${r + 1} has more columns than the first row (${nCols})`);
      if (r + rs > nRows) return fail('PDF-11', `a cell in table row ${r + 1} spans past the table's ${nRows} rows`);
      for (let i = 0; i < rs; i++) for (let j = 0; j < cs; j++) {
        if (grid[r + i][c + j]) return fail('PDF-11', `table cells overlap at row ${r + i + 1}, column ${c + j + 1}`);
        grid[r + i][c + j] = cell;
      }
      at.set(cell, [r, c]);
      c += cs;
    }
  }
  for (let r = 0; r < nRows; r++) {
    const filled = grid[r].filter(Boolean).length;
    if (filled !== nCols) return fail('PDF-11', `table row ${r + 1} has ${filled} columns, not ${nCols}`);
  }
  // 7.5: headers determinable: every TH has a Scope, or every TD finds its headers
  const scope = (e: Elem) => {
    const s = m.attr(e, 'Scope');
    return s instanceof Name ? s.name : null;
  };
  const ths = [...at.keys()].filter((c) => c.std === 'TH');
  if (ths.every((t) => scope(t) !== null)) return;
  const ids = new Set(ths.map((t) => m.get(t.dict.get('ID'))).filter((x): x is Str => x instanceof Str).map((x) => Buffer.from(x.bytes).toString('latin1')));
  const headerAt = (r: number, c: number, want: string) => {
    const x = grid[r][c];
    const s = x && x.std === 'TH' ? scope(x) : null;
    return s === 'Both' || s === want;
  };
  for (const [cell, [r0, c0]] of at) {
    if (cell.std !== 'TD') continue;
    const headers = m.attr(cell, 'Headers');
    const list = Array.isArray(headers) ? headers.map((x) => m.get(x)).filter((x): x is Str => x instanceof Str).map((x) => Buffer.from(x.bytes).toString('latin1')) : [];
    if (list.length && list.every((h) => ids.has(h))) continue;
    const rs = span(cell, 'RowSpan'), cs = span(cell, 'ColSpan');
    let found = false;
    for (let c = c0; c < c0 + cs && !found; c++) {
      let seenTh = false;
      for (let r = r0 - 1; r >= 0; r--) {
        if (headerAt(r, c, 'Column')) { found = true; break; }
        if (grid[r][c]?.std === 'TH') seenTh = true;
        else if (seenTh) break;
      }
    }
    for (let r = r0; r < r0 + rs && !found; r++) {
      let seenTh = false;
      for (let c = c0 - 1; c >= 0; c--) {
        if (headerAt(r, c, 'Row')) { found = true; break; }
        if (grid[r][c]?.std === 'TH') seenTh = true;
        else if (seenTh) break;
      }
    }
    if (!found) {
      const unknown = list.filter((h) => !ids.has(h));
      return fail('PDF-12', unknown.length ? `a TD's Headers name unknown IDs (${unknown.join(', ')})` : `a TD at row ${r0 + 1}, column ${c0 + 1} has no header: no Headers, and no TH with a Scope in its row or column`);
    }
  }
}

function formFields(m: Model): Dict[] {
  const out: Dict[] = [];
  const seen = new Set<Dict>();
  const walk = (o: Obj | undefined, depth: number) => {
    const d = m.dict(o);
    if (!d || seen.has(d) || depth > 32) return;
    seen.add(d);
    out.push(d);
    for (const k of m.arr(d.get('Kids'))) walk(k, depth + 1);
  };
  for (const f of m.arr(m.dict(m.catalog.get('AcroForm'))?.get('Fields'))) walk(f, 0);
  return out;
}
function fieldTU(m: Model, widget: Dict): string | null {
  // A widget that is a kid of its field (no T of its own) takes the field's TU.
  const field = widget.has('Parent') && !widget.has('T') ? m.dict(widget.get('Parent')) : widget;
  const seen = new Set<Dict>();
  for (let d: Dict | null = field; d && !seen.has(d); d = m.dict(d.get('Parent'))) {
    seen.add(d);
    const tu = m.str(d.get('TU'));
    if (tu) return tu;
  }
  return null;
}
/** Every dictionary in the file (indirect objects and the dictionaries nested in them). */
const allDictsCache = new WeakMap<Model, Dict[]>();
function allDicts(m: Model): Dict[] {
  const cached = allDictsCache.get(m);
  if (cached) return cached;
  const out: Dict[] = [];
  const seen = new Set<unknown>();
  const walk = (o: Obj, depth: number) => {
    if (depth > 50 || o === null || typeof o !== 'object' || o instanceof Ref || o instanceof Name || o instanceof Str || seen.has(o)) return;
    seen.add(o);
    if (Array.isArray(o)) for (const x of o) walk(x, depth + 1);
    else if (o instanceof Stream) walk(o.dict, depth + 1);
    else if (o instanceof Dict) {
      out.push(o);
      for (const x of o.map.values()) walk(x, depth + 1);
    }
  };
  for (const n of m.cos.allObjectNumbers()) walk(m.get(new Ref(n, 0)), 0);
  allDictsCache.set(m, out);
  return out;
}
function fileSpecs(m: Model): Dict[] {
  return allDicts(m).filter((d) => d.has('EF') || m.name(d.get('Type')) === 'Filespec');
}

// ---- 7.21: fonts ----
interface CMapData {
  ranges: { lo: number; hi: number; len: number }[];
  map: Map<string, string>;
}
/** Reads a CMap's code space ranges and (for ToUnicode CMaps) its bfchar and bfrange mappings. */
function parseCMap(data: Uint8Array): CMapData {
  const lx = new Lexer(data);
  const out: CMapData = { ranges: [], map: new Map() };
  const hex = (s: Str) => Buffer.from(s.bytes).toString('hex');
  const utf16 = (b: Uint8Array) => {
    let t = '';
    for (let i = 0; i + 1 < b.length; i += 2) t += String.fromCharCode((b[i] << 8) | b[i + 1]);
    if (b.length % 2) t += String.fromCharCode(b[b.length - 1]);
    return t;
  };
  const num = (s: Str) => s.bytes.reduce((n, x) => n * 256 + x, 0);
  for (let guard = 0; guard < 1_000_000; guard++) {
    const t = lx.next();
    if (t.k === 'eof') break;
    if (t.k !== 'kw') continue;
    if (t.v === 'begincodespacerange') {
      for (;;) {
        const a = parseObject(lx), b = parseObject(lx);
        if (!(a instanceof Str) || !(b instanceof Str)) break;
        out.ranges.push({ lo: num(a), hi: num(b), len: a.bytes.length });
      }
    } else if (t.v === 'beginbfchar') {
      for (;;) {
        const a = parseObject(lx), b = parseObject(lx);
        if (!(a instanceof Str)) break;
        if (b instanceof Str) out.map.set(hex(a), utf16(b.bytes));
        else if (b instanceof Name) out.map.set(hex(a), b.name);
      }
    } else if (t.v === 'beginbfrange') {
      for (;;) {
        const a = parseObject(lx), b = parseObject(lx), c = parseObject(lx);
        if (!(a instanceof Str) || !(b instanceof Str)) break;
        const lo = num(a), hi = num(b), len = a.bytes.length;
        if (hi - lo > 65535 || hi < lo) continue;
        for (let code = lo; code <= hi; code++) {
          const key = code.toString(16).padStart(len * 2, '0');
          if (Array.isArray(c)) {
            const d = c[code - lo];
            if (d instanceof Str) out.map.set(key, utf16(d.bytes));
          } else if (c instanceof Str && c.bytes.length) {
            const d = Uint8Array.from(c.bytes);
            let carry = code - lo;
            for (let i = d.length - 1; i >= 0 && carry; i--) {
              const v = d[i] + carry;
              d[i] = v & 255;
              carry = v >> 8;
            }
            out.map.set(key, utf16(d));
          }
        }
      }
    }
  }
  return out;
}

const CJK_COLLECTIONS = new Set(['GB1', 'CNS1', 'Japan1', 'Korea1']);
const STANDARD_ENCODINGS = new Set(['WinAnsiEncoding', 'MacRomanEncoding', 'StandardEncoding', 'MacExpertEncoding', 'PDFDocEncoding']);
const STANDARD_14 = /^(Times-(Roman|Bold|Italic|BoldItalic)|Helvetica(-Bold|-Oblique|-BoldOblique)?|Courier(-Bold|-Oblique|-BoldOblique)?|Symbol|ZapfDingbats)$/;
/** A glyph name a reader maps to Unicode: one of the Adobe Glyph List, or uniXXXX, uXXXX[XX]. */
const unicodeGlyphName = (n: string) => /^(uni([0-9A-F]{4})+|u[0-9A-F]{4,6})$/.test(n.replace(/\..*$/, '')) || (glyphList()?.has(n.replace(/\..*$/, '')) ?? /^[A-Za-z]+$/.test(n));

function checkFonts(m: Model, fail: (rule: string, message: string) => void): void {
  const uses = new Map<Dict, { codes: Uint8Array[]; rendered: boolean; page: number }>();
  for (const it of m.items) {
    if (it.kind !== 'text' || !it.font) continue;
    const u = uses.get(it.font) ?? { codes: [], rendered: false, page: it.page };
    u.codes.push(it.codes ?? new Uint8Array(0));
    if (it.renderMode !== 3) u.rendered = true;
    uses.set(it.font, u);
  }
  const cmaps = new Map<Stream, CMapData>();
  const cmapOf = (o: Obj | undefined) => {
    const s = m.get(o);
    if (!(s instanceof Stream)) return null;
    if (!cmaps.has(s)) cmaps.set(s, parseCMap(m.cos.decode(s) ?? new Uint8Array(0)));
    return cmaps.get(s)!;
  };
  const fontFile = (fd: Dict | null) => !!fd && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => m.get(fd.get(k)) instanceof Stream);
  for (const [font, u] of uses) {
    const sub = m.name(font.get('Subtype')) ?? '';
    const baseFont = m.name(font.get('BaseFont')) ?? '?';
    const name = `font ${baseFont} (${sub})`;
    const descendant = sub === 'Type0' ? m.dict(m.arr(font.get('DescendantFonts'))[0]) : null;
    const fd = m.dict((descendant ?? font).get('FontDescriptor'));
    // 7.21.4.1: fonts used for rendering are embedded
    if (u.rendered && sub !== 'Type3' && !fontFile(fd)) fail('PDF-22', `${name} is used for rendering but not embedded`);
    // 7.21.7: every used character code maps to Unicode
    const toUnicode = cmapOf(font.get('ToUnicode'));
    const encodingObj = m.get(font.get('Encoding'));
    const splitCodes = (b: Uint8Array): string[] => {
      if (sub !== 'Type0') return [...b].map((x) => x.toString(16).padStart(2, '0'));
      const enc = encodingObj instanceof Stream ? cmapOf(encodingObj) : null;
      const ranges = enc?.ranges.length ? enc.ranges : toUnicode?.ranges.length ? toUnicode.ranges : [{ lo: 0, hi: 0xffff, len: 2 }];
      const out: string[] = [];
      for (let i = 0; i < b.length; ) {
        let len = 0;
        for (const r of [...ranges].sort((a, c) => a.len - c.len)) {
          if (i + r.len > b.length) continue;
          const v = b.subarray(i, i + r.len).reduce((n, x) => n * 256 + x, 0);
          if (v >= r.lo && v <= r.hi) {
            len = r.len;
            break;
          }
        }
        if (!len) len = Math.min(2, b.length - i);
        out.push(Buffer.from(b.subarray(i, i + len)).toString('hex'));
        i += len;
      }
      return out;
    };
    const codes = new Set(u.codes.flatMap(splitCodes));
    let fallback: (code: string) => boolean = () => false;
    if (sub === 'Type0') {
      const csi = m.dict(descendant?.get('CIDSystemInfo'));
      const encName = encodingObj instanceof Name ? encodingObj.name : null;
      const cjk = m.str(csi?.get('Registry')) === 'Adobe' && CJK_COLLECTIONS.has(m.str(csi?.get('Ordering')) ?? '');
      if (cjk || (encName && !/^Identity-[HV]$/.test(encName))) fallback = () => true;
    } else {
      const flags = m.num(fd?.get('Flags')) ?? 0;
      const symbolic = (flags & 4) === 4 && (flags & 32) !== 32;
      const enc = encodingObj instanceof Dict ? encodingObj : null;
      const base = encodingObj instanceof Name ? encodingObj.name : enc ? m.name(enc.get('BaseEncoding')) : null;
      const diffs = new Map<number, string>();
      let code = 0;
      for (const x of m.arr(enc?.get('Differences'))) {
        const v = m.get(x);
        if (typeof v === 'number') code = v;
        else if (v instanceof Name) diffs.set(code++, v.name);
      }
      const standard = (base && STANDARD_ENCODINGS.has(base)) || (!encodingObj && STANDARD_14.test(baseFont.replace(/^[A-Z]{6}\+/, '')) && !/Symbol|Dingbats/.test(baseFont));
      const nonSymbolicNames = !symbolic || sub === 'Type3' || sub === 'Type1';
      fallback = (c: string) => {
        const n = diffs.get(parseInt(c, 16));
        if (n !== undefined) return unicodeGlyphName(n);
        if (standard && !symbolic) return true;
        // Type1 and Type3 programs name their glyphs; those names cannot be read here, so give them the benefit.
        return !encodingObj && nonSymbolicNames && sub !== 'TrueType';
      };
    }
    // 7.21.3: composite fonts
    if (sub === 'Type0' && descendant) checkCompositeFont(m, font, descendant, name, fontFile(fd), fail);
    // 7.21.6: TrueType encodings
    if (sub === 'TrueType') {
      const flags = m.num(fd?.get('Flags')) ?? 0;
      const enc = encodingObj instanceof Dict ? encodingObj : null;
      if (flags & 4) {
        if (font.has('Encoding')) fail('PDF-38', `${name} is symbolic but has an Encoding entry`);
        // 7.21.6-t04: a symbolic font program has one cmap subtable, or a (3,0) one
        const program = m.get(fd?.get('FontFile2'));
        const subtables = program instanceof Stream ? trueTypeCmaps(m.cos.decode(program) ?? new Uint8Array(0)) : null;
        if (subtables && subtables.length !== 1 && !subtables.some(([p, e]) => p === 3 && e === 0)) fail('PDF-38', `${name} is symbolic but its font program has ${subtables.length} cmap subtables and no (3,0) one`);
      } else {
        const base = encodingObj instanceof Name ? encodingObj.name : enc ? m.name(enc.get('BaseEncoding')) : null;
        if (base !== 'WinAnsiEncoding' && base !== 'MacRomanEncoding') fail('PDF-38', `${name} is non-symbolic but its encoding is ${base ?? 'not given'}, not WinAnsiEncoding or MacRomanEncoding`);
        // 7.21.6-t01: the font program has a non-symbolic cmap subtable (one besides (3,0))
        const program = m.get(fd?.get('FontFile2'));
        const subtables = program instanceof Stream ? trueTypeCmaps(m.cos.decode(program) ?? new Uint8Array(0)) : null;
        if (u.rendered && subtables && !subtables.some(([p, e]) => !(p === 3 && e === 0))) fail('PDF-38', `${name} is non-symbolic but its font program has no non-symbolic cmap subtable`);
        const diffs = m.arr(enc?.get('Differences')).map((x) => m.get(x)).filter((x): x is Name => x instanceof Name);
        if (diffs.length) {
          const agl = glyphList();
          const unknown = agl ? diffs.filter((d) => !agl.has(d.name) && !/^(uni[0-9A-F]{4}|u[0-9A-F]{4,6})$/.test(d.name)) : [];
          if (unknown.length) fail('PDF-38', `${name}: Differences names glyphs outside the Adobe Glyph List (${unknown.slice(0, 3).map((d) => d.name).join(', ')})`);
          if (subtables && !subtables.some(([p, e]) => p === 3 && e === 1)) fail('PDF-38', `${name} has a Differences array but no Microsoft Unicode (3,1) cmap`);
        }
      }
    }
    const unmapped = [...codes].filter((c) => !toUnicode?.map.has(c) && !fallback(c));
    if (unmapped.length) fail('PDF-22', `${name}: ${unmapped.length} used character codes map to no Unicode (no ToUnicode entry)`);
    const bad = [...codes].filter((c) => {
      const v = toUnicode?.map.get(c);
      return v !== undefined && /[\u0000\uFEFF\uFFFE]/.test(v);
    });
    if (bad.length) fail('PDF-22', `${name}: ToUnicode maps ${bad.length} used codes to U+0000, U+FEFF or U+FFFE`);
  }
}

/** Predefined CMaps (ISO 32000-1 Table 118), with the character collection each uses. */
const PREDEFINED_CMAPS = new Map<string, string>();
for (const [ordering, names] of Object.entries({
  GB1: 'GB-EUC GBpc-EUC GBK-EUC GBKp-EUC GBK2K UniGB-UCS2 UniGB-UTF16',
  CNS1: 'B5pc HKscs-B5 ETen-B5 ETenms-B5 CNS-EUC UniCNS-UCS2 UniCNS-UTF16',
  Japan1: '83pv-RKSJ 90ms-RKSJ 90msp-RKSJ 90pv-RKSJ Add-RKSJ EUC Ext-RKSJ UniJIS-UCS2 UniJIS-UCS2-HW UniJIS-UTF16',
  Korea1: 'KSC-EUC KSCms-UHC KSCms-UHC-HW KSCpc-EUC UniKS-UCS2 UniKS-UTF16',
})) for (const n of names.split(' ')) for (const hv of ['H', 'V']) PREDEFINED_CMAPS.set(`${n}-${hv}`, ordering);
for (const n of ['H', 'V']) PREDEFINED_CMAPS.set(n, 'Japan1');
for (const n of ['Identity-H', 'Identity-V']) PREDEFINED_CMAPS.set(n, 'Identity');
// Table 118 lists only some of these in both writing modes.
for (const n of ['83pv-RKSJ-V', '90pv-RKSJ-V', 'KSCpc-EUC-V']) PREDEFINED_CMAPS.delete(n);

function checkCompositeFont(m: Model, font: Dict, cid: Dict, name: string, embedded: boolean, fail: (rule: string, message: string) => void): void {
  const enc = m.get(font.get('Encoding'));
  const csi = m.dict(cid.get('CIDSystemInfo'));
  const fontReg = m.str(csi?.get('Registry')), fontOrd = m.str(csi?.get('Ordering')), fontSup = m.num(csi?.get('Supplement'));
  // 7.21.3.2: an embedded TrueType CIDFont has a CIDToGIDMap (a stream or /Identity)
  if (m.name(cid.get('Subtype')) === 'CIDFontType2' && embedded) {
    const map = m.get(cid.get('CIDToGIDMap'));
    if (!(map instanceof Stream) && !(map instanceof Name && map.name === 'Identity')) fail('PDF-37', `${name} has no CIDToGIDMap stream or /Identity`);
  }
  if (enc instanceof Name) {
    const ordering = PREDEFINED_CMAPS.get(enc.name);
    // 7.21.3.3: a CMap that is not predefined is embedded
    if (ordering === undefined) return fail('PDF-37', `${name} uses the CMap ${enc.name}, which is neither predefined nor embedded`);
    // 7.21.3.1: a predefined CMap's character collection is the CIDFont's
    if (ordering !== 'Identity' && (fontReg !== 'Adobe' || fontOrd !== ordering)) fail('PDF-37', `${name}: the CMap ${enc.name} is Adobe-${ordering} but the CIDFont is ${fontReg}-${fontOrd}`);
    return;
  }
  if (!(enc instanceof Stream)) return;
  const cmapName = m.name(enc.dict.get('CMapName'));
  if (cmapName === 'Identity-H' || cmapName === 'Identity-V') return;
  const data = Buffer.from(m.cos.decode(enc) ?? []).toString('latin1');
  // 7.21.3.1: Registry and Ordering equal, Supplement not above the CMap's
  const mcsi = m.dict(enc.dict.get('CIDSystemInfo'));
  const reg = m.str(mcsi?.get('Registry')) ?? /\/Registry\s*\(([^)]*)\)/.exec(data)?.[1] ?? null;
  const ord = m.str(mcsi?.get('Ordering')) ?? /\/Ordering\s*\(([^)]*)\)/.exec(data)?.[1] ?? null;
  const sup = m.num(mcsi?.get('Supplement')) ?? (Number(/\/Supplement\s+(\d+)/.exec(data)?.[1] ?? NaN) || null);
  if (fontReg !== reg || fontOrd !== ord) fail('PDF-37', `${name}: the CIDFont is ${fontReg}-${fontOrd} but its CMap is ${reg}-${ord}`);
  else if (fontSup === null || sup === null || fontSup > sup) fail('PDF-37', `${name}: the CIDFont's Supplement (${fontSup}) is above its CMap's (${sup})`);
  // 7.21.3.3: WMode agrees; usecmap names only predefined CMaps
  const dictWMode = m.num(enc.dict.get('WMode')) ?? 0;
  const dataWMode = Number(/\/WMode\s+(\d+)\s+def/.exec(data)?.[1] ?? 0);
  if (dictWMode !== dataWMode) fail('PDF-37', `${name}: the CMap's WMode is ${dictWMode} in its dictionary but ${dataWMode} in its data`);
  const used = [m.get(enc.dict.get('UseCMap')), ...[...data.matchAll(/\/([^\s/<>[\]()]+)\s+usecmap/g)].map((x) => new Name(x[1]))];
  for (const u of used) {
    if (u instanceof Name && !PREDEFINED_CMAPS.has(u.name)) fail('PDF-37', `${name}: the CMap uses the CMap ${u.name}, which is not predefined`);
  }
}

let aglNames: Set<string> | null | undefined;
/** The Adobe Glyph List, read from pdfjs-dist's worker (src/core/glyphlist.js), or null if not found. */
function glyphList(): Set<string> | null {
  if (aglNames !== undefined) return aglNames;
  aglNames = null;
  try {
    const src = readFileSync(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs'), 'utf8');
    const start = src.indexOf('const getGlyphsUnicode');
    const end = src.indexOf('});', start);
    if (start >= 0 && end > start) {
      const names = [...src.slice(start, end).matchAll(/t(?:\.([A-Za-z_]\w*)|\["([^"]+)"\]) = 0x/g)].map((x) => x[1] ?? x[2]);
      if (names.length > 4000) aglNames = new Set(names);
    }
  } catch {
    /* not found */
  }
  return aglNames;
}

/** The (platform, encoding) pairs of a TrueType font program's cmap subtables, or null if unreadable. */
function trueTypeCmaps(b: Uint8Array): [number, number][] | null {
  if (b.length < 12) return null;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = dv.getUint16(4);
  for (let i = 0; i < n; i++) {
    const rec = 12 + i * 16;
    if (rec + 16 > b.length) return null;
    if (String.fromCharCode(b[rec], b[rec + 1], b[rec + 2], b[rec + 3]) !== 'cmap') continue;
    const off = dv.getUint32(rec + 8);
    if (off + 4 > b.length) return null;
    const out: [number, number][] = [];
    for (let j = 0; j < dv.getUint16(off + 2) && off + 8 + j * 8 <= b.length; j++) out.push([dv.getUint16(off + 4 + j * 8), dv.getUint16(off + 6 + j * 8)]);
    return out;
  }
  return [];
}
