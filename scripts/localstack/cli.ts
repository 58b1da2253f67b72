// `npm run localstack:deploy` and `npm run test:localstack`: deploy the stack to a running LocalStack and run the stack contract on it.
import { LOCALSTACK_STAGE, deployToLocalStack, runWithLocalStack, waitForLocalStack } from './localstack';

async function main(): Promise<number> {
  const [command = 'test', ...flags] = process.argv.slice(2);
  console.log('Waiting for LocalStack (docker compose up -d) and its init hook…');
  await waitForLocalStack();
  if (command === 'deploy' || !flags.includes('--no-deploy')) {
    console.log(`Deploying stage "${LOCALSTACK_STAGE}" to LocalStack with sls deploy…`);
    const deployed = await deployToLocalStack();
    if (deployed !== 0 || command === 'deploy') return deployed;
  }
  if (command !== 'test') throw new Error(`unknown command "${command}" (deploy | test [--no-deploy])`);
  return runWithLocalStack('npx', ['jest', '--selectProjects', 'stack', '--runInBand'], { STACK_STAGE: LOCALSTACK_STAGE });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
