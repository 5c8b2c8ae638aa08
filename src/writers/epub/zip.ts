// The EPUB container (OCF): a zip whose first entry is the uncompressed `mimetype`, then the
// rest, every entry dated with the publication's date, so the same content gives the same bytes.
import { strToU8, zipSync, type Zippable } from 'fflate';

export function packEpub(files: [name: string, data: Uint8Array | string][], epoch: Date): Uint8Array {
  // Zip entry times are local DOS times: a local-time date gives the same fields in every time zone.
  const mtime = new Date(Math.max(epoch.getUTCFullYear(), 1980), epoch.getUTCMonth(), epoch.getUTCDate());
  const out: Zippable = { mimetype: [strToU8('application/epub+zip'), { level: 0, mtime }] };
  for (const [name, data] of files) {
    const bytes = typeof data === 'string' ? strToU8(data) : data;
    // Pictures and fonts gain little from DEFLATE; pictures are stored as they are.
    out[name] = [bytes, /\.(png|jpe?g)$/i.test(name) ? { level: 0, mtime } : { level: 9, mtime }];
  }
  return zipSync(out);
}
