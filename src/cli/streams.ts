// What every docgen command shares about talking to its caller: results on stdout, everything
// for a person (problems, warnings, progress) on stderr, and the exit status's meaning.

/** Exit statuses: scripts tell a content problem (fix the file) from a wrong command (fix the call). */
export const EXIT = { ok: 0, content: 1, usage: 2 } as const;

/** A wrong call (an unknown format, say) found after the arguments were parsed: exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A result line, on stdout. */
export const out = (line: string) => void process.stdout.write(`${line}\n`);
/** A line for the person at the terminal, on stderr. */
export const err = (line: string) => void process.stderr.write(`${line}\n`);
