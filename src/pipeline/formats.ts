// The outputs a publication can have: each a writer given a profile. A kind's descriptor
// (templates/index.ts) says which of these it is published in.
import { PROFILES } from '../profiles/index.ts';
import type { Writer } from '../writers/context.ts';

/**
 * A writer loaded when it is first called. What only reads the kinds (the CLI's checks before a
 * render, the Lambda's handler before it hands the upload to a render worker, a lane that makes
 * only the HTML and the text) then does not load pdfmake, docx and the rest: `docgen build` of the
 * Local Account 7.8 s → 7.0 s and 303 → 251 MB at peak (decision 0004).
 */
function lazy(load: () => Promise<Writer>): Writer & { load(): Promise<Writer> } {
  let loading: Promise<Writer> | undefined;
  const get = () => (loading ??= load());
  return Object.assign(async (...args: Parameters<Writer>) => (await get())(...args), { load: get });
}

const writePdf = lazy(async () => (await import('../writers/pdf/index.ts')).writePdf);
const writeDocx = lazy(async () => (await import('../writers/docx/index.ts')).writeDocx);
const writeText = lazy(async () => (await import('../writers/text/index.ts')).writeText);
const writeHtml = lazy(async () => (await import('../writers/html/index.ts')).writeHtml);
const writeEpub = lazy(async () => (await import('../writers/epub/index.ts')).writeEpub);
const writeBraille = lazy(async () => (await import('../writers/braille/index.ts')).writeBraille);

/** Loads every writer now: a render worker started ahead of its work (RenderPool.warm) does. */
export async function preloadWriters(): Promise<void> {
  await Promise.all([writePdf, writeDocx, writeText, writeHtml, writeEpub, writeBraille].map((w) => w.load()));
}

export type Format = 'pdf' | 'docx' | 'txt' | 'html' | 'brf' | 'epub';
export type ProfileName = 'standard' | 'large-print' | 'easy-read';

export interface OutputSpec {
  key: string; // e.g. "pdf", "large-print-docx": what --formats accepts
  format: Format;
  profile: ProfileName;
  suffix: string; // file name after the publication id
  contentType: string;
  writer: Writer;
}

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const TXT = 'text/plain; charset=utf-8';
const HTML = 'text/html; charset=utf-8';
const EPUB = 'application/epub+zip';
// BRF has no registered media type; it is ASCII text (decision 0010), which is how embossers and braille displays' file managers take it.
const BRF = 'text/plain; charset=us-ascii';

const spec = (key: string, format: Format, profile: ProfileName, suffix: string, contentType: string, writer: Writer): OutputSpec => ({ key, format, profile, suffix, contentType, writer });

/** A publication's outputs in its own profile, and in large print where the kind has it. */
export function outputsFor(profile: ProfileName, opts: { largePrint: boolean; formats?: Format[] }): OutputSpec[] {
  const all = [
    spec('html', 'html', profile, '.html', HTML, writeHtml),
    spec('pdf', 'pdf', profile, '.pdf', PDF, writePdf),
    spec('docx', 'docx', profile, '.docx', DOCX, writeDocx),
    spec('txt', 'txt', profile, '.txt', TXT, writeText),
    spec('brf', 'brf', profile, '.brf', BRF, writeBraille),
    // After the PDF of its profile, whose pages are its page list (publish.ts).
    spec('epub', 'epub', profile, '.epub', EPUB, writeEpub),
    ...(opts.largePrint
      ? [spec('large-print-pdf', 'pdf', 'large-print', '-large-print.pdf', PDF, writePdf), spec('large-print-docx', 'docx', 'large-print', '-large-print.docx', DOCX, writeDocx)]
      : []),
  ];
  return opts.formats ? all.filter((o) => opts.formats!.includes(o.format)) : all;
}

/** Every output key any kind has, for --formats. */
export const OUTPUT_KEYS = outputsFor('standard', { largePrint: true }).map((o) => o.key);

export const profileOf = (o: OutputSpec) => PROFILES[o.profile];

export function selectOutputs(all: OutputSpec[], keys?: string[]): OutputSpec[] {
  if (!keys || keys.length === 0) return all;
  const unknown = keys.filter((k) => !OUTPUT_KEYS.includes(k));
  if (unknown.length) throw new Error(`unknown format ${unknown.map((u) => `"${u}"`).join(', ')}; choose from ${OUTPUT_KEYS.join(', ')}`);
  return all.filter((o) => keys.includes(o.key));
}
