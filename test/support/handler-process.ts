// Runs the real render handler (lambdas/render/handler.ts) once, in its own process, on the event
// given as JSON in argv[2], and prints its outcomes as JSON: how the tests run several "Lambda
// invocations" at once against one embedded S3.
import { handler } from '../../lambdas/render/handler.ts';

const outcomes = await handler(JSON.parse(process.argv[2]));
process.stdout.write('\n' + JSON.stringify({ finished: Date.now(), outcomes: outcomes.map((o) => ({ ...o, manifest: undefined })) }));
process.exit(0);
