// CloudFront serves a folder address of the published bucket as its index.html with a CloudFront
// Function (lib/functions/directory-index.js). This middleware runs that same function in the
// embedded S3, so http://127.0.0.1:4568/docgen-output/published/<id>/ is the stable download
// page and .../published/ the publications index, as they are on the distribution. Only
// browsers' requests are mapped: anything signed (the SDK, the CLI) reaches s3rver as it was sent.
import type S3rver from 's3rver';
import { directoryIndexHandler, isResponse } from '../../lib/functions/index.ts';

type Ctx = { method: string; path: string; query: Record<string, unknown>; get(h: string): string; set(h: string, v: string): void; status: number; body: unknown };

export function serveDirectoryIndexes(server: S3rver, bucket: string): void {
  const handler = directoryIndexHandler();
  const root = `/${bucket}`;
  const middleware = async (ctx: Ctx, next: () => Promise<void>) => {
    const signed = ctx.get('authorization') || Object.keys(ctx.query).some((k) => k.toLowerCase().startsWith('x-amz-'));
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || signed || !ctx.path.startsWith(`${root}/`)) return next();
    // The bucket is the distribution's root: the function sees the address below the bucket's name.
    const uri = ctx.path.slice(root.length);
    const result = handler({ version: '1.0', request: { uri, method: ctx.method, querystring: {}, headers: {} } });
    if (isResponse(result)) {
      ctx.status = result.statusCode;
      for (const [name, { value }] of Object.entries(result.headers ?? {})) ctx.set(name, name === 'location' && value.startsWith('/') ? root + value : value);
      ctx.body = '';
      return;
    }
    if (result.uri !== uri) ctx.path = root + result.uri;
    return next();
  };
  // Koa composes its middleware when the server starts: put this one first.
  (server as unknown as { middleware: unknown[] }).middleware.unshift(middleware);
}
