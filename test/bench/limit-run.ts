// One `docgen build` (every output) at a limit, in its own process, for the bench: prints its time, outcome and
// peak RSS (the process's, which includes the render worker's) as one JSON line.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../../src/cli/docgen.ts';

const lines: string[] = [];
const t0 = performance.now();
const ok = await build(process.argv[2], mkdtempSync(join(tmpdir(), 'bench-limit-')), undefined, (s) => lines.push(s));
const ms = performance.now() - t0;
const pages = /(\d+) pages/.exec(lines.find((l) => /made .*\.pdf/.test(l)) ?? '')?.[1];
console.log(JSON.stringify({ ok, ms: Math.round(ms), pages: pages ? Number(pages) : undefined, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), last: lines.at(-1)?.slice(0, 200) }));
process.exit(0);
