// What Ref and Fn::GetAtt return for each resource type, named the way CloudFormation names them on AWS.
import { createHash } from 'node:crypto';
import { isRecord } from './load';

export interface StackIdentity {
  stackName: string;
  region: string;
  accountId: string;
  partition: string;
  urlSuffix: string;
}

export interface ResourceIdentity {
  /** What Ref returns. */
  physicalId: string;
  /** What Fn::GetAtt returns, by attribute name. */
  attributes: Record<string, string>;
}

interface IdentityInput {
  logicalId: string;
  properties: Record<string, unknown>;
  stack: StackIdentity;
}

type IdentityModel = (input: IdentityInput) => ResourceIdentity;

const upperAlphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const lowerAlphanumeric = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Identifiers AWS makes up (generated names, API ids, UUIDs) derived from the stack and logical id: the same template
 * gets the same names on every start, so provisioning is idempotent and logs are comparable between runs.
 */
export function deterministicId(seed: string, length: number, alphabet = upperAlphanumeric): string {
  const bytes = createHash('sha256').update(seed).digest();
  let id = '';
  for (let index = 0; id.length < length; index += 1) id += alphabet[bytes[index % bytes.length]! % alphabet.length];
  return id;
}

function deterministicUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** CloudFormation's name for an unnamed resource: "<stack>-<LogicalId>-<13 random characters>", cut to the type's limit. */
export function generatedName(stack: StackIdentity, logicalId: string, maxLength: number, lowercase = false, suffix = ''): string {
  const random = deterministicId(`${stack.stackName}/${logicalId}`, 13, lowercase ? lowerAlphanumeric : upperAlphanumeric);
  const base = `${stack.stackName}-${logicalId}`.slice(0, maxLength - random.length - 1 - suffix.length);
  const name = `${base}-${random}${suffix}`;
  return lowercase ? name.toLowerCase() : name;
}

function explicitName(properties: Record<string, unknown>, property: string): string | undefined {
  const value = properties[property];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function nested(properties: Record<string, unknown>, path: readonly string[]): unknown {
  let node: unknown = properties;
  for (const key of path) node = isRecord(node) ? node[key] : undefined;
  return node;
}

function arn(stack: StackIdentity, service: string, resource: string, regional = true): string {
  return `arn:${stack.partition}:${service}:${regional ? stack.region : ''}:${stack.accountId}:${resource}`;
}

/** Resources whose Ref is a name (in `property`, else generated) and whose attributes follow from it. */
function namedResource(
  property: string,
  maxLength: number,
  attributes: (name: string, input: IdentityInput) => Record<string, string>,
  options: { lowercase?: boolean; suffix?: (properties: Record<string, unknown>) => string } = {},
): IdentityModel {
  return (input) => {
    const suffix = options.suffix?.(input.properties) ?? '';
    const name = explicitName(input.properties, property) ?? generatedName(input.stack, input.logicalId, maxLength, options.lowercase, suffix);
    return { physicalId: name, attributes: attributes(name, input) };
  };
}

/** Resources AWS identifies by an id it makes up (API Gateway ids, mapping UUIDs); `attribute` also exposes it. */
function generatedId(length: number, alphabet: string, attributeNames: string[] = []): IdentityModel {
  return ({ logicalId, stack }) => {
    const id = deterministicId(`${stack.stackName}/${logicalId}`, length, alphabet);
    return { physicalId: id, attributes: Object.fromEntries(attributeNames.map((name) => [name, id])) };
  };
}

const fifoSuffix = (flag: string) => (properties: Record<string, unknown>) => (String(properties[flag]) === 'true' ? '.fifo' : '');

const queueModel: IdentityModel = (input) => {
  const name = explicitName(input.properties, 'QueueName') ?? generatedName(input.stack, input.logicalId, 80, false, fifoSuffix('FifoQueue')(input.properties));
  // The backend's real URL replaces this once the queue exists (clients must use the URL the backend returns).
  const url = `https://sqs.${input.stack.region}.${input.stack.urlSuffix}/${input.stack.accountId}/${name}`;
  return { physicalId: url, attributes: { Arn: arn(input.stack, 'sqs', name), QueueName: name, QueueUrl: url } };
};

const topicModel: IdentityModel = (input) => {
  const name = explicitName(input.properties, 'TopicName') ?? generatedName(input.stack, input.logicalId, 256, false, fifoSuffix('FifoTopic')(input.properties));
  const topicArn = arn(input.stack, 'sns', name);
  return { physicalId: topicArn, attributes: { TopicArn: topicArn, TopicName: name } };
};

const bucketModel = namedResource(
  'BucketName',
  63,
  (name, { stack }) => ({
    Arn: `arn:${stack.partition}:s3:::${name}`,
    DomainName: `${name}.s3.${stack.urlSuffix}`,
    RegionalDomainName: `${name}.s3.${stack.region}.${stack.urlSuffix}`,
    DualStackDomainName: `${name}.s3.dualstack.${stack.region}.${stack.urlSuffix}`,
    WebsiteURL: `http://${name}.s3-website-${stack.region}.${stack.urlSuffix}`,
  }),
  { lowercase: true },
);

const tableModel = namedResource('TableName', 255, (name, { stack, properties }): Record<string, string> => {
  const tableArn = arn(stack, 'dynamodb', `table/${name}`);
  if (!isRecord(properties.StreamSpecification)) return { Arn: tableArn };
  // A placeholder shaped like AWS's; provisioning replaces it with the backend's LatestStreamArn.
  return { Arn: tableArn, StreamArn: `${tableArn}/stream/1970-01-01T00:00:00.000` };
});

const roleModel: IdentityModel = (input) => {
  const name = explicitName(input.properties, 'RoleName') ?? generatedName(input.stack, input.logicalId, 64);
  const path = explicitName(input.properties, 'Path') ?? '/';
  const roleId = `AROA${deterministicId(`${input.stack.stackName}/${input.logicalId}/id`, 17)}`;
  return { physicalId: name, attributes: { Arn: arn(input.stack, 'iam', `role${path}${name}`, false), RoleId: roleId } };
};

const managedPolicyModel: IdentityModel = (input) => {
  const name = explicitName(input.properties, 'ManagedPolicyName') ?? generatedName(input.stack, input.logicalId, 128);
  const path = explicitName(input.properties, 'Path') ?? '/';
  const policyArn = arn(input.stack, 'iam', `policy${path}${name}`, false);
  return { physicalId: policyArn, attributes: { PolicyArn: policyArn } };
};

const restApiModel: IdentityModel = ({ logicalId, stack }) => {
  const id = deterministicId(`${stack.stackName}/${logicalId}`, 10, lowerAlphanumeric);
  const rootResourceId = deterministicId(`${stack.stackName}/${logicalId}/root`, 10, lowerAlphanumeric);
  return { physicalId: id, attributes: { RestApiId: id, RootResourceId: rootResourceId } };
};

const httpApiModel: IdentityModel = ({ logicalId, stack }) => {
  const id = deterministicId(`${stack.stackName}/${logicalId}`, 10, lowerAlphanumeric);
  return { physicalId: id, attributes: { ApiId: id, ApiEndpoint: `https://${id}.execute-api.${stack.region}.${stack.urlSuffix}` } };
};

const uuidModel =
  (attributeName: string): IdentityModel =>
  ({ logicalId, stack }) => {
    const id = deterministicUuid(`${stack.stackName}/${logicalId}`);
    return { physicalId: id, attributes: { [attributeName]: id } };
  };

const nameAsRef = (property: string, maxLength: number): IdentityModel => namedResource(property, maxLength, () => ({}));

const nestedNameAsRef =
  (path: readonly string[], maxLength: number): IdentityModel =>
  (input) => {
    const value = nested(input.properties, path);
    const name = typeof value === 'string' && value !== '' ? value : generatedName(input.stack, input.logicalId, maxLength, true);
    return { physicalId: name, attributes: {} };
  };

const models: Record<string, IdentityModel> = {
  'AWS::Kinesis::Stream': namedResource('Name', 128, (name, { stack }) => ({ Arn: arn(stack, 'kinesis', `stream/${name}`) })),
  'AWS::DynamoDB::Table': tableModel,
  'AWS::SQS::Queue': queueModel,
  'AWS::SNS::Topic': topicModel,
  'AWS::SNS::Subscription': uuidModel('Id'),
  'AWS::S3::Bucket': bucketModel,
  'AWS::Lambda::Function': namedResource('FunctionName', 64, (name, { stack }) => ({ Arn: arn(stack, 'lambda', `function:${name}`) })),
  'AWS::Lambda::EventSourceMapping': uuidModel('Id'),
  'AWS::KinesisFirehose::DeliveryStream': namedResource('DeliveryStreamName', 64, (name, { stack }) => ({
    Arn: arn(stack, 'firehose', `deliverystream/${name}`),
  })),
  'AWS::IAM::Role': roleModel,
  'AWS::IAM::ManagedPolicy': managedPolicyModel,
  'AWS::Logs::LogGroup': namedResource('LogGroupName', 512, (name, { stack }) => ({ Arn: arn(stack, 'logs', `log-group:${name}:*`) })),
  'AWS::Logs::LogStream': nameAsRef('LogStreamName', 512),
  'AWS::Glue::Database': nestedNameAsRef(['DatabaseInput', 'Name'], 255),
  'AWS::Glue::Table': nestedNameAsRef(['TableInput', 'Name'], 255),
  'AWS::Athena::WorkGroup': namedResource('Name', 128, (_name, { properties }) => {
    const selected = nested(properties, ['WorkGroupConfiguration', 'EngineVersion', 'SelectedEngineVersion']);
    const effective = typeof selected === 'string' && selected !== 'AUTO' ? selected : 'Athena engine version 3';
    return { 'WorkGroupConfiguration.EngineVersion.EffectiveEngineVersion': effective };
  }),
  'AWS::Athena::NamedQuery': uuidModel('NamedQueryId'),
  'AWS::ApiGateway::RestApi': restApiModel,
  'AWS::ApiGateway::Resource': generatedId(10, lowerAlphanumeric, ['ResourceId']),
  'AWS::ApiGateway::Deployment': generatedId(10, lowerAlphanumeric, ['DeploymentId']),
  'AWS::ApiGateway::ApiKey': generatedId(10, lowerAlphanumeric, ['APIKeyId']),
  'AWS::ApiGateway::UsagePlan': generatedId(10, lowerAlphanumeric, ['Id']),
  'AWS::ApiGateway::Stage': nameAsRef('StageName', 128),
  'AWS::ApiGatewayV2::Api': httpApiModel,
  'AWS::ApiGatewayV2::Stage': nameAsRef('StageName', 128),
  'AWS::Rekognition::Collection': namedResource('CollectionId', 255, (name, { stack }) => ({ Arn: arn(stack, 'rekognition', `collection/${name}`) })),
  'AWS::Events::Rule': namedResource('Name', 64, (name, { stack }) => ({ Arn: arn(stack, 'events', `rule/${name}`) })),
};

/** Identity of a resource of any type; unknown types get a generated physical id and no attributes. */
export function resourceIdentity(type: string, logicalId: string, properties: Record<string, unknown>, stack: StackIdentity): ResourceIdentity {
  const model = models[type] ?? ((input: IdentityInput) => ({ physicalId: generatedName(input.stack, input.logicalId, 128), attributes: {} }));
  return model({ logicalId, properties, stack });
}
