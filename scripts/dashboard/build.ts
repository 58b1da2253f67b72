// `npm run dashboard:build` writes the page Lambda's generated module; `-- --check` fails when it is out of date.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GENERATED_MODULE, buildDashboardPage, renderPageModule } from './page-bundle';

const projectRoot = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const target = path.join(projectRoot, GENERATED_MODULE);
  const started = Date.now();
  const text = renderPageModule(await buildDashboardPage(projectRoot));
  if (check) {
    const current = await readFile(target, 'utf8').catch(() => '');
    if (current !== text) {
      console.error(`${GENERATED_MODULE} is out of date with dashboard/: run npm run dashboard:build`);
      process.exitCode = 1;
      return;
    }
    console.log(`${GENERATED_MODULE} is up to date`);
    return;
  }
  await writeFile(target, text);
  console.log(`Wrote ${GENERATED_MODULE} (${Math.round(Buffer.byteLength(text) / 1024)} KiB) in ${Date.now() - started} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
