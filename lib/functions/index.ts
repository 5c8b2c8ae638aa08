// The CloudFront Functions of the stack, each a plain script in this folder. CloudFront runs the
// file as it is; the tests and the embedded S3 of `npm start` run the same file, evaluated as
// CloudFront evaluates it (a script that defines `handler`), so they check the code that deploys.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DIRECTORY_INDEX_FILE = join(import.meta.dirname, 'directory-index.js');

export interface ViewerRequest {
  uri: string;
  method?: string;
  querystring?: Record<string, { value: string }>;
  headers?: Record<string, { value: string }>;
}
export interface ViewerResponse {
  statusCode: number;
  statusDescription?: string;
  headers?: Record<string, { value: string }>;
}
export type ViewerRequestHandler = (event: { version?: string; request: ViewerRequest }) => ViewerRequest | ViewerResponse;

let directoryIndex: ViewerRequestHandler | undefined;

/** The directory-index function, as CloudFront runs it. */
export function directoryIndexHandler(): ViewerRequestHandler {
  return (directoryIndex ??= new Function(`${readFileSync(DIRECTORY_INDEX_FILE, 'utf8')}\nreturn handler;`)() as ViewerRequestHandler);
}

export const isResponse = (r: ViewerRequest | ViewerResponse): r is ViewerResponse => 'statusCode' in r;
