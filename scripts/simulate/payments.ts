// `npm run simulate:payments`: seeded cardholders paying through their day, with labelled fraud, posted to POST /payments/transactions.
import type { Transaction } from '../../shared/events/payments';
import { fraction } from './cli-options';
import { createPaymentsGenerator, PAYMENTS_DEFAULTS } from './payments-cards';
import type { PaymentTruth } from './payments-fraud';
import { mainSimulator, type SimulatorSpec } from './simulator-cli';

export const paymentsSimulator: SimulatorSpec<Transaction, PaymentTruth> = {
  command: 'simulate:payments',
  title: 'Card payments simulation',
  summary:
    'Simulates cardholders in Europe, the US, Korea and Japan paying through their day (in person, contactless,\n' +
    'online, at ATMs), with injected fraud (velocity bursts, amount anomalies, impossible travel, new countries,\n' +
    'card testing), and posts the transactions to the producer API, POST /payments/transactions.\n' +
    'Event time is the wall clock; fraud patterns unfold over minutes.',
  itemNoun: 'transactions',
  activeLabel: 'cards',
  endpointPath: 'payments/transactions',
  requestBody: (transactions) => ({ transactions }),
  recordsTruth: true,
  flags: [
    { name: 'fraud-share', value: '<0-1>', description: `share of fraudulent transactions (default ${PAYMENTS_DEFAULTS.fraudShare})` },
  ],
  createGenerator: ({ seed, rate, extra = {} }) =>
    createPaymentsGenerator({
      seed,
      targetRate: rate,
      fraudShare: fraction('fraud-share', extra['fraud-share'], PAYMENTS_DEFAULTS.fraudShare),
    }),
};

if (require.main === module) mainSimulator(paymentsSimulator);
