// Deployment settings read from a parsed serverless.yml: per-function memory, stage params.
import { deploymentSettingsFrom, readDeploymentSettings } from '../../../../scripts/cost/deployment-settings';

describe('deploymentSettingsFrom', () => {
  const document = {
    params: { default: { streamMode: 'PROVISIONED', consumerBatchSize: 250, consumerBatchingWindowSeconds: 2, archiveBufferSeconds: 120, archiveBufferSizeMb: 128 } },
    provider: { memorySize: 1024 },
    functions: { clickstreamIngest: { memorySize: 128 }, clickstreamConsume: {} },
    resources: {
      Resources: {
        LagAlarm: { Type: 'AWS::CloudWatch::Alarm', Properties: {} },
        DeadLettersAlarm: { Type: 'AWS::CloudWatch::Alarm', Properties: {} },
        FlinkDowntimeAlarm: { Type: 'AWS::CloudWatch::Alarm', Condition: 'FlinkEnabled', Properties: {} },
        AlarmTopic: { Type: 'AWS::SNS::Topic', Properties: {} },
        ClicksStream: { Type: 'AWS::Kinesis::Stream', Properties: {} },
      },
    },
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
      alarms: { always: 2, withFlink: 1 },
      shardLevelMetrics: false,
      streams: 1,
    });
  });

  it("counts the project's own alarms and reads the shard-level metrics switch", () => {
    const settings = readDeploymentSettings();
    expect(settings.alarms).toEqual({ always: 13, withFlink: 1 });
    expect(settings.shardLevelMetrics).toBe(true);
    expect(settings.streams).toBe(4);
  });

  it('names the setting that is missing', () => {
    expect(() => deploymentSettingsFrom({ ...document, params: { default: {} } })).toThrow(/consumerBatchSize/);
  });
});
