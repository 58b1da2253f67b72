// `npm run simulate:iot`: a seeded fleet of sensors with injected faults, posted to POST /iot/telemetry at a target rate.
import type { Reading } from '../../shared/events/iot';
import { fraction, positiveNumber } from './cli-options';
import { createIotGenerator, IOT_DEFAULTS, type IotTruth } from './iot-devices';
import { mainSimulator, type SimulatorSpec } from './simulator-cli';

export const iotSimulator: SimulatorSpec<Reading, IotTruth> = {
  command: 'simulate:iot',
  title: 'IoT telemetry simulation',
  summary:
    'Simulates a fleet of cold-storage, HVAC and pump sensors reporting every few seconds, with injected faults\n' +
    '(spikes, drifts, rapid changes), dropouts, late and repeated deliveries, and posts the readings to the\n' +
    'producer API, POST /iot/telemetry. The fleet is sized so that it produces --rate readings per second.',
  itemNoun: 'readings',
  activeLabel: 'devices reporting',
  endpointPath: 'iot/telemetry',
  requestBody: (readings) => ({ readings }),
  recordsTruth: true,
  flags: [
    { name: 'anomaly-share', value: '<0-1>', description: `share of readings made abnormal by a fault (default ${IOT_DEFAULTS.anomalyShare})` },
    { name: 'dropout-share', value: '<0-1>', description: `chance per reading that its device goes silent (default ${IOT_DEFAULTS.dropoutShare})` },
    { name: 'dropout-minutes', value: '<n>', description: `how long a silent device stays silent (default ${IOT_DEFAULTS.dropoutMs / 60_000})` },
    { name: 'out-of-order-share', value: '<0-1>', description: `share of readings delivered late (default ${IOT_DEFAULTS.outOfOrderShare})` },
    { name: 'duplicate-share', value: '<0-1>', description: `share of readings delivered twice (default ${IOT_DEFAULTS.duplicateShare})` },
  ],
  createGenerator: ({ seed, rate, extra = {} }) =>
    createIotGenerator({
      seed,
      targetRate: rate,
      anomalyShare: fraction('anomaly-share', extra['anomaly-share'], IOT_DEFAULTS.anomalyShare),
      dropoutShare: fraction('dropout-share', extra['dropout-share'], IOT_DEFAULTS.dropoutShare),
      dropoutMs: positiveNumber('dropout-minutes', extra['dropout-minutes'], IOT_DEFAULTS.dropoutMs / 60_000) * 60_000,
      outOfOrderShare: fraction('out-of-order-share', extra['out-of-order-share'], IOT_DEFAULTS.outOfOrderShare),
      duplicateShare: fraction('duplicate-share', extra['duplicate-share'], IOT_DEFAULTS.duplicateShare),
    }),
};

if (require.main === module) mainSimulator(iotSimulator);
