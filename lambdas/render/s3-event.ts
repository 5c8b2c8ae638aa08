// The part of the S3 event notification the render function reads.
export interface S3Event {
  Records?: { eventName?: string; s3: { bucket: { name: string }; object: { key: string; size?: number } } }[];
}
