// Reads an HTTP request body with a size bound, as AWS endpoints do: the bytes, or 'too-large' once past the limit.
import type { IncomingMessage } from 'node:http';

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
