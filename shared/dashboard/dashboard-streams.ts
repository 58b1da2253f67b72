// The streams the dashboard shows, from the function's environment (stream and consumer names set by serverless.yml).
import { STREAM_DOMAINS, type DashboardStream } from './stream-metrics-ports';

/** `<DOMAIN>_STREAM_NAME` and `<DOMAIN>_CONSUMER_FUNCTION_NAME` for each domain, e.g. IOT_STREAM_NAME. */
export const streamEnvironmentNames = (domain: string): { stream: string; consumer: string } => {
  const prefix = domain.toUpperCase();
  return { stream: `${prefix}_STREAM_NAME`, consumer: `${prefix}_CONSUMER_FUNCTION_NAME` };
};

/** Throws naming every missing variable, so a misconfigured deployment fails at init, not on the first request. */
export function dashboardStreamsFromEnv(env: NodeJS.ProcessEnv = process.env): DashboardStream[] {
  const missing: string[] = [];
  const streams = STREAM_DOMAINS.map((domain): DashboardStream => {
    const names = streamEnvironmentNames(domain);
    const value = (name: string): string => {
      const text = env[name];
      if (text === undefined || text === '') missing.push(name);
      return text ?? '';
    };
    return { domain, streamName: value(names.stream), consumerFunctionName: value(names.consumer) };
  });
  if (missing.length > 0) throw new Error(`Invalid configuration: ${missing.map((name) => `${name} is not set`).join('; ')}`);
  return streams;
}
