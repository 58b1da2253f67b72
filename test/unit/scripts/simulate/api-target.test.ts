// Where the simulator sends: flags over environment over .local/cloud.json, with clear messages when nothing is set.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiTargetError,
  endpointUrl,
  readLocalCloudSettings,
  resolveApiTarget,
} from '../../../../scripts/simulate/api-target';

const LOCAL = { apiUrl: 'http://127.0.0.1:4000/local', apiKey: 'local-key' };
const fromFile = () => LOCAL;
const noFile = () => undefined;

describe('resolveApiTarget', () => {
  it('prefers flags, then environment, then the local cloud file', () => {
    const env = { API_URL: 'https://env.example.com/dev', API_KEY: 'env-key' };
    expect(resolveApiTarget({ apiUrl: 'https://flag.example.com/prod', apiKey: 'flag-key' }, env, fromFile)).toEqual({
      apiUrl: 'https://flag.example.com/prod',
      apiKey: 'flag-key',
      source: 'flags',
    });
    expect(resolveApiTarget({}, env, fromFile)).toEqual({ apiUrl: env.API_URL, apiKey: env.API_KEY, source: 'environment' });
    expect(resolveApiTarget({}, {}, fromFile)).toEqual({ ...LOCAL, source: 'local cloud' });
  });

  it('lets an explicit key override the file key for the local cloud', () => {
    expect(resolveApiTarget({ apiKey: 'mine' }, {}, fromFile)).toEqual({ apiUrl: LOCAL.apiUrl, apiKey: 'mine', source: 'local cloud' });
  });

  it('never pairs a URL given elsewhere with the local cloud key', () => {
    expect(() => resolveApiTarget({ apiUrl: 'https://remote.example.com/prod' }, {}, fromFile)).toThrow(/no API key/);
  });

  it('explains how to get an API when none is configured', () => {
    expect(() => resolveApiTarget({}, {}, noFile)).toThrow(ApiTargetError);
    expect(() => resolveApiTarget({}, {}, noFile)).toThrow(/npm start.*\n.*--api-url/s);
  });

  it('rejects a URL that is not http(s)', () => {
    expect(() => resolveApiTarget({ apiUrl: 'localhost:4000', apiKey: 'k' }, {}, noFile)).toThrow(/http or https|not a URL/);
    expect(() => resolveApiTarget({}, { API_URL: 'not a url', API_KEY: 'k' }, noFile)).toThrow(/API_URL is not a URL/);
  });
});

describe('readLocalCloudSettings', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'simulate-api-target-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('reads only apiUrl and apiKey', () => {
    const file = join(directory, 'cloud.json');
    writeFileSync(file, JSON.stringify({ ...LOCAL, endpoints: { kinesis: 'http://127.0.0.1:4567' }, pid: 123 }));
    expect(readLocalCloudSettings(file)).toEqual(LOCAL);
  });

  it('returns nothing for a missing file and explains a broken one', () => {
    expect(readLocalCloudSettings(join(directory, 'missing.json'))).toBeUndefined();
    const broken = join(directory, 'broken.json');
    writeFileSync(broken, '{ "apiUrl": ');
    expect(() => readLocalCloudSettings(broken)).toThrow(/not valid JSON.*npm start/);
  });
});

describe('endpointUrl', () => {
  it('joins a stage URL and a path with exactly one slash', () => {
    expect(endpointUrl('http://127.0.0.1:4000/local', 'clickstream/events')).toBe('http://127.0.0.1:4000/local/clickstream/events');
    expect(endpointUrl('https://abc.execute-api.eu-west-1.amazonaws.com/dev/', '/clickstream/events')).toBe(
      'https://abc.execute-api.eu-west-1.amazonaws.com/dev/clickstream/events',
    );
  });
});
