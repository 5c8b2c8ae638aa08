// `docgen preview <file>`: the live preview as a commander command, for src/cli/docgen.ts to
// register (program.addCommand(previewCommand())). A taken port is one line on stderr and exit
// code 1, not a stack trace; Ctrl+C stops the preview and its render worker.
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_PORT, PortInUseError, startPreview } from './preview.ts';

const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('give a port number from 1 to 65535.');
  return n;
};

export function previewCommand(): Command {
  return new Command('preview')
    .description('build a publication and serve it at http://127.0.0.1:<port>/, rebuilding and reloading the page each time the content is saved')
    .argument('<file>', 'the content file (YAML or JSON)')
    .option('--port <port>', 'the local port to serve the preview on', port, DEFAULT_PORT)
    .option('--root <folder>', 'the content root: organisation.yaml is looked for from the file\'s folder up to it (default: the working folder)')
    .option('--out <folder>', 'where the preview\'s files are written', 'out/preview')
    .action(async (file: string, opts: { port: number; root?: string; out: string }) => {
      let preview;
      try {
        preview = await startPreview({ file, port: opts.port, root: opts.root, out: opts.out });
      } catch (e) {
        if (!(e instanceof PortInUseError)) throw e;
        console.error(e.message);
        process.exitCode = 1;
        return;
      }
      await new Promise<void>((resolve) => {
        const stop = () => void preview.close().then(resolve);
        process.once('SIGINT', stop).once('SIGTERM', stop);
      });
    });
}
