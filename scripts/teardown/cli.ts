// `npm run teardown -- --stage dev`: stops what bills by the hour, deletes runtime resources, empties buckets, sls remove.
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { stackNameFor } from '../flink/stack-outputs';
import { slsRemove } from './actions';
import { createTeardownClients } from './aws-clients';
import { runTeardown } from './teardown';

const USAGE = `Usage: npm run teardown -- --stage <stage> [--region <region>] [--dry-run] [--yes]

Removes a deployed stage completely, in this order: stops the Managed Flink application (if the stack has one),
stops and deletes the cameras' Rekognition stream processors, deletes the cameras' Kinesis Video streams
(created at runtime, unknown to CloudFormation), empties the stack's versioned buckets, runs sls remove,
then lists anything of the stage that still exists and may still bill.
  --stage     serverless stage (required)
  --region    AWS region (default: AWS_REGION, then us-east-1)
  --dry-run   print the plan and change nothing
  --yes       do not ask for confirmation (needed when not on a terminal)`;

const projectRoot = join(__dirname, '..', '..');

/** The stage name must be typed back: teardown deletes data (recorded video, the data lake) for good. */
async function confirmOnTerminal(stage: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    process.stderr.write('Not on a terminal: pass --yes to confirm.\n');
    return false;
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await prompt.question(`This deletes stage "${stage}" and its data for good. Type the stage name to go on: `)).trim() === stage;
  } finally {
    prompt.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      stage: { type: 'string' },
      region: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { stage } = values;
  if (stage === undefined) {
    process.stderr.write(`--stage is required.\n${USAGE}\n`);
    return 2;
  }
  const region = values.region ?? process.env.AWS_REGION ?? 'us-east-1';
  const clients = createTeardownClients(region);
  try {
    const outcome = await runTeardown({
      clients,
      stage,
      region,
      stackName: stackNameFor(projectRoot, stage),
      dryRun: values['dry-run'],
      confirm: () => (values.yes ? Promise.resolve(true) : confirmOnTerminal(stage)),
      removeStack: slsRemove(projectRoot),
      log: (line) => process.stdout.write(`${line}\n`),
    });
    if (outcome.kind === 'cancelled') {
      process.stdout.write('Cancelled; nothing was changed.\n');
      return 1;
    }
    return 0;
  } finally {
    clients.destroy();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Teardown stopped: ${error instanceof Error ? error.message : String(error)}\nRun it again to resume; every step is idempotent.\n`);
      process.exitCode = 1;
    },
  );
}
