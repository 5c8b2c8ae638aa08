// The storage port the upload pipeline is written against; src/storage/s3.ts implements it for S3
// (and the embedded s3rver). Only this interface crosses from the pipeline to the outside world.
export interface StoredObject {
  key: string;
  size: number;
  lastModified: Date;
}

export interface PutOptions {
  /** Cache-Control for CloudFront and browsers: short for mutable objects, immutable for versions. */
  cacheControl?: string;
}

export interface Storage {
  /** The object's bytes, or undefined if it does not exist. `versionId` reads one exact version. */
  get(bucket: string, key: string, opts?: { versionId?: string }): Promise<Uint8Array | undefined>;
  /** The object with its ETag, for a later compare-and-swap. */
  getTagged(bucket: string, key: string): Promise<{ body: Uint8Array; etag: string } | undefined>;
  put(bucket: string, key: string, body: Uint8Array | string, contentType: string, opts?: PutOptions): Promise<void>;
  /**
   * Compare-and-swap: writes only if the object's ETag is still `etag` (`null`: only if it does not
   * exist yet). Returns false, writing nothing, if another writer got there first (S3 answers 412).
   */
  putIfMatch(bucket: string, key: string, body: string, contentType: string, etag: string | null, opts?: PutOptions): Promise<boolean>;
  list(bucket: string, prefix: string): Promise<string[]>;
  /** The objects under a prefix with their sizes and times. */
  listObjects(bucket: string, prefix: string): Promise<StoredObject[]>;
  delete(bucket: string, key: string): Promise<void>;
}

/** Mutable objects (latest.json, the reports) may be cached for a minute; versioned files for ever. */
export const CACHE = {
  mutable: 'public, max-age=60, must-revalidate',
  immutable: 'public, max-age=31536000, immutable',
  never: 'no-store',
} as const;
