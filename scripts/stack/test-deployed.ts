// `npm run test:deployed -- --stage dev`: the stack contract against a stack deployed to AWS with your credentials.
import { spawn } from 'node:child_process';

const stageFlag = process.argv.indexOf('--stage');
const stage = stageFlag >= 0 ? process.argv[stageFlag + 1] : undefined;
if (!stage) {
  console.error('usage: npm run test:deployed -- --stage <stage> (the stage you deployed with npx sls deploy)');
  process.exit(2);
}
if (process.env.AWS_ENDPOINT_URL) console.warn(`AWS_ENDPOINT_URL=${process.env.AWS_ENDPOINT_URL} is set: testing that endpoint, not AWS`);
const child = spawn('npx', ['jest', '--selectProjects', 'stack', '--runInBand'], { stdio: 'inherit', env: { ...process.env, STACK_STAGE: stage } });
child.on('exit', (code) => process.exit(code ?? 1));
