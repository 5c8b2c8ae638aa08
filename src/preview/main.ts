// Runs `docgen preview` on its own: `npx tsx src/preview/main.ts <file> [--port <n>]`, the same
// command src/cli/docgen.ts registers as `docgen preview`.
import { previewCommand } from './command.ts';

await previewCommand().parseAsync(process.argv);
