// POST /putMedia: reads the MKV body as it streams in, validates it incrementally and streams acknowledgements back.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VideoClock } from '../clock';
import type { FaultQueue } from '../faults';
import { createMkvDemuxer, MkvValidationError, type MkvEvent } from '../media';
import { ServiceError } from '../service-error';
import type { FragmentNumbers } from './fragment-number';
import { PutMediaSession, type FragmentTimecodeType, type PutMediaAck } from './put-media-session';
import type { StreamRegistry } from './stream-registry';

export interface PutMediaContext {
  streams: StreamRegistry;
  clock: VideoClock;
  fragmentNumbers: FragmentNumbers;
  faults: FaultQueue;
  log: (line: string) => void;
}

/** Header problems fail the HTTP request itself (REST-JSON error); media problems fail in the ack stream. */
export async function handlePutMedia(request: IncomingMessage, response: ServerResponse, context: PutMediaContext): Promise<void> {
  context.faults.throwIfFaulted('PutMedia');
  const session = openSession(request, context);
  response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
  const write = (acks: readonly PutMediaAck[]): void => {
    for (const ack of acks) response.write(`${JSON.stringify(ack)}\n`);
  };
  const demuxer = createMkvDemuxer();
  const consume = (events: readonly MkvEvent[]): void => {
    for (const event of events) {
      write(session.accept(event));
      if (session.hasFailed) return;
    }
  };
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      consume(demuxer.push(chunk));
      if (session.hasFailed) break;
    }
    if (!session.hasFailed) {
      consume(demuxer.end());
      write(session.finish());
    }
  } catch (error) {
    if (error instanceof MkvValidationError) {
      context.log(`video fakes: PutMedia refused the MKV: ${error.message}`);
      write([session.fail(error.code)]);
    }
    else if (isClientAbort(error)) write([session.fail('STREAM_READ_ERROR')]);
    else {
      context.log(`video fakes: PutMedia failed inside the fake: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      write([session.fail('INTERNAL_ERROR')]);
    }
  }
  // KVS closes the connection after an ERROR ack; the rest of the body is read and dropped so the socket stays sane.
  if (session.hasFailed) request.resume();
  response.end();
}

function openSession(request: IncomingMessage, context: PutMediaContext): PutMediaSession {
  const name = header(request, 'x-amzn-stream-name');
  const arn = header(request, 'x-amzn-stream-arn');
  if (name && arn) throw new ServiceError('InvalidArgumentException', 'Specify either x-amzn-stream-name or x-amzn-stream-arn, not both.');
  const stream = context.streams.resolve({ name, arn });
  const timecodeType = header(request, 'x-amzn-fragment-timecode-type');
  if (timecodeType !== 'ABSOLUTE' && timecodeType !== 'RELATIVE') {
    throw new ServiceError('InvalidArgumentException', 'x-amzn-fragment-timecode-type must be ABSOLUTE or RELATIVE.');
  }
  const producerStart = header(request, 'x-amzn-producer-start-timestamp');
  const producerStartMs = producerStart === undefined ? undefined : Number(producerStart) * 1000;
  if (producerStartMs !== undefined && !Number.isFinite(producerStartMs)) {
    throw new ServiceError('InvalidArgumentException', 'x-amzn-producer-start-timestamp must be epoch seconds.');
  }
  if (timecodeType === 'RELATIVE' && producerStartMs === undefined) {
    throw new ServiceError('InvalidArgumentException', 'RELATIVE fragment timecodes need x-amzn-producer-start-timestamp.');
  }
  return new PutMediaSession({
    stream,
    timecodeType: timecodeType satisfies FragmentTimecodeType,
    producerStartMs: producerStartMs === undefined ? undefined : Math.round(producerStartMs),
    clock: context.clock,
    fragmentNumbers: context.fragmentNumbers,
    isStreamActive: () => {
      try {
        return context.streams.resolve({ arn: stream.arn }) === stream;
      } catch {
        return false;
      }
    },
  });
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isClientAbort(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ECONNRESET' || error.code === 'ERR_STREAM_PREMATURE_CLOSE');
}
