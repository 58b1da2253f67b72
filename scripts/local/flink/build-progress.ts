// Reads Maven's batch-mode output as it streams and sums it up for a person: files downloaded, megabytes, the step running.

export interface BuildProgress {
  /** Artifacts and POMs fetched from a repository so far. */
  downloads: number;
  downloadedBytes: number;
  /** The plugin goal running now, e.g. "compile", "shade", "build-classpath". */
  step?: string;
}

/** Maven prints sizes in decimal units. */
const UNIT_BYTES: Readonly<Record<string, number>> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 };

/** `[INFO] Downloaded from central: https://…/x.jar (1.9 MB at 2.3 MB/s)` */
const DOWNLOADED = /Downloaded from [^:]+: \S+ \(([\d.]+) (B|kB|KB|MB|GB)\b/;
/** `[INFO] --- maven-compiler-plugin:3.13.0:compile (default-compile) @ x ---` (Maven 3.9: `--- compiler:3.13.0:compile …`) */
const PLUGIN_GOAL = /--- [\w.-]+:[\w.-]+:([\w-]+) (?:\([^)]*\) )?@ /;
/** Maven colours its output with ANSI escapes, even in batch mode. */
const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;

export function trackBuildProgress(): { feed(line: string): void; snapshot(): BuildProgress } {
  const progress: BuildProgress = { downloads: 0, downloadedBytes: 0 };
  return {
    feed(line) {
      const text = line.replace(ANSI_ESCAPE, '');
      const download = DOWNLOADED.exec(text);
      if (download?.[1] && download[2]) {
        progress.downloads++;
        progress.downloadedBytes += Math.round(Number(download[1]) * (UNIT_BYTES[download[2]] ?? 1));
        return;
      }
      const goal = PLUGIN_GOAL.exec(text)?.[1];
      if (goal) progress.step = goal;
    },
    snapshot: () => ({ ...progress }),
  };
}

/** e.g. `1m 05s · 412 files downloaded (187.3 MB) · now: compile` */
export function formatBuildProgress(progress: BuildProgress, elapsedMs: number): string {
  const parts = [formatDuration(elapsedMs)];
  if (progress.downloads > 0) parts.push(`${progress.downloads} files downloaded (${(progress.downloadedBytes / 1e6).toFixed(1)} MB)`);
  parts.push(`now: ${progress.step ?? 'resolving dependencies'}`);
  return parts.join(' · ');
}

function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes}m ${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}
