// Run in a fresh Node process: imports the bundled handler and renders one upload on s3rver.
// Prints JSON: ms to import the bundle, ms for the first (cold) render, peak RSS.
const [, , bundle, key] = process.argv;
const t0 = performance.now();
const { handler } = await import(bundle);
const t1 = performance.now();
const outcomes = await handler({ Records: [{ s3: { bucket: { name: process.env.INPUT_BUCKET }, object: { key } } }] });
const t2 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, renderMs: t2 - t1, status: outcomes[0]?.status, rssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
