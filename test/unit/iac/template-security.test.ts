// Security by default, checked on the deployable template `sls package --stage dev` compiles from serverless.yml.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageTemplate } from '../../../scripts/local/package-template';

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}

let resources: Record<string, Resource>;

beforeAll(() => {
  const root = join(__dirname, '..', '..', '..');
  const { templatePath } = packageTemplate({ projectRoot: root, stage: 'dev', log: { info: () => undefined } });
  resources = (JSON.parse(readFileSync(templatePath, 'utf8')) as { Resources: Record<string, Resource> }).Resources;
}, 120_000);

const ofType = (type: string): [string, Resource][] => Object.entries(resources).filter(([, resource]) => resource.Type === type);

/** Logical ids a value refers to through Ref, Fn::GetAtt or Fn::Sub. */
function referencedIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (value === null || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  if (typeof object.Ref === 'string') return [object.Ref];
  const getAtt = object['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return [getAtt[0]];
  const sub = object['Fn::Sub'];
  if (typeof sub === 'string') return [...sub.matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)].map((match) => match[1] ?? '');
  return Object.values(object).flatMap(referencedIds);
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const statementsOf = (role: Resource): Statement[] =>
  ((role.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap((policy) => policy.PolicyDocument.Statement);

test('every function has its own role', () => {
  const roles = ofType('AWS::Lambda::Function').map(([, fn]) => referencedIds(fn.Properties.Role)[0]);
  expect(roles.every((role) => role !== undefined && resources[role]?.Type === 'AWS::IAM::Role')).toBe(true);
  expect(new Set(roles).size).toBe(roles.length);
});

/**
 * The only statements that may not name a stack resource, each for a reason IAM imposes: Rekognition's DetectLabels
 * and DetectFaces act on the image bytes in the request and have no resource type, so '*' is their only Resource;
 * camera streams are created at run time (one per camera, by POST /cameras), so the stage's camera-stream name
 * prefix is the narrowest ARN for them. Each entry matches its actions AND its exact Resource.
 */
const justifiedWildcards: Array<{ actions: RegExp; resource: unknown }> = [
  { actions: /^rekognition:Detect(Labels|Faces)$/, resource: '*' },
  // CloudWatch GetMetricData has no resource-level permissions (the dashboard's stream metrics).
  { actions: /^cloudwatch:GetMetricData$/, resource: '*' },
  {
    actions: /^kinesisvideo:(CreateStream|DescribeStream|TagStream|DeleteStream|GetDataEndpoint|GetImages)$/,
    resource: { 'Fn::Sub': 'arn:${AWS::Partition}:kinesisvideo:${AWS::Region}:${AWS::AccountId}:stream/streaming-reference-dev-camera-*/*' },
  },
];

const isJustifiedWildcard = (statement: Statement): boolean =>
  justifiedWildcards.some(
    ({ actions, resource }) =>
      [statement.Action].flat().every((action) => actions.test(action)) && JSON.stringify(statement.Resource) === JSON.stringify(resource),
  );

test("each function's role names only the resources that function uses, never '*'", () => {
  for (const [functionId, fn] of ofType('AWS::Lambda::Function')) {
    const roleId = referencedIds(fn.Properties.Role)[0] ?? '';
    // What the function is wired to: its environment, its event sources and their failure destinations, its log group.
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, mapping]) => referencedIds(mapping.Properties.FunctionName).includes(functionId));
    const own = new Set([
      ...referencedIds(fn.Properties.Environment),
      ...mappings.flatMap(([, mapping]) => referencedIds([mapping.Properties.EventSourceArn, mapping.Properties.DestinationConfig])),
      functionId.replace(/LambdaFunction$/, 'LogGroup'),
    ]);
    for (const statement of statementsOf(resources[roleId]!)) {
      if (isJustifiedWildcard(statement)) continue;
      expect({ functionId, resource: statement.Resource }).not.toEqual({ functionId, resource: '*' });
      const named = referencedIds(statement.Resource);
      expect(named.length).toBeGreaterThan(0);
      for (const id of named) expect({ functionId, id, own: own.has(id) }).toEqual({ functionId, id, own: true });
    }
  }
});

test('streams, tables, queues, buckets and delivery streams are encrypted at rest', () => {
  for (const [, stream] of ofType('AWS::Kinesis::Stream')) expect(stream.Properties.StreamEncryption).toMatchObject({ EncryptionType: 'KMS' });
  for (const [, table] of ofType('AWS::DynamoDB::Table')) expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true });
  for (const [, queue] of ofType('AWS::SQS::Queue')) expect(queue.Properties.SqsManagedSseEnabled ?? queue.Properties.KmsMasterKeyId).toBeTruthy();
  for (const [, bucket] of ofType('AWS::S3::Bucket')) expect(bucket.Properties.BucketEncryption).toBeDefined();
  for (const [, delivery] of ofType('AWS::KinesisFirehose::DeliveryStream')) expect(delivery.Properties.DeliveryStreamEncryptionConfigurationInput).toBeDefined();
});

test('tables keep point-in-time recovery', () => {
  for (const [, table] of ofType('AWS::DynamoDB::Table')) expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
});

test('buckets block public access, and data buckets deny requests without TLS', () => {
  for (const [, bucket] of ofType('AWS::S3::Bucket')) {
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
  }
  const policies = ofType('AWS::S3::BucketPolicy');
  for (const [bucketId] of ofType('AWS::S3::Bucket')) {
    const policy = policies.find(([, candidate]) => referencedIds(candidate.Properties.Bucket).includes(bucketId));
    expect({ bucketId, hasPolicy: policy !== undefined }).toEqual({ bucketId, hasPolicy: true });
    const statements = (policy![1].Properties.PolicyDocument as { Statement: (Statement & { Condition?: { Bool?: Record<string, unknown> } })[] }).Statement;
    // The framework writes the condition value as a boolean, serverless.yml as a string; IAM treats both alike.
    const deniesPlainHttp = statements.some((statement) => statement.Effect === 'Deny' && String(statement.Condition?.Bool?.['aws:SecureTransport']) === 'false');
    expect({ bucketId, deniesPlainHttp }).toEqual({ bucketId, deniesPlainHttp: true });
  }
});

/** GET /dashboard serves a static page with no data (a browser cannot send x-api-key when it opens a URL); the page then calls the keyed APIs. */
const unkeyedMethods = new Set(['ApiGatewayMethodDashboardGet']);

test('every API method but the static dashboard page requires an API key and every key is throttled by a usage plan', () => {
  const methods = ofType('AWS::ApiGateway::Method').filter(([methodId]) => !unkeyedMethods.has(methodId));
  expect(methods.length).toBeGreaterThan(0);
  expect(ofType('AWS::ApiGateway::Method').map(([methodId]) => methodId)).toEqual(expect.arrayContaining([...unkeyedMethods]));
  for (const [methodId, method] of methods) expect({ methodId, ApiKeyRequired: method.Properties.ApiKeyRequired }).toEqual({ methodId, ApiKeyRequired: true });
  for (const [, plan] of ofType('AWS::ApiGateway::UsagePlan')) {
    const throttle = plan.Properties.Throttle as { RateLimit?: unknown; BurstLimit?: unknown } | undefined;
    expect([typeof throttle?.RateLimit, typeof throttle?.BurstLimit]).toEqual(['number', 'number']);
  }
  expect(ofType('AWS::ApiGateway::UsagePlanKey').length).toBe(ofType('AWS::ApiGateway::ApiKey').length);
});
