// The stack contract (test/stack) on the embedded local cloud: the same checks npm run test:localstack runs on LocalStack.
import { describeStackContract } from '../stack/stack-contract';
import { useLocalCloud } from './local-cloud-fixture';

const cloud = useLocalCloud();

describeStackContract(
  'embedded',
  () => ({
    backend: 'embedded',
    stage: cloud().stage,
    stackName: cloud().stackName,
    apiUrl: cloud().apiUrl,
    apiKey: cloud().apiKeys[0]?.value ?? '',
    physicalId: (logicalId) => cloud().physicalId(logicalId),
  }),
  { flushArchives: () => cloud().firehose.flush(), settleTimeoutMs: 30_000 },
);
