// IaC check: compile serverless.yml into the deployable CloudFormation template and zips, then lint the template.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const packageDir = '.serverless-dev';
const template = join(packageDir, 'cloudformation-template-update-stack.json');

// W3005 (redundant DependsOn) is reported on the DependsOn the framework itself adds to every function; not ours to fix.
const ignoredChecks = ['W3005'];

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`iac:check: '${command} ${args.join(' ')}' failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

const cfnLint = join(root, '.venv', 'bin', 'cfn-lint');
if (!existsSync(cfnLint)) {
  console.error('iac:check: .venv/bin/cfn-lint is missing; run `npm run setup` first.');
  process.exit(1);
}

run(join(root, 'node_modules', '.bin', 'sls'), ['package', '--stage', 'dev', '--package', packageDir]);
run(cfnLint, ['--ignore-checks', ...ignoredChecks, '--', template]);
console.log(`iac:check: ${template} passes cfn-lint`);
