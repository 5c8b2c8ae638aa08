// S3 storage adapter for the upload pipeline (the only module that talks to S3).
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { Storage, StoredObject } from '../pipeline/storage.ts';

const missing = (e: unknown) => e instanceof NoSuchKey || ['NoSuchKey', 'NotFound', 'NoSuchVersion'].includes((e as { name?: string }).name ?? '');
/** S3 answers 412 when a condition fails, and 409 when a concurrent conditional write is in flight. */
const conflict = (e: unknown) => e instanceof S3ServiceException && [409, 412].includes(e.$metadata.httpStatusCode ?? 0);

export function s3Storage(config: S3ClientConfig = {}): Storage {
  const s3 = new S3Client(config);
  const getObject = async (bucket: string, key: string, versionId?: string) => {
    try {
      const r = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
      return r.Body ? { body: await r.Body.transformToByteArray(), etag: r.ETag ?? '' } : undefined;
    } catch (e) {
      if (missing(e)) return undefined;
      throw e;
    }
  };
  return {
    async get(bucket, key, opts) {
      return (await getObject(bucket, key, opts?.versionId))?.body;
    },
    getTagged: (bucket, key) => getObject(bucket, key),
    async put(bucket, key, body, contentType, opts) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, CacheControl: opts?.cacheControl }));
    },
    async putIfMatch(bucket, key, body, contentType, etag, opts) {
      try {
        await s3.send(
          new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, CacheControl: opts?.cacheControl, ...(etag === null ? { IfNoneMatch: '*' } : { IfMatch: etag }) }),
        );
        return true;
      } catch (e) {
        if (conflict(e)) return false;
        throw e;
      }
    },
    async list(bucket, prefix) {
      return (await this.listObjects(bucket, prefix)).map((o) => o.key);
    },
    async listObjects(bucket, prefix) {
      const objects: StoredObject[] = [];
      let token: string | undefined;
      do {
        const r = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const o of r.Contents ?? []) if (o.Key) objects.push({ key: o.Key, size: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0) });
        token = r.IsTruncated ? r.NextContinuationToken : undefined;
      } while (token);
      return objects;
    },
    async delete(bucket, key) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}

/** Client settings for s3rver: path style, dummy keys, checksums only when required. */
export function localS3Config(endpoint: string): S3ClientConfig {
  return {
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}
