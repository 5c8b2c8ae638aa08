// Reads the files a content file names from the folder it is in (the CLI's edge). A name that
// leads outside the folder, directly or through a symbolic link, is refused, as is an oversized
// picture, before its bytes are read.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { LIMITS } from '../limits.ts';
import type { InputReader } from '../pipeline/inputs.ts';

export function folderInputReader(contentFile: string): InputReader {
  const dir = realpathSync(dirname(resolve(contentFile)));
  return async (name) => {
    const path = join(dir, name);
    if (!path.startsWith(dir + sep) || !existsSync(path)) return undefined;
    const real = realpathSync(path);
    if (!real.startsWith(dir + sep)) return { problem: `"${name}" is a link to a file outside the content folder; copy the file itself into the folder` };
    const size = statSync(real).size;
    if (/\.(png|jpe?g)$/i.test(name) && size > LIMITS.pictureBytes) {
      return { problem: `the picture "${name}" is ${(size / 1024 / 1024).toFixed(1)} MB, more than the ${LIMITS.pictureBytes / 1024 / 1024} MB a picture may be; save it smaller (about 2,500 pixels on the longer side is enough for a full page)` };
    }
    return readFileSync(real);
  };
}
