// Where the APIs are and which key to use, from the page's own URL (served at <stage url>/dashboard).

/** The stage URL: the page's URL without "/dashboard" (and without query or fragment), no trailing slash. */
export function apiBaseUrl(pageHref: string): string {
  const url = new URL(pageHref);
  const path = url.pathname.replace(/\/+$/, '').replace(/\/dashboard$/, '');
  return `${url.origin}${path}`;
}

/** `#key=<api key>` (npm start prints such a link); other fragment parameters are kept for the page. */
export function keyFromHash(hash: string): string | undefined {
  const key = new URLSearchParams(hash.replace(/^#/, '')).get('key')?.trim();
  return key ? key : undefined;
}

/** The fragment without the key, so the key does not stay in the address bar, history or a screenshot. */
export function hashWithoutKey(hash: string): string {
  const parameters = new URLSearchParams(hash.replace(/^#/, ''));
  parameters.delete('key');
  const rest = parameters.toString();
  return rest ? `#${rest}` : '';
}
