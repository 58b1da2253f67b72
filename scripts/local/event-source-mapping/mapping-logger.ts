// The logging the poller needs; console and the Powertools Logger both fit.

export interface MappingLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export const silentLogger: MappingLogger = { info: () => {}, warn: () => {}, error: () => {} };
