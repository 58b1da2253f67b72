// Statement splitting, placeholder filling, property loading and emulator options of the runner.
package streamingreference.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlScriptTest {

  @Test
  void splitsAtTopLevelSemicolonsAndDropsComments() {
    String script = "-- header; not a statement\n"
        + "SET 'a' = 'x;y';\n"
        + "/* block; comment */ CREATE TABLE `t;1` (c STRING COMMENT 'it''s; fine');\n"
        + "INSERT INTO t SELECT 'a--b' -- trailing; comment\n"
        + "FROM s;\n\n;  \n";
    assertEquals(
        List.of(
            "SET 'a' = 'x;y'",
            "CREATE TABLE `t;1` (c STRING COMMENT 'it''s; fine')",
            "INSERT INTO t SELECT 'a--b' \nFROM s"),
        SqlStatements.split(script));
  }

  @Test
  void aLastStatementWithoutSemicolonCounts() {
    assertEquals(List.of("SELECT 1", "SELECT 2"), SqlStatements.split("SELECT 1; SELECT 2"));
  }

  @Test
  void unterminatedQuotesAndCommentsAreErrors() {
    assertThrows(IllegalArgumentException.class, () -> SqlStatements.split("SELECT 'open;"));
    assertThrows(IllegalArgumentException.class, () -> SqlStatements.split("SELECT 1 /* open"));
  }

  @Test
  void fillsPlaceholdersAndEscapesQuotes() {
    assertEquals(
        "'stream' = 'clicks', 'note' = 'it''s'",
        Placeholders.fill("'stream' = '${clickstream.stream.name}', 'note' = '${note}'",
            Map.of("clickstream.stream.name", "clicks", "note", "it's")));
  }

  @Test
  void listsEveryMissingPropertyAtOnce() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> Placeholders.fill("${b} ${a} ${b}", Map.of()));
    assertEquals("Missing runtime properties: a, b", error.getMessage());
  }

  @Test
  void loadsAPropertiesFileAndDerivesStreamNamesFromArns(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("local.properties");
    Files.writeString(file, String.join("\n",
        "aws.region = us-east-1",
        "clickstream.stream.arn = arn:aws:kinesis:us-east-1:000000000000:stream/clicks ",
        "iot.stream.arn = arn:aws:kinesis:us-east-1:000000000000:stream/iot",
        "iot.stream.name = explicit-wins"));
    Map<String, String> properties = RuntimeProperties.fromFile(file);
    assertEquals("clicks", properties.get("clickstream.stream.name"));
    assertEquals("explicit-wins", properties.get("iot.stream.name"));
    assertEquals("us-east-1", properties.get("aws.region"));
  }

  @Test
  void readsTheManagedFlinkPropertyGroup() {
    java.util.Properties group = new java.util.Properties();
    group.setProperty("payments.stream.arn", "arn:aws:kinesis:eu-west-1:1:stream/payments");
    Map<String, String> properties = RuntimeProperties.fromApplicationProperties(Map.of("StreamingReference", group));
    assertEquals("payments", properties.get("payments.stream.name"));
    assertThrows(IllegalStateException.class, () -> RuntimeProperties.fromApplicationProperties(Map.of()));
  }

  @Test
  void rejectsAValueThatIsNotAStreamArn() {
    assertThrows(IllegalArgumentException.class, () -> RuntimeProperties.streamNameOf("clicks"));
  }

  @Test
  void emulatorOptionsApplyOnlyWithAnEndpointAndOnlyToAwsConnectors() {
    Map<String, String> local = Map.of("aws.endpoint", "http://127.0.0.1:5000",
        "aws.access.key.id", "test", "aws.secret.access.key", "secret");
    Map<String, String> kinesis = EmulatorOptions.tableOptions(local, "kinesis");
    assertEquals("http://127.0.0.1:5000", kinesis.get("aws.endpoint"));
    assertEquals("BASIC", kinesis.get("aws.credentials.provider"));
    assertEquals("POLLING", kinesis.get("scan.stream.recordpublisher"));
    assertEquals("HTTP1_1", EmulatorOptions.tableOptions(local, "dynamodb").get("aws.http.protocol.version"));
    assertTrue(EmulatorOptions.tableOptions(local, "dynamodb").get("scan.stream.recordpublisher") == null);
    assertTrue(EmulatorOptions.tableOptions(local, "filesystem").isEmpty());
    assertTrue(EmulatorOptions.tableOptions(Map.of("aws.region", "eu-west-1"), "kinesis").isEmpty());
  }

  @Test
  void aServiceEndpointOverridesTheCommonOne() {
    Map<String, String> local = Map.of("aws.endpoint", "http://127.0.0.1:5000", "aws.endpoint.kinesis", "http://127.0.0.1:4568");
    assertEquals("http://127.0.0.1:4568", EmulatorOptions.tableOptions(local, "kinesis").get("aws.endpoint"));
    assertEquals("http://127.0.0.1:5000", EmulatorOptions.tableOptions(local, "dynamodb").get("aws.endpoint"));
  }

  /** The keys scripts/local/flink/local-properties.ts writes when Kinesis and DynamoDB run in different emulators. */
  @Test
  void eachServiceCanHaveItsOwnEndpoint() {
    Map<String, String> local = Map.of("aws.endpoint", "http://127.0.0.1:4501",
        "aws.endpoint.kinesis", "http://127.0.0.1:4502", "aws.endpoint.dynamodb", "http://127.0.0.1:4503");
    assertEquals("http://127.0.0.1:4502", EmulatorOptions.tableOptions(local, "kinesis").get("aws.endpoint"));
    assertEquals("http://127.0.0.1:4503", EmulatorOptions.tableOptions(local, "dynamodb").get("aws.endpoint"));
  }

  @Test
  void runsTheLocalEntryPointArgumentsOnly() {
    assertThrows(IllegalArgumentException.class, () -> MetricsJobMain.loadProperties(new String[] {"--nope"}));
  }
}
