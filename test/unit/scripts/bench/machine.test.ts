// Parsing /proc files for resident memory and the process tree.
import { parseProcStat, parseVmRssMb } from '../../../../scripts/bench/machine';

describe('parseVmRssMb', () => {
  it('reads VmRSS in MiB', () => {
    expect(parseVmRssMb('Name:\tnode\nVmPeak:\t 900000 kB\nVmRSS:\t  102400 kB\nThreads:\t11\n')).toBe(100);
  });

  it('is undefined for processes without resident memory (kernel threads)', () => {
    expect(parseVmRssMb('Name:\tkthreadd\nThreads:\t1\n')).toBeUndefined();
  });
});

describe('parseProcStat', () => {
  it('reads the command and parent pid, even when the command contains spaces and parentheses', () => {
    expect(parseProcStat('4242 (python3 (moto)) S 4100 4242 4100 0 -1')).toEqual({ command: 'python3 (moto)', parentPid: 4100 });
  });
});
