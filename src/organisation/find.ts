// How a publication finds its organisation profile, one rule for every storage: the nearest
// organisation.yaml in the content file's folder or a folder above it, up to the root of the
// uploads (S3: incoming/; locally: the content root). None found: the installation's default
// (./kent.ts). Decision record: docs/decisions/0009-organisation-profile.md.
import { posix } from 'node:path';

/** The one file name a profile has. */
export const PROFILE_NAME = 'organisation.yaml';

/** Whether a key or path names a profile (not a content file), whatever its folder. */
export const isProfileKey = (key: string) => posix.basename(key.replace(/\\/g, '/')) === PROFILE_NAME;

/**
 * Where to look for the profile of `contentKey`, nearest first: its folder, then each folder
 * above it, ending with `root` (which must end in "/", like "incoming/"). Keys are "/"-separated.
 */
export function profileCandidates(contentKey: string, root: string): string[] {
  if (!root.endsWith('/')) throw new Error(`the root "${root}" must end with "/"`);
  if (!contentKey.startsWith(root)) return [];
  const folder = (p: string) => {
    const d = posix.dirname(p);
    return d.endsWith('/') ? d : `${d}/`;
  };
  const out: string[] = [];
  let dir = folder(contentKey);
  for (;;) {
    out.push(`${dir}${PROFILE_NAME}`);
    if (dir === root || dir.length <= root.length) break;
    const up = folder(dir.slice(0, -1));
    if (up === dir) break; // the top of the file system
    dir = up;
  }
  return out;
}

/** The profile that governs `contentKey`, among the profile keys there are (nearest wins). */
export function governingProfile(contentKey: string, root: string, profiles: ReadonlySet<string>): string | undefined {
  return profileCandidates(contentKey, root).find((k) => profiles.has(k));
}
