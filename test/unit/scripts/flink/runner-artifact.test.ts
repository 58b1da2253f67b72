// Unit tests: locating the runner JAR, its content-hash key, and the upload-once to S3 with a SHA-256 checksum.
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync, type ReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactKey, findRunnerJar, sha256OfFile, uploadRunnerJar } from '../../../../scripts/flink/runner-artifact';

const s3 = mockClient(S3Client);
let dir: string;
let jarPath: string;
const CONTENT = 'PK\u0003\u0004 not really a jar';
const SHA = createHash('sha256').update(CONTENT).digest();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'runner-artifact-'));
  jarPath = join(dir, 'runner-1.0-app.jar');
  writeFileSync(jarPath, CONTENT);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => s3.reset());

test('the runner JAR is looked for where the shade plugin writes it, with a hint when it is missing', () => {
  expect(() => findRunnerJar(dir)).toThrow('flink-sql/runner/target/flink-sql-runner-application.jar is missing: build it with mvn');
});

test('the key is the hex SHA-256 of the JAR under flink/', async () => {
  const sha = await sha256OfFile(jarPath);
  expect(sha.equals(SHA)).toBe(true);
  expect(artifactKey(sha)).toBe(`flink/${SHA.toString('hex')}.jar`);
});

describe('uploadRunnerJar', () => {
  const upload = (lines: string[] = []) =>
    uploadRunnerJar({ s3: new S3Client({ region: 'eu-west-1' }), bucket: 'deploy-bucket', jarPath, sha256: SHA, log: (line) => lines.push(line) });

  it('uploads a new JAR with its length, type and SHA-256 for S3 to verify', async () => {
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('NotFound'), { name: 'NotFound' }));
    s3.on(PutObjectCommand).resolves({});

    await expect(upload()).resolves.toBe(artifactKey(SHA));

    const input = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    // The mock never reads the body stream; close it before the temp directory goes.
    const body = input?.Body as ReadStream;
    await once(body.destroy(), 'close');
    expect(input).toMatchObject({
      Bucket: 'deploy-bucket',
      Key: artifactKey(SHA),
      ContentLength: CONTENT.length,
      ContentType: 'application/java-archive',
      ChecksumSHA256: SHA.toString('base64'),
    });
  });

  it('skips the upload when the same build is already there', async () => {
    s3.on(HeadObjectCommand).resolves({});
    const lines: string[] = [];
    await upload(lines);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(lines).toEqual([`s3://deploy-bucket/${artifactKey(SHA)} is already uploaded`]);
  });

  it('does not mistake a denied HeadObject for a missing object', async () => {
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('Forbidden'), { name: 'Forbidden' }));
    await expect(upload()).rejects.toThrow('Forbidden');
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});
