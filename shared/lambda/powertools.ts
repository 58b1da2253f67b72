// Powertools singletons: handlers import these instead of creating their own (service name and level come from env).
import { Logger } from '@aws-lambda-powertools/logger';

/** Reads POWERTOOLS_SERVICE_NAME and POWERTOOLS_LOG_LEVEL, which serverless.yml sets per function. */
export const logger = new Logger();

/** The part of a logger the shared building blocks use, so tests can pass a plain recorder. */
export type StructuredLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
