// Reads the cost-relevant deployment settings (memory, batch size, stream mode, Firehose buffering, alarms) from serverless.yml.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { DeploymentSettings } from './estimate';

const projectRoot = join(__dirname, '..', '..');

type YamlMap = Record<string, unknown>;
const asMap = (value: unknown): YamlMap => (typeof value === 'object' && value !== null ? (value as YamlMap) : {});

/** Resolves `${param:name}` against the default stage params; other variables are left as they are. */
function resolveParam(value: unknown, params: YamlMap): unknown {
  const match = typeof value === 'string' ? /^\$\{param:([A-Za-z]+)\}$/.exec(value) : null;
  return match?.[1] !== undefined ? params[match[1]] : value;
}

function numberSetting(value: unknown, params: YamlMap, name: string): number {
  const resolved = Number(resolveParam(value, params));
  if (!Number.isFinite(resolved) || resolved <= 0) throw new Error(`serverless.yml: ${name} is not a positive number (${String(value)})`);
  return resolved;
}

const resourcesOf = (document: YamlMap): YamlMap[] => Object.values(asMap(asMap(document.resources).Resources)).map(asMap);

/** The stack's alarms: those it always creates, and those that exist only with the Flink application. */
function alarmCounts(resources: readonly YamlMap[]): DeploymentSettings['alarms'] {
  const alarms = resources.filter((resource) => resource.Type === 'AWS::CloudWatch::Alarm');
  const withFlink = alarms.filter((alarm) => alarm.Condition === 'FlinkEnabled').length;
  return { always: alarms.length - withFlink, withFlink };
}

/** Pure: settings from the parsed serverless.yml (the consumers share one memory size; so do the ingest functions). */
export function deploymentSettingsFrom(document: YamlMap): DeploymentSettings {
  const params = asMap(asMap(document.params).default);
  const provider = asMap(document.provider);
  const functions = asMap(document.functions);
  const memoryOf = (name: string): number =>
    numberSetting(asMap(functions[name]).memorySize ?? provider.memorySize, params, `${name}.memorySize`);
  const streamMode = resolveParam('${param:streamMode}', params);
  return {
    ingestMemoryMb: memoryOf('clickstreamIngest'),
    consumerMemoryMb: memoryOf('clickstreamConsume'),
    consumerBatchSize: numberSetting('${param:consumerBatchSize}', params, 'consumerBatchSize'),
    consumerBatchWindowSeconds: numberSetting('${param:consumerBatchingWindowSeconds}', params, 'consumerBatchingWindowSeconds'),
    streamMode: streamMode === 'PROVISIONED' ? 'PROVISIONED' : 'ON_DEMAND',
    archiveBufferSeconds: numberSetting('${param:archiveBufferSeconds}', params, 'archiveBufferSeconds'),
    archiveBufferMb: numberSetting('${param:archiveBufferSizeMb}', params, 'archiveBufferSizeMb'),
    alarms: alarmCounts(resourcesOf(document)),
    streams: resourcesOf(document).filter((resource) => resource.Type === 'AWS::Kinesis::Stream').length,
    shardLevelMetrics: String(resolveParam('${param:shardLevelMetrics}', params)) === 'true',
  };
}

export function readDeploymentSettings(path = join(projectRoot, 'serverless.yml')): DeploymentSettings {
  // CloudFormation tags (!Ref, !GetAtt …) are unknown to the YAML parser; they do not touch the settings read here.
  return deploymentSettingsFrom(asMap(parse(readFileSync(path, 'utf8'), { logLevel: 'silent' })));
}
