// Unit tests: finding a JDK 17+ and Maven for the local Flink run, and the reason given when they are missing.
import { checkJavaToolchain, javaExecutable, parseJavaMajorVersion, type CommandProbe } from '../../../../../scripts/local/flink/java-toolchain';
import { startLocalFlink } from '../../../../../scripts/local/flink';

const JDK17 = 'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)';
const MAVEN = 'Apache Maven 3.8.7\nMaven home: /usr/share/maven';

/** A PATH with exactly these commands, answering with these outputs. */
const probeOf =
  (answers: Record<string, { status: number; output: string }>): CommandProbe =>
  (command) =>
    answers[command];

describe('parseJavaMajorVersion', () => {
  it.each([
    [JDK17, 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_402"', 8],
    ['openjdk version "11.0.22-ea" 2024-01-16', 11],
    ['command not found', undefined],
  ])('%s → %s', (output, major) => {
    expect(parseJavaMajorVersion(output)).toBe(major);
  });
});

describe('checkJavaToolchain', () => {
  it('accepts Java 17+ with Maven', () => {
    expect(checkJavaToolchain({}, probeOf({ java: { status: 0, output: JDK17 }, mvn: { status: 0, output: MAVEN } }))).toEqual({
      ok: true,
      java: 'java',
      mvn: 'mvn',
      javaMajor: 17,
    });
  });

  it('uses JAVA_HOME when set', () => {
    expect(javaExecutable({ JAVA_HOME: '/opt/jdk-21/' })).toBe('/opt/jdk-21/bin/java');
    const check = checkJavaToolchain({ JAVA_HOME: '/opt/jdk-21' }, probeOf({ '/opt/jdk-21/bin/java': { status: 0, output: JDK17 }, mvn: { status: 0, output: MAVEN } }));
    expect(check).toMatchObject({ ok: true, java: '/opt/jdk-21/bin/java' });
  });

  it.each([
    ['no java', {}, 'no Java runtime (java not found; install a JDK 17+ or set JAVA_HOME)'],
    ['an old java', { java: { status: 0, output: 'java version "1.8.0_402"' } }, 'Java 8 found, the Flink runner needs Java 17+'],
    ['a broken java', { java: { status: 1, output: 'Error: could not find libjava.so' } }, 'java -version failed: Error: could not find libjava.so'],
    ['no maven', { java: { status: 0, output: JDK17 } }, 'no Maven (mvn not found on PATH); it builds the Flink runner and resolves its classpath'],
  ])('explains %s', (_, answers, reason) => {
    expect(checkJavaToolchain({}, probeOf(answers))).toEqual({ ok: false, reason });
  });
});

test('startLocalFlink reports metrics off, with the reason, when there is no Java', async () => {
  const flink = await startLocalFlink({ projectRoot: '/nowhere', resources: [], sdkEnv: {}, region: 'us-east-1', log: () => undefined, env: {}, probe: probeOf({}) });
  expect(flink.status).toBe('off');
  expect(flink.reason).toContain('no Java runtime');
  await expect(flink.stop()).resolves.toBeUndefined();
});

test('LOCAL_FLINK=off turns the job off before looking for Java', async () => {
  const probe = jest.fn(probeOf({}));
  const flink = await startLocalFlink({ projectRoot: '/nowhere', resources: [], sdkEnv: {}, region: 'us-east-1', log: () => undefined, env: { LOCAL_FLINK: 'off' }, probe });
  expect({ status: flink.status, reason: flink.reason, alive: flink.isAlive() }).toEqual({ status: 'off', reason: 'LOCAL_FLINK=off', alive: false });
  expect(probe).not.toHaveBeenCalled();
});
