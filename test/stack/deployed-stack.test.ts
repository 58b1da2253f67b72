// The stack contract on a deployed stack: LocalStack (npm run test:localstack) or AWS (npm run test:deployed -- --stage dev).
import { backendFromEndpoint, discoverDeployedStack, type StackUnderTest } from '../../scripts/stack/deployed-stack';
import { describeStackContract } from './stack-contract';

const stage = process.env.STACK_STAGE;
if (!stage) throw new Error('STACK_STAGE is not set: run npm run test:localstack, or npm run test:deployed -- --stage <stage>');
const backend = backendFromEndpoint(process.env);
let stack: StackUnderTest | undefined;

beforeAll(async () => {
  stack = await discoverDeployedStack({ stage, region: process.env.AWS_REGION ?? 'us-east-1' });
}, 60_000);

describeStackContract(
  backend,
  () => {
    if (!stack) throw new Error(`stack streaming-reference-${stage} was not found (see the beforeAll error)`);
    return stack;
  },
  // Firehose buffers up to archiveBufferSeconds (60 s) on AWS before an object appears.
  { settleTimeoutMs: backend === 'aws' ? 180_000 : 60_000 },
);
