// The Lambda context object a handler receives, built from the runtime variables of its execution environment.
import type { Callback, Context } from 'aws-lambda';

export interface InvocationContextInput {
  /** The execution environment's variables (AWS_LAMBDA_FUNCTION_NAME, ...), as Lambda sets them. */
  env: Record<string, string | undefined>;
  requestId: string;
  invokedFunctionArn: string;
  deadlineEpochMs: number;
  now: () => number;
  /** Where the legacy done/fail/succeed methods report, like the handler's callback. */
  callback: Callback;
}

export function createLambdaContext(input: InvocationContextInput): Context {
  const { env, callback } = input;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME ?? '',
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
    invokedFunctionArn: input.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    awsRequestId: input.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? '',
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? '',
    getRemainingTimeInMillis: () => Math.max(0, input.deadlineEpochMs - input.now()),
    done: (error?: Error, result?: unknown) => callback(error, result),
    fail: (error: Error | string) => callback(error),
    succeed: (result: unknown) => callback(null, result),
  };
}
