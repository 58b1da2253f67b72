// Finds the producer API to send to: flags, then environment, then the local cloud's .local/cloud.json.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ApiTarget {
  apiUrl: string;
  apiKey: string;
  /** Where the URL came from, shown to the user so a stale setting is easy to spot. */
  source: 'flags' | 'environment' | 'local cloud';
}

export interface ApiSettings {
  apiUrl?: string;
  apiKey?: string;
}

export class ApiTargetError extends Error {
  override name = 'ApiTargetError';
}

export const LOCAL_CLOUD_FILE = '.local/cloud.json';

/** Reads only `apiUrl` and `apiKey` from the file `npm start` writes; the rest of it is not ours to depend on. */
export function readLocalCloudSettings(path = resolve(process.cwd(), LOCAL_CLOUD_FILE)): ApiSettings | undefined {
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ApiTargetError(`${path} is not valid JSON (${(error as Error).message}); restart the local cloud with \`npm start\`.`);
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { apiUrl, apiKey } = parsed as Record<string, unknown>;
  const settings: ApiSettings = {};
  if (typeof apiUrl === 'string' && apiUrl !== '') settings.apiUrl = apiUrl;
  if (typeof apiKey === 'string' && apiKey !== '') settings.apiKey = apiKey;
  return settings;
}

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);

function checkedUrl(apiUrl: string, source: string): string {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new ApiTargetError(`The API URL from ${source} is not a URL: "${apiUrl}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApiTargetError(`The API URL from ${source} must be http or https: "${apiUrl}"`);
  }
  return apiUrl;
}

const NOTHING_FOUND = [
  'No producer API to send to.',
  '  Start the local cloud first with `npm start` (it writes .local/cloud.json), or',
  '  pass --api-url and --api-key (or set API_URL and API_KEY), e.g. the ApiUrl output and key of a deployed stack.',
].join('\n');

/**
 * Precedence: flags, then environment, then the local cloud file. A key is only taken from the file
 * together with the file's URL, so a key for the local cloud is never sent to an API given elsewhere.
 */
export function resolveApiTarget(
  flags: ApiSettings,
  env: Readonly<Record<string, string | undefined>>,
  readLocalCloud: () => ApiSettings | undefined = readLocalCloudSettings,
): ApiTarget {
  const flagUrl = nonEmpty(flags.apiUrl);
  const envUrl = nonEmpty(env.API_URL);
  const explicitKey = nonEmpty(flags.apiKey) ?? nonEmpty(env.API_KEY);
  if (flagUrl !== undefined || envUrl !== undefined) {
    const source = flagUrl !== undefined ? 'flags' : 'environment';
    const apiUrl = checkedUrl((flagUrl ?? envUrl) as string, source === 'flags' ? '--api-url' : 'API_URL');
    if (explicitKey === undefined) throw new ApiTargetError(`An API URL is set (${apiUrl}) but no API key: pass --api-key or set API_KEY.`);
    return { apiUrl, apiKey: explicitKey, source };
  }
  const local = readLocalCloud();
  if (local?.apiUrl === undefined) throw new ApiTargetError(NOTHING_FOUND);
  const apiKey = explicitKey ?? local.apiKey;
  if (apiKey === undefined) throw new ApiTargetError(`${LOCAL_CLOUD_FILE} has no apiKey; restart the local cloud with \`npm start\`.`);
  return { apiUrl: checkedUrl(local.apiUrl, LOCAL_CLOUD_FILE), apiKey, source: 'local cloud' };
}

/** Joins a stage URL and a resource path whether or not the stage URL ends in "/". */
export function endpointUrl(apiUrl: string, path: string): string {
  return `${apiUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
