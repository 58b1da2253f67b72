// The embedded local cloud: emulators + resources from the packaged template + the project's own AWS-faithful pieces.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulators, type KinesisBackend, type RunningEmulators } from './emulators';
import { provisionStack, type ProvisionedStack, type SkippedResource } from './provision';
import { startFirehoseEmulator, s3ObjectSinkFromEnvironment, type FirehoseEmulator } from './firehose';
import { startVideoFakes, type VideoFakes } from './video';
import { startFunctionHost, type FunctionHost } from './functions/function-host';
import { fileLogSink, prefixedStreamSink } from './functions/log-sinks';
import { startRestApi, type RestApi, type ApiKeyInfo } from './api-gateway/rest-api-server';
import {
  createAwsOnFailureDestination,
  createSdkKinesisReader,
  startKinesisEventSourceMapping,
  type KinesisMappingHandle,
} from './event-source-mapping';
import { packageTemplate, type PackagedTemplate } from './package-template';
import { startSchedules, type ScheduleRunner } from './schedules';
import { fileLog, type LocalCloudLog } from './cloud-log';
import { startCloudWatchPublisher, type CloudWatchPublisher } from './cloudwatch';
import { createDeliveryFaultInvoker, startFaultProxy, type FaultProxy, type LocalCloudFaults } from './faults';
import type { FunctionInvoker, ResolvedResource, Stoppable } from './types';
import { createKinesisClient } from '../../shared/aws/clients';

export const projectRoot = join(__dirname, '..', '..');

export interface LocalCloudOptions {
  /** The serverless.yml stage to package and run (default "local"). */
  stage?: string;
  kinesisBackend?: KinesisBackend;
  /** Fixed ports for the demo; 0 (default) = ephemeral ports, as the tests use. */
  ports?: { api?: number; moto?: number; kinesis?: number; firehose?: number; video?: number };
  /** Where the local cloud's own logs go (default .local/logs/local-cloud[-suffix].log). */
  logSuffix?: string;
  /** Function console output: 'file' (default: .local/logs/functions/) or 'stdout'. */
  functionLogs?: 'file' | 'stdout';
  /** ESM polling interval when a shard is idle (AWS: ~1 s). */
  pollIntervalMs?: number;
  /** Write .local/cloud.json (API URL and key) for the simulator and curl users. Default true. */
  writeConnectionFile?: boolean;
  /**
   * Fault tests: every SDK client of the cloud (functions, pollers, this process) reaches the emulators through a
   * fault-injecting proxy, and the mappings deliver through a duplicating wrapper. Nothing is injected until the
   * test configures it through `LocalCloud.faults`; `seed` makes the injected faults reproducible.
   */
  faults?: { seed: number };
}

export interface LocalCloud extends Stoppable {
  stage: string;
  stackName: string;
  region: string;
  accountId: string;
  kinesisBackend: KinesisBackend;
  /** The SDK environment reaching every local service (also applied to this process). */
  sdkEnv: Record<string, string>;
  apiUrl: string;
  apiKeys: ApiKeyInfo[];
  resources: ResolvedResource[];
  skipped: SkippedResource[];
  functions: FunctionHost;
  firehose: FirehoseEmulator;
  /** The Kinesis Video Streams and Rekognition fakes (scripts/local/video), with their fault hooks. */
  video: VideoFakes;
  mappings: KinesisMappingHandle[];
  /** EventBridge rate() rules invoking their Lambda targets. */
  schedules: ScheduleRunner;
  /** Publishes the AWS/Kinesis and AWS/Lambda metrics CloudWatch would have (the dashboard reads them). */
  cloudWatch: CloudWatchPublisher;
  log: LocalCloudLog;
  /** Physical id (what `Ref` returns) of a template resource. */
  physicalId(logicalId: string): string;
  /** Resolves once every event-source mapping has caught up with what is in its stream now. */
  drainStreams(): Promise<void>;
  /** Present when started with `faults`. */
  faults?: LocalCloudFaults;
}

/** Starts everything in dependency order; on any failure, stops what already started before rethrowing. */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const stage = options.stage ?? 'local';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const log = fileLog(join(projectRoot, '.local', 'logs', `local-cloud${options.logSuffix ? `-${options.logSuffix}` : ''}.log`));
  const started: Stoppable[] = [];
  const stopAll = async (): Promise<void> => {
    for (const piece of started.reverse()) await piece.stop().catch((error: unknown) => log.error('stop failed', { error: String(error) }));
    started.length = 0;
  };
  try {
    const packaged = packageTemplate({ projectRoot, stage, log });
    const emulators = await startEmulators({
      kinesisBackend: options.kinesisBackend ?? kinesisBackendFromEnv(),
      motoPort: options.ports?.moto,
      kinesisPort: options.ports?.kinesis,
      logSuffix: options.logSuffix,
    });
    started.push(emulators);
    // Before provisioning: the template's Rekognition collection is created in the fake.
    const video = await startVideoFakes({
      region: emulators.region,
      accountId: emulators.accountId,
      port: options.ports?.video,
      s3Environment: emulators.sdkEnv,
      log: (line) => log.info(line),
    });
    started.push(video);
    const stack = await provisionStack({
      template: packaged.templatePath,
      stackName: packaged.stackName,
      region: emulators.region,
      accountId: emulators.accountId,
      clientsEnv: { ...emulators.sdkEnv, ...video.environment },
      log: (line) => log.info(line),
    });
    const s3Sink = s3ObjectSinkFromEnvironment(emulators.sdkEnv, emulators.region);
    started.push({ stop: () => Promise.resolve(s3Sink.destroy()) });
    const firehose = await startFirehoseEmulator({
      port: options.ports?.firehose ?? 0,
      deliveryStreams: stack.resources.filter((resource) => resource.type === 'AWS::KinesisFirehose::DeliveryStream'),
      objectSink: s3Sink.sink,
      region: emulators.region,
      accountId: emulators.accountId,
      logger: log,
    });
    started.push(firehose);
    const directEnv: Record<string, string> = {
      ...emulators.sdkEnv,
      ...firehose.environment,
      ...video.environment,
      // The SDK warns once per process that Node 20 support ends; local machines may still run 20.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const proxy = options.faults ? await startFaultProxyFor(directEnv, options.faults.seed, emulators.accountId) : undefined;
    if (proxy) started.push(proxy);
    const sdkEnv = proxy ? endpointsThrough(proxy, directEnv) : directEnv;
    // This process's own clients (pollers, on-failure destinations, Firehose's S3 writes, tests) use the same endpoints.
    Object.assign(process.env, sdkEnv);

    const functions = await startFunctionHost({
      projectRoot,
      functions: stack.functions,
      baseEnv: sdkEnv,
      buildDir: join(projectRoot, '.local', 'functions', stage),
      logSink: options.functionLogs === 'stdout' ? prefixedStreamSink() : fileLogSink(join(projectRoot, '.local', 'logs', 'functions')),
    });
    started.push(functions);
    if (proxy) proxy.crashHandler = (functionName) => functions.terminateEnvironments(functionName, 'busy');
    const deliveries = options.faults ? createDeliveryFaultInvoker(functions, options.faults.seed + 1) : undefined;
    const mappingInvoker: FunctionInvoker = deliveries ?? functions;
    const api = await startRestApi({
      resources: stack.resources,
      invoker: functions,
      accountId: emulators.accountId,
      region: emulators.region,
      port: options.ports?.api ?? 0,
      log: (line) => log.info(line),
    });
    started.push(api);
    const mappings = await startEventSourceMappings(stack, mappingInvoker, emulators, log, options.pollIntervalMs);
    started.push(...mappings);
    // Holds the mappings array itself, so mappings restarted by a fault test are observed too.
    const cloudWatch = startCloudWatchPublisher({
      resources: stack.resources,
      sdkEnv,
      region: emulators.region,
      mappings,
      kinesisBackend: emulators.kinesisBackend,
      log,
    });
    started.push(cloudWatch);
    const schedules = startSchedules({ resources: stack.resources, invoker: functions, region: emulators.region, accountId: emulators.accountId, log });
    started.push(schedules);

    const apiUrl = stageUrl(api, stage);
    if (options.writeConnectionFile ?? true) writeConnectionFile({ apiUrl, apiKey: api.apiKeys[0]?.value, stage, sdkEnv });
    const byLogicalId = new Map(stack.resources.map((resource) => [resource.logicalId, resource]));
    return {
      stage,
      stackName: packaged.stackName,
      region: emulators.region,
      accountId: emulators.accountId,
      kinesisBackend: emulators.kinesisBackend,
      sdkEnv,
      apiUrl,
      apiKeys: api.apiKeys,
      resources: stack.resources,
      skipped: stack.skipped,
      functions,
      firehose,
      video,
      mappings,
      schedules,
      cloudWatch,
      log,
      physicalId: (logicalId) => {
        const resource = byLogicalId.get(logicalId);
        if (!resource) throw new Error(`No resource ${logicalId} in the ${stage} template`);
        return resource.physicalId;
      },
      drainStreams: async () => {
        await Promise.all(mappings.map((mapping) => mapping.drain()));
      },
      faults:
        proxy && deliveries
          ? {
              proxy,
              deliveries,
              directEnv,
              restart: async ({ outageMs = 500 } = {}) => {
                proxy.setAvailable(false);
                // stop() aborts at once; the invocations it then waits for are the ones crashed next.
                const stopping = mappings.splice(0).map((mapping) => mapping.stop());
                await functions.terminateEnvironments(undefined, 'all');
                await Promise.all(stopping);
                await sleep(outageMs);
                proxy.setAvailable(true);
                const restarted = await startEventSourceMappings(stack, mappingInvoker, emulators, log, options.pollIntervalMs);
                mappings.push(...restarted);
                started.push(...restarted);
              },
            }
          : undefined,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Kinesis and Firehose have their own emulators; every other service is moto. */
function startFaultProxyFor(directEnv: Record<string, string>, seed: number, accountId: string): Promise<FaultProxy> {
  const upstreams = { default: directEnv.AWS_ENDPOINT_URL ?? '', kinesis: directEnv.AWS_ENDPOINT_URL_KINESIS ?? '', firehose: directEnv.AWS_ENDPOINT_URL_FIREHOSE ?? '' };
  return startFaultProxy({ upstreams, seed, accountId });
}

function endpointsThrough(proxy: FaultProxy, directEnv: Record<string, string>): Record<string, string> {
  return { ...directEnv, AWS_ENDPOINT_URL: proxy.url, AWS_ENDPOINT_URL_KINESIS: proxy.url, AWS_ENDPOINT_URL_FIREHOSE: proxy.url };
}

async function startEventSourceMappings(
  stack: ProvisionedStack,
  functions: FunctionInvoker,
  emulators: RunningEmulators,
  log: LocalCloudLog,
  pollIntervalMs: number | undefined,
): Promise<KinesisMappingHandle[]> {
  const kinesis = createSdkKinesisReader(createKinesisClient());
  const onFailure = createAwsOnFailureDestination();
  const roleOf = new Map(stack.functions.map((fn) => [fn.arn, fn.roleArn]));
  const mappings: KinesisMappingHandle[] = [];
  for (const resource of stack.resources.filter((r) => r.type === 'AWS::Lambda::EventSourceMapping')) {
    const functionArn = String(resource.properties.FunctionName);
    const source = String(resource.properties.EventSourceArn);
    if (!source.startsWith('arn:aws:kinesis:')) throw new Error(`${resource.logicalId}: only Kinesis event sources run locally (got ${source})`);
    mappings.push(
      await startKinesisEventSourceMapping({
        properties: resource.properties,
        invoker: functions,
        kinesis,
        onFailure,
        roleArn: roleOf.get(functionArn) ?? `arn:aws:iam::${emulators.accountId}:role/unknown`,
        region: emulators.region,
        logger: log,
        tuning: pollIntervalMs === undefined ? undefined : { pollIntervalMs },
      }),
    );
  }
  return mappings;
}

function stageUrl(api: RestApi, stage: string): string {
  const url = api.baseUrls[stage];
  if (!url) throw new Error(`The REST API has no stage "${stage}" (stages: ${Object.keys(api.baseUrls).join(', ')})`);
  return url;
}

function kinesisBackendFromEnv(): KinesisBackend {
  const value = process.env.LOCAL_KINESIS_BACKEND ?? 'moto';
  if (value !== 'moto' && value !== 'kinesis-local') throw new Error(`LOCAL_KINESIS_BACKEND must be "moto" or "kinesis-local", not "${value}"`);
  return value;
}

/** .local/cloud.json tells the simulator and curl users where the running local cloud is. */
function writeConnectionFile(contents: { apiUrl: string; apiKey: string | undefined; stage: string; sdkEnv: Record<string, string> }): void {
  const dir = join(projectRoot, '.local');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cloud.json'), `${JSON.stringify(contents, null, 2)}\n`);
}

export type { PackagedTemplate };
