// Runs in a fresh Node process, as Lambda would: imports a built bundle's index.mjs and calls its
// exported handler with one S3 event. Usage: node invoke-bundle.mjs <bundle dir> <event JSON>.
// Prints the handler's result as JSON on a line of its own, after RESULT_MARK (the handler logs
// its own lines to stdout too), then exits: Lambda freezes the process, it does not wait for it.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';

const RESULT_MARK = '@@handler-result ';

const [, , bundleDir, eventJson] = process.argv;
const started = Date.now();
const timeoutMs = Number(process.env.INVOKE_TIMEOUT_MS ?? 120_000);
// The parts of Lambda's context object a handler might read.
const context = {
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'render',
  functionVersion: '$LATEST',
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '3584',
  awsRequestId: randomUUID(),
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
};
try {
  const mod = await import(pathToFileURL(join(bundleDir, 'index.mjs')).href);
  if (typeof mod.handler !== 'function') throw new Error(`${bundleDir}/index.mjs exports no handler function`);
  const result = await mod.handler(JSON.parse(eventJson), context);
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify(result ?? null)}\n`, () => process.exit(0));
} catch (e) {
  process.stderr.write(`handler failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`, () => process.exit(1));
}
