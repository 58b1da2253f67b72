// `npm run simulate`: seeded shoppers browsing the demo shop, posted to POST /clickstream/events at a target rate.
import type { ClickEvent } from '../../shared/events/clickstream';
import { createClickstreamGenerator } from './clickstream-sessions';
import { mainSimulator, type SimulatorSpec } from './simulator-cli';

export const clickstreamSimulator: SimulatorSpec<ClickEvent, undefined> = {
  command: 'simulate',
  title: 'Clickstream simulation',
  summary:
    'Simulates shoppers browsing an online shop (home, categories, search, products, cart, checkout) and posts\n' +
    'their click events to the producer API, POST /clickstream/events.',
  itemNoun: 'events',
  activeLabel: 'sessions',
  endpointPath: 'clickstream/events',
  createGenerator: ({ seed, rate }) => createClickstreamGenerator({ seed, targetRate: rate }),
};

if (require.main === module) mainSimulator(clickstreamSimulator);
