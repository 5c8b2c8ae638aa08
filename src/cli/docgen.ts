// docgen: the command communications officers run. This file only assembles the subcommands
// (each in src/cli/commands/, with its own --help) and holds the rules every command follows:
// results on stdout, problems and warnings on stderr, exit status 0 ok, 1 content problems
// (nothing published), 2 a wrong command; never a stack trace (DOCGEN_DEBUG=1 for the details).
// Shipped bundled as dist/cli/docgen.mjs (scripts/build-cli.mjs), the package's `bin`.
import { Command, CommanderError } from 'commander';
import { isMainThread } from 'node:worker_threads';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION } from '../pipeline/version.ts';
import { buildCommand } from './commands/build.ts';
import { newCommand } from './commands/new.ts';
import { schemaCommand } from './commands/schema.ts';
import { err, EXIT, UsageError } from './streams.ts';

/**
 * The build as the tests and the bench call it, every line to one log (src/cli/publication.ts),
 * loaded only when called so that importing the program costs no renderer.
 */
export async function build(...args: Parameters<typeof import('./publication.ts').build>): Promise<boolean> {
  return (await import('./publication.ts')).build(...args);
}

/**
 * Usage errors in one line on stderr, naming the help to read, and thrown (exitOverride) rather
 * than exiting, so that main() gives every error its exit status.
 */
function reportingUsageErrors(command: Command, help: string): Command {
  return command.exitOverride().configureOutput({
    writeOut: (s) => process.stdout.write(s),
    writeErr: (s) => process.stderr.write(s),
    // One line, even where commander adds a second ("(Did you mean build?)").
    outputError: (s, write) => write(`docgen: ${s.trim().replace(/\s*\n\s*/g, ' ')} (see ${help})\n`),
  });
}

/**
 * Subcommands written elsewhere, by name, registered here with addCommand like the ones above.
 * Their modules load the renderer (or the Word reader) as they are imported, so each is imported
 * only when the arguments could need it: its own name, or no command or one there is not (for the
 * full help, and for commander's "did you mean"). So --version, new and build --help start in a
 * fifth of a second, not a second. A new one is a line here: its name and its module's command.
 */
const ELSEWHERE: Record<string, () => Promise<Command>> = {
  preview: async () => (await import('../preview/command.ts')).previewCommand(),
  import: async () => (await import('./commands/import.ts')).importCommand(),
  rerender: async () => (await import('./commands/rerender.ts')).rerenderCommand(),
};

/** The program, with every subcommand these arguments (without node and the script) can reach. */
export async function program(argv: string[] = []): Promise<Command> {
  const docgen = reportingUsageErrors(
    new Command('docgen')
      .description('Make accessible publications (HTML, tagged PDF, Word, plain text, large print, EPUB, Braille; Easy Read in its own layout) from a content file.')
      .version(GENERATOR_VERSION, '-V, --version', 'print the version')
      .helpOption('-h, --help', 'show help (each command has its own: docgen build --help)')
      .helpCommand(false),
    'docgen --help',
  );
  const add = (command: Command) => docgen.addCommand(reportingUsageErrors(command.helpOption('-h, --help', 'show this help'), `docgen ${command.name()} --help`));
  add(buildCommand());
  add(newCommand());
  add(schemaCommand());
  // The top-level options take no values, so the first word that is not an option is the command.
  const named = argv.find((a) => !a.startsWith('-'));
  const own = named !== undefined && docgen.commands.some((c) => c.name() === named);
  const versionOnly = named === undefined && (argv.includes('-V') || argv.includes('--version'));
  if (!own && !versionOnly) {
    for (const [name, load] of Object.entries(ELSEWHERE)) if (named === undefined || named === name || !Object.hasOwn(ELSEWHERE, named)) add(await load());
  }
  return docgen;
}

/** Runs docgen with these arguments (without node and the script) and gives the exit status. */
export async function main(argv: string[]): Promise<number> {
  process.exitCode = undefined;
  try {
    await (await program(argv)).parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and the version asked for are not errors; help shown because no command was given is.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.ok;
      return EXIT.usage;
    }
    if (e instanceof UsageError) {
      err(`docgen: error: ${e.message}`);
      return EXIT.usage;
    }
    reportFault(e);
    return EXIT.content;
  }
}

/**
 * What went wrong outside the content and the command, in one line. The disk or the system refusing
 * (a folder that cannot be written, a full disk: an error with a syscall) is said as the system says
 * it; anything else is a fault in docgen, whose details are shown only when asked for.
 */
function reportFault(e: unknown): void {
  const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
  if (e instanceof Error && 'syscall' in e) err(`docgen: error: ${message}`);
  else err(`docgen: internal error: ${message}${process.env.DOCGEN_DEBUG ? '' : ' (run again with DOCGEN_DEBUG=1 for the details)'}`);
  if (process.env.DOCGEN_DEBUG) err(e instanceof Error ? (e.stack ?? String(e)) : String(e));
}

/**
 * Whether this module is the program being run (not imported by a test, and not the render worker,
 * which runs this same file when bundled). npx runs the bin through a link, hence realpath.
 */
function isEntry(): boolean {
  if (!isMainThread || !process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntry()) {
  // Whatever escapes main (an error in a callback, a rejected promise nobody awaited): one line too.
  const fault = (e: unknown) => {
    reportFault(e);
    process.exit(EXIT.content);
  };
  process.on('uncaughtException', fault).on('unhandledRejection', fault);
  // A reader that stops reading (docgen … | head) is not an error: stop quietly, as other commands do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' ? process.exit(EXIT.ok) : fault(e)));
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
