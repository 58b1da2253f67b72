// One consumer-compute measurement in a fresh process: `<request JSON> <output file>`; consumer-compute.ts starts it and reads the file.
import { writeFileSync } from 'node:fs';
import { measureInThisProcess, type MeasureRequest } from './consumer-compute';

const [request, output] = process.argv.slice(2);
if (request === undefined || output === undefined) throw new Error('usage: consumer-compute-process.ts <request JSON> <output file>');

measureInThisProcess(JSON.parse(request) as MeasureRequest).then(
  (samples) => {
    writeFileSync(output, JSON.stringify(samples));
    // The SDK clients' keep-alive agents would hold the process open.
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
