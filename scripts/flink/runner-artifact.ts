// The Flink runner JAR: built with Maven, named by its content hash, uploaded once to the stack's deployment bucket.
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const RUNNER_POM = join('flink-sql', 'runner', 'pom.xml');
/** The shaded application JAR (flink-sql/runner/pom.xml's shade outputFile): SQL, runner and connectors, no Flink runtime. */
export const RUNNER_JAR = join('flink-sql', 'runner', 'target', 'flink-sql-runner-application.jar');

/** Runs a command with the terminal attached; rejects with its exit status. */
export function runCommand(command: string, args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit' });
    child.once('error', (error) => reject(new Error(`${command} could not be started: ${error.message}`)));
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

export function buildRunner(projectRoot: string): Promise<void> {
  return runCommand('mvn', ['-q', '-f', RUNNER_POM, 'package', '-DskipTests'], projectRoot);
}

export function findRunnerJar(projectRoot: string): string {
  const path = join(projectRoot, RUNNER_JAR);
  if (!existsSync(path)) throw new Error(`${RUNNER_JAR} is missing: build it with mvn -f ${RUNNER_POM} package -DskipTests`);
  return path;
}

export function sha256OfFile(path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .once('error', reject)
      .once('end', () => resolve(hash.digest()));
  });
}

/** Content-addressed: the same build never uploads twice, and a new build always changes the application's code. */
export const artifactKey = (sha256: Buffer): string => `flink/${sha256.toString('hex')}.jar`;

export interface UploadOptions {
  s3: S3Client;
  bucket: string;
  jarPath: string;
  sha256: Buffer;
  log: (line: string) => void;
}

/** Uploads the JAR under its hash key unless it is already there; S3 verifies the SHA-256 on receipt. */
export async function uploadRunnerJar(options: UploadOptions): Promise<string> {
  const { s3, bucket, jarPath, sha256 } = options;
  const key = artifactKey(sha256);
  if (await objectExists(s3, bucket, key)) {
    options.log(`s3://${bucket}/${key} is already uploaded`);
    return key;
  }
  const size = statSync(jarPath).size;
  options.log(`Uploading ${jarPath} (${(size / 1_048_576).toFixed(1)} MiB) to s3://${bucket}/${key}`);
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: createReadStream(jarPath),
      ContentLength: size,
      ContentType: 'application/java-archive',
      ChecksumSHA256: sha256.toString('base64'),
    }),
  );
  return key;
}

async function objectExists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if (error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey')) return false;
    throw error;
  }
}
