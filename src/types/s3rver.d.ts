// s3rver 3 ships no types; these are the parts the local runner uses.
declare module 's3rver' {
  interface S3rverOptions {
    port?: number;
    address?: string;
    silent?: boolean;
    directory: string;
    configureBuckets?: { name: string; configs?: unknown[] }[];
  }
  export default class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
    on(event: "event", listener: (e: { Records: { eventName: string; eventTime: string; s3: { bucket: { name: string }; object: { key: string; size?: number; sequencer?: string } } }[] }) => void): this;
  }
}
