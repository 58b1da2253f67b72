// Plans every production INSERT with the real Kinesis source and DynamoDB sink factories (no network needed).
package streamingreference.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Planning creates the connectors' table sources and sinks, which validates every option key and value and the
 * column types against the connectors; the AWS clients themselves are only built once tasks run.
 */
class ProductionPlanTest {

  static final Map<String, String> AWS_PROPERTIES = Map.of(
      "aws.region", "eu-west-1",
      "clickstream.stream.arn", "arn:aws:kinesis:eu-west-1:123456789012:stream/streaming-reference-dev-clickstream",
      "iot.stream.arn", "arn:aws:kinesis:eu-west-1:123456789012:stream/streaming-reference-dev-iot",
      "payments.stream.arn", "arn:aws:kinesis:eu-west-1:123456789012:stream/streaming-reference-dev-payments",
      "metrics.table.name", "streaming-reference-dev-metrics",
      "source.init.position", "LATEST");

  static Stream<String> queryFiles() {
    return MetricsJob.QUERY_FILES.stream();
  }

  @ParameterizedTest
  @MethodSource("queryFiles")
  void plansWithTheAwsConnectors(String queryFile) {
    assertPlans(queryFile, RuntimeProperties.withDerivedKeys(asProperties(AWS_PROPERTIES)));
  }

  @ParameterizedTest
  @MethodSource("queryFiles")
  void plansWithTheEmulatorOptions(String queryFile) {
    Map<String, String> local = new HashMap<>(AWS_PROPERTIES);
    local.put("aws.endpoint", "http://127.0.0.1:4566");
    local.put("aws.access.key.id", "test");
    local.put("aws.secret.access.key", "test");
    local.put("source.init.position", "TRIM_HORIZON");
    assertPlans(queryFile, RuntimeProperties.withDerivedKeys(asProperties(local)));
  }

  @Test
  void theJobRunsEverySqlFileInTheFolder() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(".."))) {
      TreeSet<String> onDisk = files.map((file) -> file.getFileName().toString())
          .filter((name) -> name.endsWith(".sql"))
          .collect(Collectors.toCollection(TreeSet::new));
      TreeSet<String> inJob = new TreeSet<>(MetricsJob.SETUP_FILES);
      inJob.addAll(MetricsJob.QUERY_FILES);
      assertEquals(onDisk, inJob);
    }
  }

  private static void assertPlans(String queryFile, Map<String, String> properties) {
    TableEnvironment tableEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    MetricsJob.SETUP_FILES.forEach((file) -> MetricsJob.run(tableEnv, MetricsJob.statementsOf(file, properties), null));
    MetricsJob.applyEmulatorOptions(tableEnv, properties);
    List<String> inserts = MetricsJob.statementsOf(queryFile, properties);
    assertEquals(1, inserts.size(), queryFile + " holds exactly one statement");
    String plan = tableEnv.explainSql(inserts.get(0));
    assertTrue(plan.contains("Sink(table=[default_catalog.default_database.metrics_"), plan);
    assertTrue(plan.contains("TableSourceScan(table=[[default_catalog, default_database, "), plan);
  }

  private static java.util.Properties asProperties(Map<String, String> values) {
    java.util.Properties properties = new java.util.Properties();
    properties.putAll(values);
    return properties;
  }
}
