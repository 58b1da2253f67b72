// What a benchmark ran on (CPU, cores, Node, date), and resident memory of processes read from /proc.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  date: string;
}

export function machineInfo(now: Date = new Date()): MachineInfo {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    date: now.toISOString(),
  };
}

/** VmRSS from the text of /proc/<pid>/status, in MiB; undefined when the line is missing (kernel threads, zombies). */
export function parseVmRssMb(statusText: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(statusText);
  return match?.[1] === undefined ? undefined : Math.round((Number(match[1]) / 1024) * 10) / 10;
}

export function residentSetMb(pid: number | 'self'): number | undefined {
  try {
    return parseVmRssMb(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

export interface ProcessMemory {
  pid: number;
  command: string;
  rssMb: number | undefined;
}

/** The parent pid and command name from /proc/<pid>/stat ("pid (comm) state ppid …"; comm may contain spaces). */
export function parseProcStat(statText: string): { command: string; parentPid: number } | undefined {
  const match = /^\d+ \((.*)\) \S+ (\d+)/s.exec(statText);
  return match?.[1] === undefined || match[2] === undefined ? undefined : { command: match[1], parentPid: Number(match[2]) };
}

/** This process and every process below it (emulators started by the local cloud), with their RSS. */
export function processTreeMemory(rootPid: number = process.pid): ProcessMemory[] {
  const parents = new Map<number, { command: string; parentPid: number }>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      if (stat) parents.set(Number(entry), stat);
    } catch {
      // The process ended while the list was read.
    }
  }
  const inTree = (pid: number): boolean => {
    for (let current: number | undefined = pid, depth = 0; current !== undefined && depth < 20; depth += 1) {
      if (current === rootPid) return true;
      current = parents.get(current)?.parentPid;
    }
    return false;
  };
  return [...parents]
    .filter(([pid]) => inTree(pid))
    .map(([pid, { command }]) => ({ pid, command, rssMb: residentSetMb(pid) }));
}
