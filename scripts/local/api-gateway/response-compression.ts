// MinimumCompressionSize: responses at least that large are gzip- or deflate-encoded when the client accepts it.
import { deflateSync, gzipSync } from 'node:zlib';
import type { HttpResponse } from './proxy-response';

type Encoding = 'gzip' | 'deflate';

/** The first of gzip, deflate the Accept-Encoding header allows (q=0 excludes; "*" allows both). */
export function acceptedEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const allowed = new Set<string>();
  for (const part of acceptEncoding.split(',')) {
    const [coding = '', ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) allowed.add(coding.trim());
  }
  if (allowed.has('gzip') || allowed.has('*')) return 'gzip';
  return allowed.has('deflate') ? 'deflate' : undefined;
}

export function compressResponse(response: HttpResponse, minimumSize: number | undefined, acceptEncoding: string | undefined): HttpResponse {
  const encoding = acceptedEncoding(acceptEncoding);
  if (minimumSize === undefined || !encoding || response.body.length < minimumSize || response.headers.has('content-encoding')) return response;
  const headers = new Map(response.headers);
  headers.set('content-encoding', { name: 'Content-Encoding', values: [encoding] });
  return { ...response, headers, body: encoding === 'gzip' ? gzipSync(response.body) : deflateSync(response.body) };
}
