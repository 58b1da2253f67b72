// Unit tests: what decides a runner rebuild (inputs hash), the local classpath, and the JVM flags taken from the POM.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { buildInputs, hashBuildInputs, runnerClasspath, runnerJvmFlags, runnerLayout } from '../../../../../scripts/local/flink/runner-build';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'runner-build-'));
  const runner = join(root, 'flink-sql', 'runner');
  mkdirSync(join(runner, 'src', 'main', 'java', 'job'), { recursive: true });
  mkdirSync(join(runner, 'src', 'test'), { recursive: true });
  mkdirSync(join(runner, 'target'), { recursive: true });
  writeFileSync(join(runner, 'pom.xml'), '<project><properties><flink.jvm.opens>--add-opens=java.base/java.util=ALL-UNNAMED\n  --add-opens=java.base/java.lang=ALL-UNNAMED</flink.jvm.opens></properties></project>');
  writeFileSync(join(runner, 'src', 'main', 'java', 'job', 'Main.java'), 'class Main {}');
  writeFileSync(join(runner, 'src', 'test', 'MainTest.java'), 'class MainTest {}');
  writeFileSync(join(root, 'flink-sql', 'page-views.sql'), 'INSERT INTO x SELECT 1;');
  writeFileSync(join(root, 'flink-sql', 'README.md'), '# runner');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('build inputs', () => {
  it('are the POM, the main sources and the SQL files; not tests, docs or build output', () => {
    const layout = runnerLayout(root);
    expect(buildInputs(layout).map((file) => file.slice(root.length + 1))).toEqual([
      'flink-sql/page-views.sql',
      'flink-sql/runner/pom.xml',
      'flink-sql/runner/src/main/java/job/Main.java',
    ]);
  });

  it('hash differently when a SQL file changes or is renamed, and the same otherwise', () => {
    const layout = runnerLayout(root);
    const before = hashBuildInputs(buildInputs(layout), root);
    expect(hashBuildInputs(buildInputs(layout), root)).toBe(before);
    writeFileSync(join(root, 'flink-sql', 'page-views.sql'), 'INSERT INTO x SELECT 2;');
    const edited = hashBuildInputs(buildInputs(layout), root);
    expect(edited).not.toBe(before);
    rmSync(join(root, 'flink-sql', 'page-views.sql'));
    writeFileSync(join(root, 'flink-sql', 'views.sql'), 'INSERT INTO x SELECT 2;');
    expect(hashBuildInputs(buildInputs(layout), root)).not.toBe(edited);
  });
});

test("the classpath is the runner's classes, then the dependencies Maven wrote out", () => {
  const layout = runnerLayout(root);
  writeFileSync(layout.dependencyClasspathFile, `/m2/flink-core.jar${delimiter}/m2/flink-table.jar\n`);
  expect(runnerClasspath(layout)).toBe([layout.classesDir, '/m2/flink-core.jar', '/m2/flink-table.jar'].join(delimiter));
});

test('the JVM flags come from the POM property the tests run with', () => {
  expect(runnerJvmFlags('<flink.jvm.opens>--add-opens=java.base/java.util=ALL-UNNAMED\n  --add-opens=java.base/java.lang=ALL-UNNAMED</flink.jvm.opens>')).toEqual([
    '--add-opens=java.base/java.util=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
  ]);
  expect(runnerJvmFlags('<project/>')).toEqual([]);
});
