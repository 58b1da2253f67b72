// Fault injection for the local cloud: a proxy in front of the emulators and a wrapper around function deliveries.
export { startFaultProxy, type FaultProxy, type FaultProxyOptions, type FaultPlan, type CrashRule, type FaultCounters, type FaultKind, type ProxyUpstreams, type ProxiedExchange } from './fault-proxy';
export { createDeliveryFaultInvoker, type DeliveryFaultInvoker, type DeliveryFaultPlan, type DeliveryCounters, type DeliveredBatch } from './delivery-faults';
export { identifyCall, matchesCall, planEntryFailures, throttleResponse, type AwsCall, type EntryFailurePlan } from './aws-json-faults';
export { seededRandom, type SeededRandom } from './seeded-random';

import type { DeliveryFaultInvoker } from './delivery-faults';
import type { FaultProxy } from './fault-proxy';

/** What startLocalCloud({ faults }) hands back to control the faults. */
export interface LocalCloudFaults {
  proxy: FaultProxy;
  deliveries: DeliveryFaultInvoker;
  /** The emulators' own SDK environment, bypassing the proxy (for checks that must not be faulted). */
  directEnv: Record<string, string>;
  /**
   * Restarts the local cloud's stateful Lambda side mid-run: every connection drops for `outageMs`, every
   * execution environment dies (in-flight invocations crash), and the event-source mappings are stopped and
   * started again (from their StartingPosition, since the local pollers keep checkpoints in memory only).
   */
  restart(options?: { outageMs?: number }): Promise<void>;
}
