// Unit tests: the reusable GET handler (200 JSON, 404 JSON, 400 for a bad or missing id, 500 on unexpected errors).
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { z } from 'zod';
import { createReadHandler } from '../../../../shared/lambda/http-read';
import { recordingLogger } from '../fixtures/clickstream';

const request = (pathParameters: Record<string, string> | null) => ({ pathParameters }) as unknown as APIGatewayProxyEvent;
const things = new Map([['thing-1', { id: 'thing-1', size: 3 }]]);

function setup(options: Partial<Parameters<typeof createReadHandler>[0]> = {}) {
  const logger = recordingLogger();
  const read = jest.fn((id: string) => Promise.resolve(things.get(id)));
  return { handler: createReadHandler({ read, resource: 'thing', logger, ...options }), read, logger };
}

describe('createReadHandler', () => {
  it('answers 200 with the JSON body read under the id', async () => {
    const { handler, read } = setup();
    const response = await handler(request({ id: 'thing-1' }));
    expect(response).toEqual({
      statusCode: 200,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
      body: JSON.stringify({ id: 'thing-1', size: 3 }),
    });
    expect(read).toHaveBeenCalledWith('thing-1');
  });

  it('answers 404 with a JSON message when nothing exists under the id', async () => {
    const response = await setup().handler(request({ id: 'thing-9' }));
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toEqual({ message: 'Thing not found' });
  });

  it('answers 400 without reading for an id that cannot exist, or none at all', async () => {
    const { handler, read } = setup();
    const invalid = await handler(request({ id: 'a b' }));
    expect(invalid.statusCode).toBe(400);
    expect(JSON.parse(invalid.body)).toEqual({
      message: 'Invalid thing id',
      errors: [{ path: 'id', message: 'Use letters, digits and . _ : - only' }],
    });
    expect((await handler(request({ id: 'x'.repeat(129) }))).statusCode).toBe(400);
    expect((await handler(request(null))).statusCode).toBe(400);
    expect(read).not.toHaveBeenCalled();
  });

  it('takes another path parameter name and id schema', async () => {
    const { handler, read } = setup({ pathParameter: 'cardId', idSchema: z.string().regex(/^card-\d+$/) });
    expect((await handler(request({ cardId: 'card-1' }))).statusCode).toBe(404);
    expect(read).toHaveBeenCalledWith('card-1');
    expect((await handler(request({ id: 'card-1' }))).statusCode).toBe(400);
  });

  it('answers 500 with a JSON body and logs when the read throws', async () => {
    const { handler, logger } = setup({ read: () => Promise.reject(new Error('table gone')) });
    const response = await handler(request({ id: 'thing-1' }));
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ message: 'Internal error' });
    expect(logger.error).toHaveBeenCalledWith('Reading thing failed', expect.any(Error));
  });
});
