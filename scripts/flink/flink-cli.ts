// Flags shared by `npm run flink:deploy` and `npm run flink:stop`, and the AWS clients both use.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { KinesisAnalyticsV2Client } from '@aws-sdk/client-kinesis-analytics-v2';
import { S3Client } from '@aws-sdk/client-s3';
import { parseArgs } from 'node:util';

export interface FlinkCliOptions {
  stage: string;
  region: string;
  skipRestore: boolean;
  help: boolean;
}

export class UsageError extends Error {}

/** serverless.yml's provider default, so the scripts and `sls deploy` agree when neither flag nor env sets one. */
const DEFAULT_REGION = 'us-east-1';

export function parseFlinkCli(args: readonly string[], env: Readonly<Record<string, string | undefined>>): FlinkCliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        stage: { type: 'string' },
        region: { type: 'string' },
        'skip-restore': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { stage: '', region: '', skipRestore: false, help: true };
  if (!values.stage) throw new UsageError('--stage is required (e.g. --stage dev)');
  if (!/^[A-Za-z0-9-]+$/.test(values.stage)) throw new UsageError(`--stage must be letters, digits and "-", not "${values.stage}"`);
  return {
    stage: values.stage,
    region: values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? DEFAULT_REGION,
    skipRestore: values['skip-restore'] ?? false,
    help: false,
  };
}

export interface FlinkClients {
  cloudFormation: CloudFormationClient;
  kinesisAnalytics: KinesisAnalyticsV2Client;
  s3: S3Client;
  destroy(): void;
}

/** Credentials come from the default provider chain (profile, SSO, env), as for `sls deploy`. */
export function createFlinkClients(region: string): FlinkClients {
  const clients = {
    cloudFormation: new CloudFormationClient({ region }),
    kinesisAnalytics: new KinesisAnalyticsV2Client({ region }),
    s3: new S3Client({ region }),
  };
  return { ...clients, destroy: () => Object.values(clients).forEach((client) => client.destroy()) };
}

/** Runs a script's main, printing usage errors with the help text (exit 2) and other failures plainly (exit 1). */
export function runCli(main: () => Promise<void>, help: string): void {
  main().catch((error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${help}`);
      process.exitCode = 2;
      return;
    }
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
