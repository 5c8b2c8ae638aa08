// The render fingerprint: one hash of the code and assets that turn content into outputs. It is
// part of every publication's version, so a template or writer change gives new versions (and the
// re-render knows what changed) while a commit that touches only docs or tests does not.
// Computed from files at the edge (the CDK stack at synth, the CLI at start) and passed in.
// The organisation profile is not code: it is an input of each publication (its bytes and its
// logo's are hashed with the content in src/pipeline/inputs.ts), so a changed organisation.yaml
// gives new versions of the publications it governs without changing this fingerprint, and the
// built-in default profile (src/organisation/kent.ts) is code, in src/, covered here.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * What renders a publication: its code (lib/bundling.ts makes the render workers' bundle), its
 * assets, the code built here and committed (vendor/: liblouis's WebAssembly) and the exact
 * dependency versions. Of package.json only the version counts (it is stamped into every
 * manifest); its scripts and devDependencies do not render. test/cdk.test.ts checks that every
 * project file the render bundle is built from is covered.
 */
export const RENDER_INPUTS = ['src', 'templates', 'lambdas', 'assets', 'vendor', 'lib/bundling.ts', 'package-lock.json'];

export function codeFingerprint(root: string): string {
  const hash = createHash('sha256');
  const walk = (p: string): string[] => (statSync(p).isDirectory() ? readdirSync(p).sort().flatMap((f) => walk(join(p, f))) : [p]);
  for (const input of RENDER_INPUTS) {
    for (const file of walk(join(root, input))) {
      hash.update(relative(root, file).split(sep).join('/')).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  hash.update('package.json#version').update('\0').update(version);
  return hash.digest('hex').slice(0, 16);
}
