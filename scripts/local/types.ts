// Contracts shared by the pieces of the embedded local cloud (template resolver, function host, pollers, Firehose, API).

/** One CloudFormation resource from the packaged template, with every intrinsic in its Properties resolved. */
export interface ResolvedResource {
  logicalId: string;
  type: string;
  /** Properties with Ref/GetAtt/Sub/Join/If/... already resolved to plain values. */
  properties: Record<string, unknown>;
  /** What `Ref` returns for this resource (stream name, table name, queue URL, function name, ...). */
  physicalId: string;
  /** What `Fn::GetAtt` returns, by attribute name (Arn, QueueName, StreamArn, ...). */
  attributes: Record<string, string>;
}

/** A Lambda function as the local cloud runs it: the handler from source, the environment AWS would give it. */
export interface LambdaFunctionSpec {
  logicalId: string;
  functionName: string;
  arn: string;
  /** As in the template, e.g. "functions/clickstream/ingest.handler" (source is functions/clickstream/ingest.ts). */
  handler: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
  memorySizeMb: number;
  roleArn: string;
}

export type InvokeOutcome =
  | { kind: 'ok'; payload: unknown; durationMs: number }
  /** The function threw, returned a rejected promise, or timed out (errorType "Sandbox.Timedout"). */
  | { kind: 'function-error'; errorType: string; errorMessage: string; durationMs: number };

/** Synchronous (RequestResponse) invocation, like Lambda's Invoke API. */
export interface FunctionInvoker {
  invoke(functionNameOrArn: string, event: unknown): Promise<InvokeOutcome>;
}

/** Every running piece of the local cloud can be stopped; stop() is idempotent and waits for in-flight work. */
export interface Stoppable {
  stop(): Promise<void>;
}
