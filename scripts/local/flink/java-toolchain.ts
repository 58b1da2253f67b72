// Is there a JDK and Maven to run the Flink job locally? Found on PATH, checked by running them, with a reason when not.
import { spawnSync } from 'node:child_process';

/** Building the runner needs Java 17: its tests compile for 17 (pom.xml maven.compiler.testRelease); the job's classes target 11. */
export const MIN_JAVA_MAJOR = 17;

export type ToolchainCheck = { ok: true; java: string; mvn: string; javaMajor: number } | { ok: false; reason: string };

/** What running a command printed; undefined when it could not be started at all (not on PATH). */
export type CommandProbe = (command: string, args: readonly string[]) => { status: number | null; output: string } | undefined;

export const probeCommand: CommandProbe = (command, args) => {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  if (result.error) return undefined;
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
};

/**
 * `java -version` prints to stderr, e.g. `openjdk version "17.0.15" 2025-04-15` or, before Java 9,
 * `java version "1.8.0_402"` (major 8).
 */
export function parseJavaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!match?.[1]) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

/** JAVA_HOME wins over PATH, as for Maven itself. */
export function javaExecutable(env: Readonly<Record<string, string | undefined>>): string {
  return env.JAVA_HOME ? `${env.JAVA_HOME.replace(/\/+$/, '')}/bin/java` : 'java';
}

export function checkJavaToolchain(env: Readonly<Record<string, string | undefined>> = process.env, probe: CommandProbe = probeCommand): ToolchainCheck {
  const java = javaExecutable(env);
  const javaVersion = probe(java, ['-version']);
  if (javaVersion === undefined) return { ok: false, reason: `no Java runtime (${java} not found; install a JDK ${MIN_JAVA_MAJOR}+ or set JAVA_HOME)` };
  const javaMajor = parseJavaMajorVersion(javaVersion.output);
  if (javaVersion.status !== 0 || javaMajor === undefined) return { ok: false, reason: `${java} -version failed: ${firstLine(javaVersion.output)}` };
  if (javaMajor < MIN_JAVA_MAJOR) return { ok: false, reason: `Java ${javaMajor} found, the Flink runner needs Java ${MIN_JAVA_MAJOR}+` };
  const mvnVersion = probe('mvn', ['-v']);
  if (mvnVersion === undefined) return { ok: false, reason: 'no Maven (mvn not found on PATH); it builds the Flink runner and resolves its classpath' };
  if (mvnVersion.status !== 0) return { ok: false, reason: `mvn -v failed: ${firstLine(mvnVersion.output)}` };
  return { ok: true, java, mvn: 'mvn', javaMajor };
}

const firstLine = (text: string): string => text.trim().split('\n')[0] ?? '';
