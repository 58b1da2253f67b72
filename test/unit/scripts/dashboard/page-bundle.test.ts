// The page build: inlining, escaping, CSP hashes, and the committed generated module being up to date with dashboard/.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_MODULE, assemblePage, buildDashboardPage, escapeInline, renderPageModule } from '../../../../scripts/dashboard/page-bundle';

const projectRoot = path.resolve(__dirname, '../../../..');
const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64');

test('the template role comment is dropped and the bundles replace their markers', () => {
  const template = '<!-- role -->\n<html><style>/*__DASHBOARD_CSS__*/</style><script>/*__DASHBOARD_JS__*/</script></html>';
  const page = assemblePage(template, 'run("$&")', 'p{color:red}');
  expect(page.html).toBe('<html><style>p{color:red}</style><script>run("$&")</script></html>');
  expect(page.contentSecurityPolicy).toContain(`script-src 'sha256-${sha256('run("$&")')}'`);
  expect(page.contentSecurityPolicy).toContain(`style-src 'sha256-${sha256('p{color:red}')}'`);
  expect(page.contentSecurityPolicy).toContain("connect-src 'self'");
  expect(() => assemblePage('<html></html>', '', '')).toThrow(/marker/);
});

test('a closing tag inside the code cannot end the inline element early', () => {
  expect(escapeInline('a="</script>"; b="</SCRIPT"', 'script')).toBe('a="<\\/script>"; b="<\\/SCRIPT"');
  expect(escapeInline('content:"</style>"', 'style')).toBe('content:"<\\/style>"');
});

test(`${GENERATED_MODULE} is what npm run dashboard:build makes from dashboard/ now`, async () => {
  const expected = renderPageModule(await buildDashboardPage(projectRoot));
  const committed = readFileSync(path.join(projectRoot, GENERATED_MODULE), 'utf8');
  // On failure: run `npm run dashboard:build` and commit the regenerated module.
  expect(committed === expected).toBe(true);
}, 30_000);
