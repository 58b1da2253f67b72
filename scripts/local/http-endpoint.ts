// What every local AWS-shaped HTTP endpoint needs: listening on loopback, a bounded request body, a clean close.
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens and resolves with the bound address (port 0 = an ephemeral port). */
export function listenOn(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** "http://127.0.0.1:4567", with IPv6 hosts in brackets. */
export function baseUrlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * Stops accepting and drops idle keep-alive sockets at once (they would hold the server open). Requests in progress
 * may finish; with `forceAfterMs`, connections still open after that long (e.g. streaming uploads) are cut.
 */
export function closeServer(server: Server, options: { forceAfterMs?: number } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const force = options.forceAfterMs === undefined ? undefined : setTimeout(() => server.closeAllConnections(), options.forceAfterMs);
    force?.unref();
    server.close((error) => {
      if (force) clearTimeout(force);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}

/** Keeps reading past the limit (so the client's upload completes and gets an answer) but keeps no more bytes. */
export async function readBoundedBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return size > maxBytes ? 'too-large' : Buffer.concat(chunks);
}
