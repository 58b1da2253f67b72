// fast-check arbitraries for the producer APIs: malformed JSON, wrong types, boundary sizes, unicode, odd headers.
import fc from 'fast-check';

/** One HTTP request to a producer API, as API Gateway would hand it to the function (REST, proxy integration). */
export interface ProducerRequest {
  headers: Record<string, string>;
  body: string | null;
  isBase64Encoded: boolean;
}

export interface ProducerApi {
  path: string;
  field: 'events' | 'readings' | 'transactions';
  /** A valid event; mutations of it probe one field at a time. */
  valid: () => Record<string, unknown>;
}

const MAX_PER_REQUEST = 500;
const BODY_LIMIT_BYTES = 1024 * 1024;

const contentTypes = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/x-www-form-urlencoded', '', 'application/jsonx', 'json') },
);

/** Values that break a field: other types, boundaries, unicode, numbers JSON can carry but validators may not expect. */
const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(0, -1, -0, 1e308, -1e308, 2 ** 53 + 1, 1e-320, '', ' ', '\u0000', '\ud83d\ude00', 'x'.repeat(5_000), '1970-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', [], {}, null, true),
);

function mutate(event: Record<string, unknown>, key: string, value: unknown, remove: boolean): Record<string, unknown> {
  const copy = { ...event };
  if (remove) delete copy[key];
  else copy[key] = value;
  return copy;
}

/** An event with one field replaced, removed or added; sometimes nested (page.path, metrics.temperature …). */
function mutatedEvent(api: ProducerApi): fc.Arbitrary<unknown> {
  const keys = Object.keys(api.valid());
  return fc
    .record({
      key: fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 })),
      nested: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
      value: hostileValue,
      remove: fc.boolean(),
    })
    .map(({ key, nested, value, remove }) => {
      const event = api.valid();
      const current = event[key];
      if (nested !== undefined && typeof current === 'object' && current !== null && !Array.isArray(current)) {
        return { ...event, [key]: mutate(current as Record<string, unknown>, nested, value, remove) };
      }
      return mutate(event, key, value, remove);
    });
}

/** Bodies: mostly requests with at least one bad event, plus raw garbage and the size/count boundaries. */
function bodies(api: ProducerApi): fc.Arbitrary<string | null> {
  const oneBadAmongValid = fc
    .tuple(fc.array(fc.constant(null), { maxLength: 4 }), mutatedEvent(api), fc.nat(4))
    .map(([valids, bad, at]) => {
      const events: unknown[] = valids.map(() => api.valid());
      events.splice(Math.min(at, events.length), 0, bad);
      return JSON.stringify({ [api.field]: events });
    });
  const wrongShapes = fc.oneof(
    ...[
      fc.jsonValue().map((value) => JSON.stringify(value) ?? 'null'),
      hostileValue.map((value) => JSON.stringify({ [api.field]: value })),
      fc.constant(JSON.stringify({ [api.field]: [] })),
      fc.constant(JSON.stringify({ [api.field]: [api.valid()], extra: true })),
      fc.constant(JSON.stringify({ [`${api.field}s`]: [api.valid()] })),
    ] satisfies Array<fc.Arbitrary<string>>,
  );
  const malformed = fc.oneof(
    ...[
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.nat(200).map((cut) => JSON.stringify({ [api.field]: [api.valid()] }).slice(0, cut)),
      fc.constantFrom<string>('', '{', '[', 'null', '"', '{"a":1}}', '\ufeff{}', '{"__proto__":{"x":1}}', 'NaN', '1e999'),
    ] satisfies Array<fc.Arbitrary<string>>,
  );
  const boundaries = fc.constantFrom<string | null>(
    // One event over the per-request maximum.
    JSON.stringify({ [api.field]: Array.from({ length: MAX_PER_REQUEST + 1 }, () => api.valid()) }),
    // One byte over the body limit, as valid JSON.
    JSON.stringify({ [api.field]: [{ ...api.valid(), pad: 'x'.repeat(BODY_LIMIT_BYTES) }] }),
    null,
  );
  return fc.oneof({ weight: 8, arbitrary: oneBadAmongValid }, { weight: 4, arbitrary: wrongShapes }, { weight: 4, arbitrary: malformed }, { weight: 1, arbitrary: boundaries });
}

export function producerRequests(api: ProducerApi): fc.Arbitrary<ProducerRequest> {
  return fc.record({ contentType: fc.option(contentTypes, { nil: undefined }), body: bodies(api), base64: fc.boolean() }).map(({ contentType, body, base64 }): ProducerRequest => ({
    headers: contentType === undefined ? {} : { 'Content-Type': String(contentType) },
    body: body !== null && base64 ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded: body !== null && base64,
  }));
}
