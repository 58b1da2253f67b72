// Unit tests: the progress line of a Maven build, read from its batch-mode output (colour escapes and all).
import { formatBuildProgress, trackBuildProgress } from '../../../../../scripts/local/flink/build-progress';

const MAVEN_OUTPUT = [
  '\u001b[0m\u001b[0m[INFO] Scanning for projects...',
  '[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/apache/flink/flink-core/1.19.3/flink-core-1.19.3.pom',
  '[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/org/apache/flink/flink-core/1.19.3/flink-core-1.19.3.pom (12 kB at 40 kB/s)',
  '[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/org/apache/flink/flink-core/1.19.3/flink-core-1.19.3.jar (1.9 MB at 2.3 MB/s)',
  '[INFO] Downloaded from mirror: https://mirror.example/maven2/x/y/1/y-1.jar (512 B at 1 kB/s)',
  '[INFO] --- maven-compiler-plugin:3.13.0:compile (default-compile) @ flink-sql-runner ---',
];

describe('trackBuildProgress', () => {
  it('counts finished downloads and their decimal sizes, and follows the plugin goal running', () => {
    const progress = trackBuildProgress();
    MAVEN_OUTPUT.forEach((line) => progress.feed(line));
    expect(progress.snapshot()).toEqual({ downloads: 3, downloadedBytes: 12_000 + 1_900_000 + 512, step: 'compile' });
  });

  it("reads Maven 3.9's short plugin prefix too", () => {
    const progress = trackBuildProgress();
    progress.feed('[INFO] --- shade:3.5.3:shade (default) @ flink-sql-runner ---');
    expect(progress.snapshot().step).toBe('shade');
  });
});

describe('formatBuildProgress', () => {
  it('shows the elapsed time, what was downloaded and the step', () => {
    expect(formatBuildProgress({ downloads: 412, downloadedBytes: 187_340_000, step: 'compile' }, 65_000)).toBe(
      '1m 05s · 412 files downloaded (187.3 MB) · now: compile',
    );
  });

  it('says it is resolving before the first plugin runs, and leaves out downloads on a warm build', () => {
    expect(formatBuildProgress({ downloads: 0, downloadedBytes: 0 }, 9_400)).toBe('9s · now: resolving dependencies');
  });
});
