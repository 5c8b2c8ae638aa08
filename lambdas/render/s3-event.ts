// The part of the S3 event notification the render function reads.
export interface S3EventRecord {
  eventName?: string;
  eventTime?: string;
  s3: { bucket: { name: string }; object: { key: string; size?: number; versionId?: string; sequencer?: string } };
}

export interface S3Event {
  Records?: S3EventRecord[];
}
