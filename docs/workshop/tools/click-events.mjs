// Workshop tool: prints a POST /clickstream/events body of N valid page views, with one shared session id (a hot key) or one each.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';

const HELP = `node docs/workshop/tools/click-events.mjs [--count N] [--session ID | --spread]

  --count N      events in the body, 1-500 (default 100)
  --session ID   every event has this session id, i.e. this partition key (default "s-hot")
  --spread       every event has its own session id (s-spread-<run>-<i>): keys spread over all shards`;

const { values } = parseArgs({
  options: { count: { type: 'string', default: '100' }, session: { type: 'string', default: 's-hot' }, spread: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1 || count > 500) {
  console.error('--count must be a whole number from 1 to 500 (the API takes at most 500 events per request)');
  process.exit(2);
}

const run = randomUUID().slice(0, 8);
const now = Date.now();
const paths = ['/', '/products/42', '/products/7', '/cart', '/checkout'];
const events = Array.from({ length: count }, (_, index) => {
  const path = paths[index % paths.length];
  return {
    schemaVersion: 1,
    eventId: randomUUID(),
    eventType: 'page_view',
    // One millisecond apart, ending now: event time order is the order in the body.
    occurredAt: new Date(now - count + index).toISOString(),
    sessionId: values.spread ? `s-spread-${run}-${index}` : values.session,
    anonymousId: `a-workshop-${run}`,
    page: { url: `https://shop.example.com${path}`, path },
    device: { type: 'desktop' },
  };
});
console.log(JSON.stringify({ events }));
