// The local cloud's own log: one JSON line per entry in a file, so the demo terminal stays readable.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LocalCloudLog {
  readonly path: string;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export function fileLog(path: string): LocalCloudLog {
  mkdirSync(dirname(path), { recursive: true });
  const write = (level: string, message: string, details?: Record<string, unknown>): void => {
    appendFileSync(path, `${JSON.stringify({ time: new Date().toISOString(), level, message, ...details })}\n`);
  };
  return {
    path,
    info: (message, details) => write('INFO', message, details),
    warn: (message, details) => write('WARN', message, details),
    error: (message, details) => write('ERROR', message, details),
  };
}
