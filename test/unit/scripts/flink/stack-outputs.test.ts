// Unit tests: reading the stack's outputs (missing stack → undefined), the stack name, and the CLI flags.
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { join } from 'node:path';
import { parseFlinkCli, UsageError } from '../../../../scripts/flink/flink-cli';
import { readStackOutputs, requiredOutput, stackNameFor } from '../../../../scripts/flink/stack-outputs';

const cfn = mockClient(CloudFormationClient);
const client = new CloudFormationClient({ region: 'eu-west-1' });
beforeEach(() => cfn.reset());

describe('readStackOutputs', () => {
  it('maps the outputs by key', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'streaming-reference-dev',
          CreationTime: new Date(0),
          StackStatus: 'UPDATE_COMPLETE',
          Outputs: [
            { OutputKey: 'ServerlessDeploymentBucketName', OutputValue: 'deploy-bucket' },
            { OutputKey: 'MetricsApplicationName', OutputValue: 'streaming-reference-dev-metrics' },
          ],
        },
      ],
    });
    const outputs = await readStackOutputs(client, 'streaming-reference-dev');
    expect(outputs).toEqual({ ServerlessDeploymentBucketName: 'deploy-bucket', MetricsApplicationName: 'streaming-reference-dev-metrics' });
    expect(cfn.commandCalls(DescribeStacksCommand)[0]?.args[0].input).toEqual({ StackName: 'streaming-reference-dev' });
    expect(() => requiredOutput(outputs ?? {}, 'DataLakeBucketName', 'streaming-reference-dev')).toThrow(
      'stack streaming-reference-dev has no output DataLakeBucketName',
    );
  });

  it('answers undefined for a stack that does not exist, and rethrows anything else', async () => {
    cfn.on(DescribeStacksCommand).rejects(Object.assign(new Error('Stack with id streaming-reference-x does not exist'), { name: 'ValidationError' }));
    await expect(readStackOutputs(client, 'streaming-reference-x')).resolves.toBeUndefined();
    cfn.on(DescribeStacksCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));
    await expect(readStackOutputs(client, 'streaming-reference-x')).rejects.toThrow('Rate exceeded');
  });
});

test("the stack name is serverless.yml's service and the stage", () => {
  expect(stackNameFor(join(__dirname, '..', '..', '..', '..'), 'dev')).toBe('streaming-reference-dev');
});

describe('parseFlinkCli', () => {
  it('needs a stage; the region comes from the flag, then the environment, then the serverless.yml default', () => {
    expect(parseFlinkCli(['--stage', 'dev'], {})).toEqual({ stage: 'dev', region: 'us-east-1', skipRestore: false, help: false });
    expect(parseFlinkCli(['--stage', 'dev'], { AWS_REGION: 'eu-west-1' }).region).toBe('eu-west-1');
    expect(parseFlinkCli(['--stage', 'prod', '--region', 'eu-central-1', '--skip-restore'], { AWS_REGION: 'eu-west-1' })).toEqual({
      stage: 'prod',
      region: 'eu-central-1',
      skipRestore: true,
      help: false,
    });
  });

  it('reports usage errors', () => {
    expect(() => parseFlinkCli([], {})).toThrow(UsageError);
    expect(() => parseFlinkCli(['--stage', 'a b'], {})).toThrow('--stage must be letters');
    expect(() => parseFlinkCli(['--stage', 'dev', '--force'], {})).toThrow(UsageError);
  });
});
