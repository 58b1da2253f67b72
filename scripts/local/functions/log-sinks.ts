// Where function output goes: one prefixed terminal stream, or one log file per function.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';

export interface FunctionLogSink {
  write(functionName: string, line: string): void;
  close(): Promise<void>;
}

/** "[functionName] line", so several functions can share a readable demo terminal. */
export function prefixedStreamSink(stream: NodeJS.WritableStream = process.stdout): FunctionLogSink {
  return {
    write: (functionName, line) => void stream.write(`[${functionName}] ${line}\n`),
    close: () => Promise.resolve(),
  };
}

/** Appends to <dir>/<functionName>.log, like a CloudWatch log group per function. */
export function fileLogSink(dir: string): FunctionLogSink {
  mkdirSync(dir, { recursive: true });
  const files = new Map<string, WriteStream>();
  const fileFor = (functionName: string): WriteStream => {
    let file = files.get(functionName);
    if (!file) {
      file = createWriteStream(path.join(dir, `${functionName}.log`), { flags: 'a' });
      files.set(functionName, file);
    }
    return file;
  };
  return {
    write: (functionName, line) => void fileFor(functionName).write(`${line}\n`),
    close: async () => {
      await Promise.all([...files.values()].map((file) => new Promise<void>((resolve) => file.end(resolve))));
      files.clear();
    },
  };
}

/** Turns a chunked byte stream into whole lines; a worker's writes do not arrive line by line. */
export class LineSplitter {
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer | string): void {
    const lines = (this.partial + chunk.toString()).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.onLine(line);
  }

  flush(): void {
    if (this.partial !== '') this.onLine(this.partial);
    this.partial = '';
  }
}
