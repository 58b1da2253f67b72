// The API key: from the link npm start prints (#key=…), else from localStorage, else asked for on the page.
import { hashWithoutKey, keyFromHash } from './model/page-location';

const STORAGE_KEY = 'streaming-reference.dashboard.apiKey';

function stored(): string | undefined {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    // Storage can be disabled (private mode, policies): the key then lives for this page only.
    return undefined;
  }
}

export interface KeyStore {
  current(): string | undefined;
  set(key: string): void;
}

export function createKeyStore(): KeyStore {
  let key = keyFromHash(location.hash) ?? stored();
  const remember = (value: string): void => {
    try {
      localStorage.setItem(STORAGE_KEY, value);
    } catch {
      // See stored().
    }
  };
  if (key !== undefined) remember(key);
  if (keyFromHash(location.hash) !== undefined) history.replaceState(null, '', `${location.pathname}${location.search}${hashWithoutKey(location.hash)}`);
  return {
    current: () => key,
    set(value) {
      key = value.trim() || undefined;
      if (key !== undefined) remember(key);
    },
  };
}
