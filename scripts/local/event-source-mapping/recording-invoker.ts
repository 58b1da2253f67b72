// A scripted FunctionInvoker for tests and demos: records every event and answers with whatever the script decides.
import type { KinesisStreamEvent } from 'aws-lambda';
import type { FunctionInvoker, InvokeOutcome } from '../types';

/** Decides the outcome of the n-th invocation (1-based) from the event it received. */
export type FunctionScript = (event: KinesisStreamEvent, invocation: number) => InvokeOutcome | Promise<InvokeOutcome>;

export const returns = (payload: unknown): InvokeOutcome => ({ kind: 'ok', payload, durationMs: 1 });

export const throwsError = (errorMessage = 'Function failed'): InvokeOutcome => ({
  kind: 'function-error',
  errorType: 'Error',
  errorMessage,
  durationMs: 1,
});

export class RecordingInvoker implements FunctionInvoker {
  readonly events: KinesisStreamEvent[] = [];
  readonly functionNames: string[] = [];

  constructor(private readonly script: FunctionScript = () => returns(null)) {}

  invoke(functionNameOrArn: string, event: unknown): Promise<InvokeOutcome> {
    const kinesisEvent = event as KinesisStreamEvent;
    this.events.push(kinesisEvent);
    this.functionNames.push(functionNameOrArn);
    return Promise.resolve(this.script(kinesisEvent, this.events.length));
  }

  /** The sequence numbers of each invocation, in order. */
  get batches(): string[][] {
    return this.events.map((event) => event.Records.map((record) => record.kinesis.sequenceNumber));
  }

  /** The decoded data of each invocation, in order. */
  get dataBatches(): string[][] {
    return this.events.map((event) => event.Records.map((record) => Buffer.from(record.kinesis.data, 'base64').toString()));
  }
}
