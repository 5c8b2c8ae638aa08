// Pictures as the templates load them (the ImageLoader contract in templates/common/blocks.ts):
// checked ImageData, a sentence saying why the picture cannot be used, or undefined if it is not
// there. Every picture goes through checkPicture (src/pictures/check.ts); nothing here trusts a header.
import type { ImageLoader } from '../../templates/common/blocks.ts';
import type { ImageData } from '../model/types.ts';
import { LIMITS, type Limits } from '../limits.ts';
import { checkPicture } from '../pictures/check.ts';

/** One picture's bytes, checked: what an ImageLoader returns for a picture that is there. */
export function pictureFromBytes(name: string, bytes: Uint8Array, limits: Limits = LIMITS): ImageData | { problem: string } {
  const r = checkPicture(name, bytes, limits);
  return r.ok ? r.image : { problem: r.problem };
}

/**
 * An ImageLoader over pictures already fetched (by name), or over a function that fetches one.
 * Each picture is checked once, when the content first names it; pictures nobody names are
 * never decoded.
 */
export function bytesImageLoader(
  source: ReadonlyMap<string, Uint8Array> | ((file: string) => Uint8Array | { problem: string } | undefined),
  limits: Limits = LIMITS,
  /** The picture files there are, for "did you mean" when a name is not one of them. */
  files: () => readonly string[] = () => (typeof source === 'function' ? [] : [...source.keys()]),
): ImageLoader {
  const read = typeof source === 'function' ? source : (file: string) => source.get(file);
  const seen = new Map<string, ReturnType<ImageLoader>>();
  const load = (file: string) => {
    if (!seen.has(file)) {
      const got = read(file);
      seen.set(file, got instanceof Uint8Array ? pictureFromBytes(file, got, limits) : got);
    }
    return seen.get(file);
  };
  return Object.assign(load, { files });
}
