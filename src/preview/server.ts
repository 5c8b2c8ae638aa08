// The preview's local web server (node:http): the preview page at /, the last good build's files
// under /files/<name> exactly as they are on disk, and the build events at /events as
// Server-Sent Events, which the page's script listens to. Only the files the publication's
// manifest lists are served, by name, so no request reaches anything else on the disk.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EVENTS_PATH } from './page.ts';
import { portInUse } from './port.ts';

/** What the server asks of the preview for each request. */
export interface Site {
  /** The preview page as it is now. */
  page(): string;
  /** The file by its published name: its path on disk and content type, or undefined if there is no such file. */
  file(name: string): { path: string; contentType: string } | undefined;
  /** The build the page shows now, sent to each page as it connects. */
  build(): string;
}

export interface PreviewServer {
  url: string;
  /** Tells every open page about a build event ("building", or "build" with the new build's id). */
  announce(event: 'building' | 'build', data: string): void;
  close(): Promise<void>;
}

/** The one error a preview can meet before it starts that the person running it can act on. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(portInUse(port));
    this.name = 'PortInUseError';
  }
}

/** Listens on 127.0.0.1 only: the preview is for the person at this computer. Port 0 picks a free one. */
export async function startServer(site: Site, port: number): Promise<PreviewServer> {
  const clients = new Set<ServerResponse>();
  const server = createServer((req, res) => void respond(site, clients, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new PortInUseError(port) : e));
    server.listen(port, '127.0.0.1', () => resolve());
  });
  // An open event stream must not hold the page's connection forever after it goes: a comment
  // every so often finds connections that have closed.
  const beat = setInterval(() => {
    for (const c of clients) c.write(': still here\n\n');
  }, 15_000);
  beat.unref();
  const actual = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    announce(event, data) {
      for (const c of clients) c.write(`event: ${event}\ndata: ${data}\n\n`);
    },
    close: () => closeServer(server, clients, beat),
  };
}

async function respond(site: Site, clients: Set<ServerResponse>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Only GET and HEAD are served.');
  if (path === '/') return send(res, 200, 'text/html; charset=utf-8', site.page());
  if (path === EVENTS_PATH) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    // retry: how soon a page reconnects when the stream drops (the preview restarted, say).
    res.write(`retry: 1000\nevent: build\ndata: ${site.build()}\n\n`);
    clients.add(res);
    req.on('close', () => clients.delete(res));
    return;
  }
  if (path.startsWith('/files/')) {
    let name: string;
    try {
      name = decodeURIComponent(path.slice('/files/'.length));
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', 'That address is not well formed.');
    }
    const found = site.file(name);
    if (found) {
      try {
        return send(res, 200, found.contentType, await readFile(found.path), req.method === 'HEAD');
      } catch {
        // replaced by a rebuild between the lookup and the read: the page's next load finds the new one
      }
    }
  }
  return send(res, 404, 'text/plain; charset=utf-8', 'There is no such file in this preview.');
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, headOnly = false): void {
  // Never cached: the same address has new contents after every save.
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(headOnly ? undefined : body);
}

async function closeServer(server: Server, clients: Set<ServerResponse>, beat: NodeJS.Timeout): Promise<void> {
  clearInterval(beat);
  for (const c of clients) c.end();
  clients.clear();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A file of a publication folder by its published name, if the manifest lists it. */
export function publishedFile(dir: string, names: Map<string, string>, name: string): { path: string; contentType: string } | undefined {
  const contentType = names.get(name);
  return contentType ? { path: join(dir, name), contentType } : undefined;
}
