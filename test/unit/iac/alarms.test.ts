// Operations: every place where data can wait or be set aside has an alarm, checked on the template `sls package --stage dev` compiles.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageTemplate } from '../../../scripts/local/package-template';

interface Resource {
  Type: string;
  Condition?: string;
  Properties: Record<string, unknown>;
}

interface Template {
  Resources: Record<string, Resource>;
  Conditions: Record<string, unknown>;
}

interface Dimension {
  Name: string;
  Value: unknown;
}

let template: Template;

beforeAll(() => {
  const root = join(__dirname, '..', '..', '..');
  const { templatePath } = packageTemplate({ projectRoot: root, stage: 'dev', log: { info: () => undefined } });
  template = JSON.parse(readFileSync(templatePath, 'utf8')) as Template;
}, 120_000);

const ofType = (type: string): [string, Resource][] => Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
const ref = (logicalId: string) => ({ Ref: logicalId });

/** The alarms on `metric` whose dimension `name` is `value`. */
function alarmsOn(metric: string, name: string, value: unknown): Resource[] {
  return ofType('AWS::CloudWatch::Alarm')
    .map(([, alarm]) => alarm)
    .filter((alarm) => alarm.Properties.MetricName === metric && (alarm.Properties.Dimensions as Dimension[]).some((dimension) => dimension.Name === name && JSON.stringify(dimension.Value) === JSON.stringify(value)));
}

test('every stream consumer has a lag alarm: IteratorAge above the threshold for 5 minutes in a row', () => {
  const consumers = [...new Set(ofType('AWS::Lambda::EventSourceMapping').map(([, mapping]) => (mapping.Properties.FunctionName as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0]))];
  expect(consumers.length).toBeGreaterThanOrEqual(4);
  for (const consumer of consumers) {
    const [alarm, ...others] = alarmsOn('IteratorAge', 'FunctionName', ref(consumer));
    expect({ consumer, others: others.length }).toEqual({ consumer, others: 0 });
    expect(alarm?.Properties).toMatchObject({ Namespace: 'AWS/Lambda', Statistic: 'Maximum', Period: 60, EvaluationPeriods: 5, Threshold: 120_000, ComparisonOperator: 'GreaterThanThreshold' });
  }
});

test('every queue (dead letters, failed batches) alarms on its first visible message', () => {
  const queues = ofType('AWS::SQS::Queue').map(([id]) => id);
  expect(queues.length).toBeGreaterThanOrEqual(4);
  for (const queue of queues) {
    const alarms = alarmsOn('ApproximateNumberOfMessagesVisible', 'QueueName', { 'Fn::GetAtt': [queue, 'QueueName'] });
    expect({ queue, alarms: alarms.length }).toEqual({ queue, alarms: 1 });
    expect(alarms[0]?.Properties).toMatchObject({ Namespace: 'AWS/SQS', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
  }
});

test("every archive alarms when its data waits longer than a buffer interval to reach S3", () => {
  const deliveryStreams = ofType('AWS::KinesisFirehose::DeliveryStream');
  expect(deliveryStreams.length).toBeGreaterThanOrEqual(3);
  for (const [id, stream] of deliveryStreams) {
    const destination = stream.Properties.ExtendedS3DestinationConfiguration as { BufferingHints: { IntervalInSeconds: number } };
    const alarms = alarmsOn('DeliveryToS3.DataFreshness', 'DeliveryStreamName', ref(id));
    expect({ id, alarms: alarms.length }).toEqual({ id, alarms: 1 });
    expect(alarms[0]?.Properties.Threshold).toBeGreaterThan(destination.BufferingHints.IntervalInSeconds);
  }
});

test("the API's 5xx alarm names the REST API and stage CloudWatch reports it under", () => {
  const [[, api] = []] = ofType('AWS::ApiGateway::RestApi');
  const alarms = alarmsOn('5XXError', 'ApiName', api?.Properties.Name);
  expect(alarms).toHaveLength(1);
  expect(alarms[0]?.Properties.Dimensions).toContainEqual({ Name: 'Stage', Value: 'dev' });
});

test('the scheduled stale-device scan alarms on errors; the Flink job on downtime, only when it is deployed', () => {
  expect(alarmsOn('Errors', 'FunctionName', ref('IotDetectStaleLambdaFunction'))).toHaveLength(1);
  const [downtime, ...others] = alarmsOn('downtime', 'Application', ref('MetricsApplication'));
  expect(others).toHaveLength(0);
  expect(downtime?.Condition).toBe(template.Resources.MetricsApplication?.Condition);
  expect(downtime?.Condition).toBe('FlinkEnabled');
});

test('every alarm notifies the alarm topic when it fires and when it clears, and no traffic is not an incident', () => {
  const alarms = ofType('AWS::CloudWatch::Alarm');
  expect(alarms.length).toBeGreaterThanOrEqual(13);
  for (const [id, alarm] of alarms) {
    expect({ id, ...alarm.Properties }).toMatchObject({ id, AlarmActions: [ref('AlarmTopic')], OKActions: [ref('AlarmTopic')], TreatMissingData: 'notBreaching' });
  }
});

test('the alarm topic is encrypted with a rotating key that CloudWatch, for this account only, may use to publish', () => {
  const topic = template.Resources.AlarmTopic;
  expect(topic?.Properties.KmsMasterKeyId).toEqual(ref('AlarmTopicKey'));
  const key = template.Resources.AlarmTopicKey;
  expect(key?.Type).toBe('AWS::KMS::Key');
  expect(key?.Properties.EnableKeyRotation).toBe(true);
  const statements = (key?.Properties.KeyPolicy as { Statement: Array<Record<string, unknown>> }).Statement;
  expect(statements).toContainEqual(
    expect.objectContaining({
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
    }),
  );
  // No other principal than the account itself and CloudWatch.
  expect(statements.map((statement) => JSON.stringify(statement.Principal)).sort()).toEqual(
    [JSON.stringify({ AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }), JSON.stringify({ Service: 'cloudwatch.amazonaws.com' })].sort(),
  );
});

test('an e-mail subscription exists only when the alarmEmail parameter is set', () => {
  const subscriptions = ofType('AWS::SNS::Subscription').filter(([, subscription]) => JSON.stringify(subscription.Properties.TopicArn) === JSON.stringify(ref('AlarmTopic')));
  expect(subscriptions).toHaveLength(1);
  const [[, subscription] = []] = subscriptions;
  expect(subscription?.Condition).toBe('HasAlarmEmail');
  expect(template.Conditions.HasAlarmEmail).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [ref('AlarmEmail'), ''] }] });
});
