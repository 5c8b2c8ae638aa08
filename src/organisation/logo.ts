// The profile's logo, read at the edge beside organisation.yaml (S3 or a folder) and checked as
// every picture is (src/pictures/check.ts) before any writer sees it; a problem is located at the
// profile's `logo.file`. Its bytes are an input of every publication, like the profile's.
import { posix } from 'node:path';
import type { Problem } from '../parse/problems.ts';
import { checkPicture } from '../pictures/check.ts';
import type { OrganisationResult } from './load.ts';
import type { Organisation } from './types.ts';

type Loaded = Extract<OrganisationResult, { ok: true }>;

/** Where the logo of the profile at `profileKey` is: beside it. */
export const logoKey = (profileKey: string, file: string) => `${posix.dirname(profileKey.replace(/\\/g, '/'))}/${file}`;

/**
 * The profile with its logo's picture, or the located problem. `read` gives the file's bytes, or
 * undefined if it is not there.
 */
export async function withLogo(profileKey: string, loaded: Loaded, read: (key: string) => Promise<Uint8Array | undefined>): Promise<{ ok: true; organisation: Organisation; bytes?: { name: string; bytes: Uint8Array } } | { ok: false; problems: Problem[] }> {
  const logo = loaded.organisation.logo;
  if (!logo) return { ok: true, organisation: loaded.organisation };
  const key = logoKey(profileKey, logo.file);
  const at = (message: string): { ok: false; problems: Problem[] } => ({ ok: false, problems: [{ file: profileKey, ...loaded.locate(['logo', 'file']), path: 'logo.file', severity: 'error', message }] });
  const bytes = await read(key);
  if (!bytes) return at(`the logo "${logo.file}" is not beside organisation.yaml; upload it to the same folder`);
  const checked = checkPicture(logo.file, bytes);
  if (!checked.ok) return at(checked.problem);
  return { ok: true, organisation: { ...loaded.organisation, logo: { ...logo, image: checked.image } }, bytes: { name: key, bytes } };
}
