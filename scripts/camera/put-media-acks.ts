// The PutMedia acknowledgement stream: newline-separated JSON objects, parsed as they arrive in any chunking.

export type PutMediaAckType = 'BUFFERING' | 'RECEIVED' | 'PERSISTED' | 'ERROR' | 'IDLE';

export interface PutMediaAck {
  EventType: PutMediaAckType;
  /** The fragment's timecode as sent (ABSOLUTE: producer time in ms). Absent on IDLE. */
  FragmentTimecode?: number;
  FragmentNumber?: string;
  /** ERROR only, e.g. 4004 with ErrorCode FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS. */
  ErrorId?: number;
  ErrorCode?: string;
}

export class AckStreamError extends Error {
  override name = 'AckStreamError';
}

const ACK_TYPES = new Set<string>(['BUFFERING', 'RECEIVED', 'PERSISTED', 'ERROR', 'IDLE']);

function toAck(line: string): PutMediaAck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new AckStreamError(`PutMedia answered a line that is not JSON: ${line.slice(0, 200)}`);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new AckStreamError(`PutMedia answered a non-object: ${line.slice(0, 200)}`);
  const fields = parsed as Record<string, unknown>;
  if (typeof fields.EventType !== 'string' || !ACK_TYPES.has(fields.EventType)) throw new AckStreamError(`unknown acknowledgement: ${line.slice(0, 200)}`);
  const ack: PutMediaAck = { EventType: fields.EventType as PutMediaAckType };
  if (typeof fields.FragmentTimecode === 'number') ack.FragmentTimecode = fields.FragmentTimecode;
  if (typeof fields.FragmentNumber === 'string') ack.FragmentNumber = fields.FragmentNumber;
  if (typeof fields.ErrorId === 'number') ack.ErrorId = fields.ErrorId;
  if (typeof fields.ErrorCode === 'string') ack.ErrorCode = fields.ErrorCode;
  return ack;
}

export interface AckParser {
  /** Returns the acknowledgements completed by this chunk. */
  push(chunk: Uint8Array | string): PutMediaAck[];
  /** The last line may lack its newline when the service closes the stream. */
  end(): PutMediaAck[];
}

export function createAckParser(): AckParser {
  const decoder = new TextDecoder();
  let pending = '';
  const complete = (text: string, final: boolean): PutMediaAck[] => {
    pending += text;
    const lines = pending.split(/\r?\n/);
    pending = final ? '' : (lines.pop() as string);
    return lines.filter((line) => line.trim() !== '').map(toAck);
  };
  return {
    push: (chunk) => complete(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }), false),
    end: () => complete(decoder.decode(), true),
  };
}

export function describeAck(ack: PutMediaAck): string {
  if (ack.EventType === 'ERROR') return `ERROR ${ack.ErrorCode ?? 'unknown'} (${ack.ErrorId ?? '?'}) at fragment ${ack.FragmentTimecode ?? '?'}`;
  return `${ack.EventType}${ack.FragmentTimecode === undefined ? '' : ` fragment ${ack.FragmentTimecode}`}`;
}
