// `npm run flink:stop -- --stage dev`: stop the Managed Flink application (snapshot first) and wait until it is READY.
import { join } from 'node:path';
import { ensureStopped } from './application-lifecycle';
import { createFlinkClients, parseFlinkCli, runCli } from './flink-cli';
import { readStackOutputs, stackNameFor } from './stack-outputs';

const HELP = `npm run flink:stop -- --stage <stage> [--region <region>]

Stops the stage's Managed Flink application, taking a snapshot that the next npm run flink:deploy restores,
and waits until it is READY (stopped, not billed per KPU). Does nothing when Flink is not deployed.

  --stage NAME      serverless stage (required)
  --region NAME     AWS region (default: AWS_REGION, then us-east-1)`;

const projectRoot = join(__dirname, '..', '..');
const log = (line: string): void => console.log(line);

async function main(): Promise<void> {
  const options = parseFlinkCli(process.argv.slice(2), process.env);
  if (options.help) return console.log(HELP);
  const stackName = stackNameFor(projectRoot, options.stage);
  const clients = createFlinkClients(options.region);
  try {
    const outputs = await readStackOutputs(clients.cloudFormation, stackName);
    const applicationName = outputs?.MetricsApplicationName;
    if (applicationName === undefined) {
      log(outputs === undefined ? `Stack ${stackName} does not exist: nothing to stop.` : `Flink is not deployed in ${stackName}: nothing to stop.`);
      return;
    }
    await ensureStopped({ client: clients.kinesisAnalytics, applicationName, log });
    log(`${applicationName} is stopped (READY).`);
  } finally {
    clients.destroy();
  }
}

runCli(main, HELP);
