// `npm run flink:deploy -- --stage dev`: build the runner JAR, upload it, deploy the stack with Flink on, start the application.
import { join } from 'node:path';
import { ensureRunning } from './application-lifecycle';
import { createFlinkClients, parseFlinkCli, runCli } from './flink-cli';
import { buildRunner, findRunnerJar, runCommand, sha256OfFile, uploadRunnerJar } from './runner-artifact';
import { readStackOutputs, requiredOutput, stackNameFor } from './stack-outputs';

const HELP = `npm run flink:deploy -- --stage <stage> [--region <region>] [--skip-restore]

Builds flink-sql/runner (Maven), uploads the JAR to the stack's deployment bucket as flink/<sha256>.jar,
runs sls deploy with --param="flinkEnabled=true" and the JAR's key, then starts the Managed Flink application
(restoring its latest snapshot) and waits until it is RUNNING. Managed Flink bills per KPU-hour while it runs:
stop it with npm run flink:stop. A later plain \`sls deploy\` (flinkEnabled defaults to false) deletes it.

  --stage NAME      serverless stage (required)
  --region NAME     AWS region (default: AWS_REGION, then us-east-1)
  --skip-restore    start without the latest snapshot (after a SQL change its state no longer fits)`;

const projectRoot = join(__dirname, '..', '..');
const sls = join(projectRoot, 'node_modules', '.bin', 'sls');
const log = (line: string): void => console.log(line);

async function main(): Promise<void> {
  const options = parseFlinkCli(process.argv.slice(2), process.env);
  if (options.help) return console.log(HELP);
  const { stage, region } = options;
  const stackName = stackNameFor(projectRoot, stage);
  const slsArgs = ['deploy', '--stage', stage, '--region', region];
  const clients = createFlinkClients(region);
  try {
    log(`Building the Flink runner (mvn -f flink-sql/runner/pom.xml package)…`);
    await buildRunner(projectRoot);
    const jarPath = findRunnerJar(projectRoot);
    const sha256 = await sha256OfFile(jarPath);

    let outputs = await readStackOutputs(clients.cloudFormation, stackName);
    if (outputs === undefined) {
      // The JAR goes to the stack's own deployment bucket, which only exists once the stack does.
      log(`Stack ${stackName} does not exist yet: deploying it without Flink first, for its deployment bucket…`);
      await runCommand(sls, slsArgs, projectRoot);
      outputs = (await readStackOutputs(clients.cloudFormation, stackName)) ?? {};
    }
    const bucket = requiredOutput(outputs, 'ServerlessDeploymentBucketName', stackName);
    const key = await uploadRunnerJar({ s3: clients.s3, bucket, jarPath, sha256, log });

    log(`Deploying ${stackName} with the Flink application (code ${key})…`);
    await runCommand(sls, [...slsArgs, '--param=flinkEnabled=true', `--param=flinkArtifactKey=${key}`], projectRoot);
    const deployed = (await readStackOutputs(clients.cloudFormation, stackName)) ?? {};
    const applicationName = requiredOutput(deployed, 'MetricsApplicationName', stackName);

    await ensureRunning({ client: clients.kinesisAnalytics, applicationName, expectedFileKey: key, skipRestore: options.skipRestore, log });
    log(`${applicationName} is RUNNING. Metrics: GET <ProducerApiUrl>/metrics/page_views (x-api-key). Stop: npm run flink:stop -- --stage ${stage}`);
  } finally {
    clients.destroy();
  }
}

runCli(main, HELP);
