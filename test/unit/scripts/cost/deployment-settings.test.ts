// Deployment settings read from a parsed serverless.yml: per-function memory, stage params.
import { deploymentSettingsFrom } from '../../../../scripts/cost/deployment-settings';

describe('deploymentSettingsFrom', () => {
  const document = {
    params: { default: { streamMode: 'PROVISIONED', consumerBatchSize: 250, consumerBatchingWindowSeconds: 2, archiveBufferSeconds: 120, archiveBufferSizeMb: 128 } },
    provider: { memorySize: 1024 },
    functions: { clickstreamIngest: { memorySize: 128 }, clickstreamConsume: {} },
  };

  it('takes function memory, falling back to the provider default, and resolves ${param:…}', () => {
    expect(deploymentSettingsFrom(document)).toEqual({
      ingestMemoryMb: 128,
      consumerMemoryMb: 1024,
      consumerBatchSize: 250,
      consumerBatchWindowSeconds: 2,
      streamMode: 'PROVISIONED',
      archiveBufferSeconds: 120,
      archiveBufferMb: 128,
    });
  });

  it('names the setting that is missing', () => {
    expect(() => deploymentSettingsFrom({ ...document, params: { default: {} } })).toThrow(/consumerBatchSize/);
  });
});
