// Function log sinks: whole lines out of chunked worker output, one file per function.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileLogSink, LineSplitter, prefixedStreamSink } from '../../../../../scripts/local/functions/log-sinks';

describe('LineSplitter', () => {
  it('emits whole lines across chunk boundaries and the remainder on flush', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));

    splitter.push('first li');
    splitter.push('ne\nsecond\nthi');
    splitter.flush();

    expect(lines).toEqual(['first line', 'second', 'thi']);
  });
});

describe('prefixedStreamSink', () => {
  it('prefixes each line with the function name', () => {
    const written: string[] = [];
    const sink = prefixedStreamSink({ write: (text: string) => written.push(text) } as unknown as NodeJS.WritableStream);

    sink.write('ingest', 'START RequestId: r-1');

    expect(written).toEqual(['[ingest] START RequestId: r-1\n']);
  });
});

describe('fileLogSink', () => {
  it('appends each function to its own log file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'function-logs-'));
    try {
      const sink = fileLogSink(path.join(dir, 'functions'));
      sink.write('ingest', 'one');
      sink.write('consume', 'two');
      sink.write('ingest', 'three');
      await sink.close();

      expect(await readFile(path.join(dir, 'functions', 'ingest.log'), 'utf8')).toBe('one\nthree\n');
      expect(await readFile(path.join(dir, 'functions', 'consume.log'), 'utf8')).toBe('two\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
