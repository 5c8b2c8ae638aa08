// s3rver ignores If-Match and If-None-Match on PUT; S3 honours them, and the pipeline's ordering of
// latest.json depends on it. This middleware makes the embedded S3 honour them too, so the local
// runner and the tests (several processes against one s3rver) see S3's real behaviour.
import type S3rver from 's3rver';

type Ctx = { method: string; path: string; get(h: string): string; status: number; body: unknown; type: string };
type Store = { getMetadata(bucket: string, key: string): Promise<{ etag?: string } | undefined> };

export function honourConditionalWrites(server: S3rver): void {
  const queues = new Map<string, Promise<void>>();
  const middleware = async (ctx: Ctx, next: () => Promise<void>) => {
    const ifMatch = ctx.get('if-match');
    const ifNoneMatch = ctx.get('if-none-match');
    if (ctx.method !== 'PUT' || (!ifMatch && !ifNoneMatch)) return next();
    const [, bucket, ...rest] = ctx.path.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const id = `${bucket}/${key}`;
    // One conditional write per key at a time: check and write as one step, as S3 does.
    const before = queues.get(id) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const chained = before.then(() => mine);
    queues.set(id, chained);
    await before;
    try {
      const current = await ((server as unknown as { store: Store }).store.getMetadata(bucket, key).catch(() => undefined));
      const etag = current?.etag;
      const failed = (ifNoneMatch === '*' && etag) || (ifMatch && ifMatch !== etag);
      if (failed) {
        ctx.status = 412;
        ctx.type = 'application/xml';
        ctx.body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>';
        return;
      }
      await next();
    } finally {
      release();
      if (queues.get(id) === chained) queues.delete(id);
    }
  };
  // Koa composes its middleware when the server starts: put this one first.
  (server as unknown as { middleware: unknown[] }).middleware.unshift(middleware);
}
