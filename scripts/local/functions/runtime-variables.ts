// The environment variables Lambda gives an execution environment, layered over the function's own and the local base.
import type { LambdaFunctionSpec } from '../types';

export interface RuntimeVariablesInput {
  spec: LambdaFunctionSpec;
  /** SDK endpoints, fake credentials, region: what every function sees before its own variables. */
  baseEnv: Record<string, string>;
  /** Folder holding the function's bundle, Lambda's LAMBDA_TASK_ROOT. */
  taskRoot: string;
  logStreamName: string;
}

/** arn:aws:lambda:<region>:<account>:function:<name> → region. */
export function regionOfArn(arn: string): string | undefined {
  const region = arn.split(':')[3];
  return region ? region : undefined;
}

/** Lambda's stream names look like 2026/11/26/[$LATEST]<32 hex>, one per execution environment. */
export function logStreamNameFor(date: Date, environmentId: string): string {
  const day = date.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${environmentId}`;
}

/**
 * Reserved runtime variables win over the function's configuration (Lambda rejects them in a function's
 * Environment), and the function's variables win over the base environment.
 */
export function runtimeVariables(input: RuntimeVariablesInput): Record<string, string> {
  const { spec, baseEnv } = input;
  const region = regionOfArn(spec.arn) ?? baseEnv.AWS_REGION ?? 'us-east-1';
  return {
    ...baseEnv,
    ...spec.environment,
    AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memorySizeMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: input.logStreamName,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${process.versions.node.split('.')[0]}.x`,
    LAMBDA_TASK_ROOT: input.taskRoot,
    _HANDLER: spec.handler,
  };
}
