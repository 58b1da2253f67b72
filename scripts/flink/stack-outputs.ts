// The deployed stack's outputs (deployment bucket, Flink application name), or undefined when the stack does not exist.
import { DescribeStacksCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `sls deploy` names the stack "<service>-<stage>"; the service name is serverless.yml's own. */
export function stackNameFor(projectRoot: string, stage: string): string {
  const match = /^service:\s*([A-Za-z0-9-]+)\s*$/m.exec(readFileSync(join(projectRoot, 'serverless.yml'), 'utf8'));
  if (!match?.[1]) throw new Error('serverless.yml has no top-level "service:" name');
  return `${match[1]}-${stage}`;
}

export async function readStackOutputs(cloudFormation: CloudFormationClient, stackName: string): Promise<Record<string, string> | undefined> {
  try {
    const { Stacks: stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    const outputs = stacks?.[0]?.Outputs ?? [];
    return Object.fromEntries(outputs.flatMap((output) => (output.OutputKey && output.OutputValue ? [[output.OutputKey, output.OutputValue]] : [])));
  } catch (error) {
    // CloudFormation answers a missing stack with a ValidationError "Stack with id … does not exist".
    if (error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message)) return undefined;
    throw error;
  }
}

export function requiredOutput(outputs: Record<string, string>, name: string, stackName: string): string {
  const value = outputs[name];
  if (value === undefined) throw new Error(`stack ${stackName} has no output ${name}`);
  return value;
}
