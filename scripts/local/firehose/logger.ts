// The logging the Firehose emulator needs; console and the Powertools Logger both fit.

export interface FirehoseLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

const line = (message: string, details?: Record<string, unknown>): string =>
  details === undefined ? `[firehose] ${message}` : `[firehose] ${message} ${JSON.stringify(details)}`;

export const consoleLogger: FirehoseLogger = {
  info: (message, details) => console.log(line(message, details)),
  warn: (message, details) => console.warn(line(message, details)),
  error: (message, details) => console.error(line(message, details)),
};

export const silentLogger: FirehoseLogger = { info: () => {}, warn: () => {}, error: () => {} };
