// docker-compose.yml (LocalStack, optional backend): pinned image, loopback-only port, health check, init hooks that exist.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..', '..', '..');
type Service = { image: string; ports: string[]; environment: Record<string, string>; volumes: string[]; healthcheck?: { test: string[] } };
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as { services: { localstack: Service } };
const localstack = compose.services.localstack;

test('the image is pinned to 4.14.0 unless the user switches it with a token', () => {
  expect(localstack.image).toBe('${LOCALSTACK_IMAGE:-localstack/localstack:4.14.0}');
  expect(localstack.environment.LOCALSTACK_AUTH_TOKEN).toBe('${LOCALSTACK_AUTH_TOKEN:-}');
});

test('the edge port is published on loopback only', () => {
  expect(localstack.ports.every((port) => port.startsWith('127.0.0.1:'))).toBe(true);
});

test('a health check is defined', () => {
  expect(localstack.healthcheck?.test.join(' ')).toContain('/_localstack/health');
});

test('the init hooks folder is mounted and its ready-stage script is executable', () => {
  const mount = localstack.volumes.find((volume) => volume.endsWith(':/etc/localstack/init:ro'));
  expect(mount).toBeDefined();
  const script = join(root, mount!.split(':')[0]!, 'ready.d', '10-check-services.sh');
  expect(statSync(script).mode & 0o111).not.toBe(0);
});
