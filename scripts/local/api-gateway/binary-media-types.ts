// REST API binary support: a body is binary only when its media type matches the API's BinaryMediaTypes.

/** "image/png; q=0.9" → "image/png" */
function mediaTypeOf(headerValue: string): string {
  return (headerValue.split(';')[0] ?? '').trim().toLowerCase();
}

function matches(pattern: string, mediaType: string): boolean {
  const [patternType, patternSubtype] = pattern.toLowerCase().split('/');
  const [type, subtype] = mediaType.split('/');
  return (patternType === '*' || patternType === type) && (patternSubtype === '*' || patternSubtype === subtype);
}

/** For requests: the Content-Type. For responses: the first media type of the request's Accept header. */
export function isBinaryMediaType(headerValue: string | undefined, binaryMediaTypes: string[]): boolean {
  if (!headerValue || binaryMediaTypes.length === 0) return false;
  const mediaType = mediaTypeOf(headerValue.split(',')[0] ?? '');
  return mediaType !== '' && binaryMediaTypes.some((pattern) => matches(pattern, mediaType));
}
