// Simulator flags: defaults, --events without a duration, validation messages, help.
import { DEFAULTS, parseTrafficCli, UsageError, type ParsedCli } from '../../../../scripts/simulate/cli-options';

const DESCRIPTION = { command: 'simulate', summary: 'Simulates shoppers.', itemNoun: 'events' };
const parse = (...argv: string[]): ParsedCli => parseTrafficCli(argv, DESCRIPTION);

describe('parseTrafficCli', () => {
  it('runs 60 s at 100 events/s with seed 42 by default', () => {
    expect(parse()).toEqual({
      kind: 'run',
      options: { rate: 100, durationMs: 60_000, batchSize: 100, lingerMs: 200, concurrency: 4, seed: '42' },
    });
    expect(DEFAULTS.seed).toBe('42');
  });

  it('reads every flag', () => {
    const parsed = parse(
      '--rate', '200', '--duration', '90', '--events', '5000', '--batch-size', '500', '--linger', '50',
      '--concurrency', '8', '--seed', 'demo', '--api-url', 'http://127.0.0.1:4000/local', '--api-key', 'k',
    );
    expect(parsed).toEqual({
      kind: 'run',
      options: {
        rate: 200,
        durationMs: 90_000,
        maxItems: 5_000,
        batchSize: 500,
        lingerMs: 50,
        concurrency: 8,
        seed: 'demo',
        apiUrl: 'http://127.0.0.1:4000/local',
        apiKey: 'k',
      },
    });
  });

  it('bounds a run by --events alone when no duration is given', () => {
    expect(parse('-n', '1000', '-r', '0.5')).toEqual({
      kind: 'run',
      options: { rate: 0.5, maxItems: 1_000, batchSize: 100, lingerMs: 200, concurrency: 4, seed: '42' },
    });
  });

  it.each([
    [['--rate', '0'], /--rate must be a positive number/],
    [['--rate', 'fast'], /--rate must be a positive number/],
    [['--duration=-5'], /--duration must be a positive number/],
    [['--batch-size', '501'], /--batch-size must be an integer from 1 to 500/],
    [['--batch-size', '2.5'], /--batch-size must be an integer/],
    [['--events', '0'], /--events must be an integer from 1/],
    [['--concurrency', '0'], /--concurrency must be an integer from 1/],
    [['--speed', '3'], /Unknown option '--speed'/],
    [['extra'], /Unexpected argument 'extra'/],
  ])('rejects %j', (argv, message) => {
    expect(() => parse(...argv)).toThrow(UsageError);
    expect(() => parse(...argv)).toThrow(message);
  });

  it('prints help that names the command and every flag', () => {
    const parsed = parse('--help');
    expect(parsed.kind).toBe('help');
    const text = parsed.kind === 'help' ? parsed.text : '';
    expect(text).toContain('npm run simulate -- [options]');
    for (const flag of ['--rate', '--duration', '--events', '--batch-size', '--linger', '--concurrency', '--seed', '--api-url', '--api-key']) {
      expect(text).toContain(flag);
    }
  });
});
