// The Middy chain every function shares: Powertools logger with the Lambda context (request id, cold start) on each line.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { logger } from './powertools';

/** Events are not logged: they carry (pseudonymous) personal data. */
export function withLambdaContextLogging<TEvent, TResult>(handler: (event: TEvent, context: Context) => Promise<TResult>) {
  return middy(handler).use(injectLambdaContext(logger));
}
