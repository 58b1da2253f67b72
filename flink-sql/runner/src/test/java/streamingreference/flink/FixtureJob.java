// Builds the production job over fixture tables on the test MiniCluster: production settings and query files, test connectors.
package streamingreference.flink;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

final class FixtureJob {

  static final Path FIXTURES = Path.of("src/test/resources/fixtures").toAbsolutePath();

  /** Clickstream events in order, and empty IoT and payments files. */
  static final Path UNBOUNDED_FIXTURES = Path.of("src/test/resources/fixtures-unbounded").toAbsolutePath();

  private FixtureJob() {}

  /** `watermarkIntervalMs` 0 emits a watermark after every record, which makes "late" depend on record order only. */
  static StreamTableEnvironment tableEnv(int parallelism, long watermarkIntervalMs) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    env.getConfig().setAutoWatermarkInterval(watermarkIntervalMs);
    return StreamTableEnvironment.create(env);
  }

  /**
   * Production settings.sql, then `settingOverrides` (test-only values such as a shorter idle timeout), fixture
   * sources over `fixtures` (plus extra source options), collecting sinks, and the given production query files.
   */
  static StatementSet plan(
      StreamTableEnvironment tableEnv,
      Map<String, String> settingOverrides,
      Path fixtures,
      Map<String, String> extraSourceOptions,
      List<String> queryFiles) {
    MetricsJob.run(tableEnv, MetricsJob.statementsOf("settings.sql", Map.of()), null);
    settingOverrides.forEach((key, value) -> tableEnv.getConfig().getConfiguration().setString(key, value));
    MetricsJob.run(tableEnv, FixtureTables.sources(fixtures, extraSourceOptions), null);
    MetricsJob.run(tableEnv, FixtureTables.collectingSinks(), null);
    StatementSet inserts = tableEnv.createStatementSet();
    queryFiles.forEach((file) -> MetricsJob.run(tableEnv, MetricsJob.statementsOf(file, Map.of()), inserts));
    return inserts;
  }

  /** The chosen columns of every row written to `table`, space-separated, sorted (sinks see no defined order). */
  static List<String> rows(String table, String... columns) {
    return CollectingSinkFactory.rowsOf(table).stream()
        .map((row) -> List.of(columns).stream().map((column) -> String.valueOf(row.get(column))).collect(Collectors.joining(" ")))
        .sorted()
        .collect(Collectors.toList());
  }
}
