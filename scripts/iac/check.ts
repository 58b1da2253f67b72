// IaC check: compile serverless.yml into the deployable CloudFormation template and zips, then lint the template.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const packageDir = '.serverless-dev';
const template = join(packageDir, 'cloudformation-template-update-stack.json');

// W3005 (redundant DependsOn) is reported on the DependsOn the framework itself adds to every function; not ours to fix.
const ignoredChecks = ['W3005'];

/** checkov findings this stack accepts, each with the reason; everything else fails the check. */
const acceptedCheckovFindings: Record<string, string> = {
  CKV_AWS_18: 'S3 server access logs would need a log bucket per stack; audit S3 with CloudTrail data events instead',
  CKV_AWS_21: 'versioning is on for data buckets; Athena query results are disposable and expire after 7 days',
  CKV_AWS_27: 'queues use SSE-SQS (SqsManagedSseEnabled), encryption at rest without KMS key costs; checkov only accepts KMS',
  CKV_AWS_115: 'no reserved concurrency: it would throttle stream consumers and producers below the account pool by design',
  CKV_AWS_116: 'a function DLQ only applies to asynchronous invokes; these run from API Gateway (sync) and Kinesis mappings (with on-failure destinations)',
  CKV_AWS_117: 'the functions reach only AWS service endpoints; a VPC would add NAT cost and cold-start latency without isolating anything',
  CKV_AWS_119: 'tables are encrypted at rest with the AWS owned key; a customer managed key is a per-deployment choice (cost, key policy)',
  CKV_AWS_158: 'CloudWatch Logs encrypts log data at rest by default; no secrets are logged',
  CKV_AWS_173: 'environment variables hold resource names only (no secrets) and Lambda encrypts them at rest by default',
};

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
run(join(root, '.venv', 'bin', 'checkov'), [
  '--file', template, '--framework', 'cloudformation', '--quiet', '--compact', '--skip-download',
  '--skip-check', Object.keys(acceptedCheckovFindings).join(','),
]);
console.log(`iac:check: ${template} passes checkov (${Object.keys(acceptedCheckovFindings).length} accepted findings, reasons in scripts/iac/check.ts)`);
loadEveryBundle();

interface FunctionResource {
  Type: string;
  Properties: { Handler: string; Code: { S3Key: string }; Environment?: { Variables?: Record<string, unknown> } };
}

/**
 * Imports each deployable bundle exactly as packaged (ESM .mjs from the zip) and checks it exports its handler:
 * catches ESM/CommonJS interop breaks in Middy, Powertools or the SDK before a deploy would.
 */
function loadEveryBundle(): void {
  const resources = (JSON.parse(readFileSync(join(root, template), 'utf8')) as { Resources: Record<string, FunctionResource> }).Resources;
  const python = join(root, '.venv', 'bin', 'python');
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const { Handler, Code, Environment } = resource.Properties;
    const zip = join(root, packageDir, Code.S3Key.split('/').pop() ?? '');
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    try {
      run(python, ['-m', 'zipfile', '-e', zip, dir]);
      const [modulePath, exportName] = [Handler.slice(0, Handler.lastIndexOf('.')), Handler.slice(Handler.lastIndexOf('.') + 1)];
      // Values that CloudFormation resolves at deploy time (Refs) only need to be present for the module to load.
      const env = Object.fromEntries(Object.entries(Environment?.Variables ?? {}).map(([name, value]) => [name, typeof value === 'string' ? value : 'resolved-at-deploy']));
      const probe = `const m = await import(${JSON.stringify(join(dir, `${modulePath}.mjs`))}); if (typeof m[${JSON.stringify(exportName)}] !== 'function') { console.error('no export ${exportName}'); process.exit(1); }`;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
        env: { ...process.env, ...env, AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        encoding: 'utf8',
      });
      if (result.status !== 0) {
        console.error(`iac:check: the bundle of ${logicalId} (${Handler}) does not load:\n${result.stderr}`);
        process.exit(1);
      }
      console.log(`iac:check: ${logicalId} bundle loads and exports ${exportName}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
