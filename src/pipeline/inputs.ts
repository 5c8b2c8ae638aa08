// The inputs of one publication: its content file, the pictures it names and, for an agenda pack,
// its papers and their pictures. Only files the content names are read, never the whole folder;
// each is checked before layout; and the version is a hash of every byte of them and of the code.
import { kindOf } from '../../templates/index.ts';
import type { ImageData } from '../model/types.ts';
import { LIMITS } from '../limits.ts';
import { parseSource } from '../parse/source.ts';
import { checkPicture } from '../pictures/check.ts';
import { sha256 } from './publish.ts';

/** A file beside the content file: its bytes, why it cannot be read, or undefined if it is not there. */
export type InputReader = (name: string) => Promise<Uint8Array | { problem: string } | undefined>;

export type PictureInput = ImageData | { problem: string };

export interface Inputs {
  pictures: Map<string, PictureInput>;
  /** Content files an agenda pack names (its agenda and papers). */
  texts: Map<string, Uint8Array>;
  /** sha256 of the content, every input and the render fingerprint: the publication's identity. */
  digest: string;
  /** Every input by name with its sha256, for the manifest. */
  files: { name: string; sha256: string }[];
  /** The content file, parsed (or its problems). */
  parsed: ReturnType<typeof parseSource>;
}

const PICTURE_NAME = /^[^/\\]+\.(png|jpe?g|svg)$/i;
const CONTENT_NAME = /^[^/\\]+\.(ya?ml|json)$/i;

/** Every text value in the parsed content that names a file of this kind. */
export function namedFiles(data: unknown, pattern: RegExp): string[] {
  const names = new Set<string>();
  const stack = [data];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (pattern.test(v)) names.add(v);
    } else if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') stack.push(...Object.values(v));
  }
  return [...names].sort();
}

/**
 * `organisation`: the profile file that governs the content (src/organisation/find.ts) and its
 * logo, by key or path: more inputs, so a changed profile is a new version of every publication it governs.
 */
export async function gatherInputs(file: string, content: Uint8Array, read: InputReader, fingerprint: string, limits = LIMITS, organisation: { name: string; bytes: Uint8Array }[] = []): Promise<Inputs> {
  const pictures = new Map<string, PictureInput>();
  const texts = new Map<string, Uint8Array>();
  const hashes = new Map<string, string>();
  let pictureBytes = 0;

  const picturesOf = async (data: unknown) => {
    for (const name of namedFiles(data, PICTURE_NAME)) {
      if (pictures.has(name)) continue;
      const got = await read(name);
      if (!got) continue; // not there: the template reports it where the content names it
      if (!(got instanceof Uint8Array)) {
        pictures.set(name, got);
        continue;
      }
      hashes.set(name, sha256(got));
      pictureBytes += got.byteLength;
      if (pictureBytes > limits.picturesTotalBytes) {
        pictures.set(name, { problem: `the pictures of this publication come to more than ${limits.picturesTotalBytes / 1024 / 1024} MB; make them smaller (a picture for a page needs at most about 2,500 pixels a side)` });
        continue;
      }
      const checked = checkPicture(name, got, limits);
      pictures.set(name, checked.ok ? checked.image : { problem: checked.problem });
    }
  };

  const parsed = parseSource(file, content, limits);
  const data = parsed.source?.data as { kind?: unknown } | undefined;
  if (data) {
    await picturesOf(data);
    // A kind that names other content files (an agenda pack, minutes naming their agenda): they are inputs too.
    if (kindOf(data.kind)?.namesFiles || kindOf(data.kind)?.readsBeside) {
      for (const name of namedFiles(data, CONTENT_NAME)) {
        const got = await read(name);
        if (!(got instanceof Uint8Array)) continue; // reported by the pack's validation
        texts.set(name, got);
        hashes.set(name, sha256(got));
        const paper = parseSource(name, got, limits).source?.data;
        if (paper) await picturesOf(paper);
      }
    }
  }
  for (const o of organisation) hashes.set(o.name, sha256(o.bytes));
  const files = [...hashes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, hash]) => ({ name, sha256: hash }));
  const digest = sha256([`fingerprint ${fingerprint}`, `content ${sha256(content)}`, ...files.map((f) => `${f.name} ${f.sha256}`)].join('\n'));
  return { pictures, texts, digest, files, parsed };
}
