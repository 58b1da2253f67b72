// GET /dashboard: the page with its security headers, and a 304 for a browser that already has this version.
import { createPageHandler, handler } from '../../../../functions/dashboard/page';

const page = { html: '<!doctype html><p>hi</p>', etag: '"abc"', contentSecurityPolicy: "default-src 'none'" };

test('answers the HTML with its ETag, CSP and no-sniff headers', async () => {
  const result = await createPageHandler(page)({ headers: {} });
  expect(result.statusCode).toBe(200);
  expect(result.body).toBe(page.html);
  expect(result.headers).toMatchObject({
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-cache',
    ETag: '"abc"',
    'Content-Security-Policy': "default-src 'none'",
    'X-Content-Type-Options': 'nosniff',
  });
});

test('answers 304 without a body when If-None-Match names the current ETag (any header case, weak or listed)', async () => {
  const serve = createPageHandler(page);
  for (const value of ['"abc"', 'W/"abc"', '"old", "abc"', '*']) {
    const result = await serve({ headers: { 'If-None-Match': value } });
    expect({ value, status: result.statusCode, body: result.body }).toEqual({ value, status: 304, body: '' });
  }
  expect((await serve({ headers: { 'if-none-match': '"old"' } })).statusCode).toBe(200);
});

test('the deployed handler serves the generated page, whose CSP allows its inline script and style', async () => {
  const result = await handler({ headers: null } as never);
  expect(result.statusCode).toBe(200);
  expect(result.body).toContain('<div id="app"></div>');
  expect(String(result.headers?.['Content-Security-Policy'])).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-/);
});
