// A thin wrapper over liblouis compiled to WebAssembly (vendor/liblouis/liblouis.cjs, built by
// scripts/build-liblouis.sh; LGPL-2.1-or-later; decisions 0010 and 0013): the one place that calls its
// exports. It translates a paragraph's text into Unified English Braille grade 2 and returns it as BRF
// ASCII braille. The build is loaded when Braille is first asked for (no other format pays for it), once
// per process or render worker, and its tables (tables.ts) are written into its in-memory file system,
// so nothing is read from disk.
import { TABLES } from './tables.ts';

/** The emscripten module's exports this wrapper uses (the build's EXPORTED_* lists). */
interface LouisModule {
  FS: { mkdir(path: string): void; writeFile(path: string, data: string): void };
  ccall(name: string, returns: 'number' | 'string', types: string[], args: unknown[]): number | string;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  stringToUTF16(s: string, ptr: number, maxBytes: number): void;
  getValue(ptr: number, type: 'i16' | 'i32'): number;
  setValue(ptr: number, value: number, type: 'i16' | 'i32'): void;
}

const DIR = '/tables';
const TABLE = `${DIR}/en-ueb-g2.ctb`;
// liblouis's translation modes (liblouis.h): dotsIO gives dot patterns, ucBrl as Unicode braille
// (U+2800 + dots), so the BRF below does not depend on any table's display characters.
const DOTS_IO = 4;
const UC_BRL = 64;

/**
 * North American ASCII braille, the BRF character set: index = dots (dot 1 = bit 0 … dot 6 = bit 5).
 * liblouis's en-us-brf.dis says the same; test/braille.test.ts back-translates through that table.
 */
const BRF = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)=";

let loading: Promise<Louis> | undefined;

/** The liblouis translator, loaded on first use. */
export function louis(): Promise<Louis> {
  loading ??= load();
  return loading;
}

async function load(): Promise<Louis> {
  const { default: create } = await import('../../../vendor/liblouis/liblouis.cjs');
  const messages: string[] = [];
  // liblouis reports table errors on stderr; they are kept and thrown with the failure instead.
  const print = (s: string) => void messages.push(s);
  const m = (await create({ print, printErr: print })) as LouisModule;
  m.FS.mkdir(DIR);
  for (const [name, text] of Object.entries(TABLES)) m.FS.writeFile(`${DIR}/${name}`, text);
  return new Louis(m, messages);
}

/**
 * Translations kept for the process, up to this many characters of print and braille together.
 * A translation depends only on the text and the table, and liblouis is nearly all of a Braille
 * render's time (issue 18: 1.9 s of the Local Account's 2 s, warm), so a save in the preview or an
 * upload again after a fix translates only the paragraphs that changed. About 8 MB at most.
 */
const MEMO_CHARS = 4_000_000;

export class Louis {
  private readonly memo = new Map<string, string>();
  private memoChars = 0;

  constructor(
    private readonly m: LouisModule,
    private readonly messages: string[],
  ) {}

  /** liblouis's version ("3.38.0"). */
  version(): string {
    return this.m.ccall('lou_version', 'string', [], []) as string;
  }

  /** Text in UEB grade 2 as BRF (upper-case ASCII braille, one character a cell); spaces stay spaces. */
  toBrf(text: string): string {
    if (!text) return '';
    const known = this.memo.get(text);
    if (known !== undefined) return known;
    const brf = this.translate(text);
    // The oldest go first when the memo is full.
    for (const [old, b] of this.memo) {
      if (this.memoChars + text.length + brf.length <= MEMO_CHARS) break;
      this.memo.delete(old);
      this.memoChars -= old.length + b.length;
    }
    this.memo.set(text, brf);
    this.memoChars += text.length + brf.length;
    return brf;
  }

  /** Forgets every translation kept (the bench times translating text liblouis has not seen). */
  forget(): void {
    this.memo.clear();
    this.memoChars = 0;
  }

  private translate(text: string): string {
    const m = this.m;
    // liblouis's characters are UTF-16 code units in this build; its output is seldom longer than
    // twice the input, and a buffer it fills is tried again larger.
    for (let room = text.length * 2 + 64; ; room *= 2) {
      const input = m._malloc(text.length * 2 + 2);
      const output = m._malloc(room * 2);
      const lengths = m._malloc(8);
      try {
        m.stringToUTF16(text, input, text.length * 2 + 2);
        m.setValue(lengths, text.length, 'i32');
        m.setValue(lengths + 4, room, 'i32');
        this.messages.length = 0;
        const ok = m.ccall('lou_translateString', 'number', ['string', 'number', 'number', 'number', 'number', 'number', 'number', 'number'], [TABLE, input, lengths, output, lengths + 4, 0, 0, DOTS_IO | UC_BRL]);
        if (!ok) throw new Error(`liblouis could not translate with ${TABLE}${this.messages.length ? `: ${this.messages.join('; ')}` : ''}`);
        const read = m.getValue(lengths, 'i32');
        const written = m.getValue(lengths + 4, 'i32');
        if (read < text.length || written >= room) {
          if (room > text.length * 16 + 1024) throw new Error(`liblouis stopped after ${read} of ${text.length} characters`);
          continue;
        }
        let brf = '';
        for (let i = 0; i < written; i++) {
          const cell = m.getValue(output + 2 * i, 'i16') & 0xffff;
          // Dots 7 and 8 have no place in six-dot BRF; liblouis sets them only for undefined characters.
          brf += cell >= 0x2800 && cell <= 0x28ff ? BRF[(cell - 0x2800) & 0x3f] : ' ';
        }
        return brf;
      } finally {
        m._free(input);
        m._free(output);
        m._free(lengths);
      }
    }
  }
}
