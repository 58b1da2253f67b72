// Duplicate and older-batch redeliveries reach the function; the mapping only ever sees the real delivery's outcome.
import { createDeliveryFaultInvoker } from '../../../../../scripts/local/faults';
import type { FunctionInvoker, InvokeOutcome } from '../../../../../scripts/local/types';

function recordingInvoker(): FunctionInvoker & { events: unknown[] } {
  const events: unknown[] = [];
  return {
    events,
    invoke: (_name, event): Promise<InvokeOutcome> => {
      events.push(event);
      return Promise.resolve({ kind: 'ok', payload: { batchItemFailures: [] }, durationMs: 1 });
    },
  };
}

describe('createDeliveryFaultInvoker', () => {
  test('without a plan every batch is delivered once', async () => {
    const inner = recordingInvoker();
    const invoker = createDeliveryFaultInvoker(inner, 1);
    await invoker.invoke('f', 'batch-1');
    expect(inner.events).toEqual(['batch-1']);
    expect(invoker.delivered()).toEqual([{ functionName: 'f', event: 'batch-1' }]);
  });

  test('duplicates a delivery and replays an older batch after a newer one', async () => {
    const inner = recordingInvoker();
    const invoker = createDeliveryFaultInvoker(inner, 1);
    await invoker.invoke('f', 'batch-1');
    invoker.configure({ duplicate: 1, replayOlder: 1 });
    const outcome = await invoker.invoke('f', 'batch-2');
    expect(outcome.kind).toBe('ok');
    expect(inner.events).toEqual(['batch-1', 'batch-2', 'batch-2', 'batch-1']);
    expect(invoker.counters()).toEqual({ deliveries: 2, duplicates: 1, olderReplays: 1 });
  });
});
