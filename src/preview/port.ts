// Whether a local port is free, asked before a server that cannot report a taken port cleanly
// (s3rver throws EADDRINUSE as an uncaught error) is started on it, so the person running it is
// told in one line instead of a stack trace.
import { createServer } from 'node:net';

export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** The one line said when a port is taken, by the preview and by npm start. */
export const portInUse = (port: number) => `port ${port} is in use; choose another with --port`;
