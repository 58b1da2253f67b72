// Turns the production CREATE TABLE statements into test tables: same columns, watermark and format, other connector.
package streamingreference.flink;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Only the WITH clause changes: the schema and the WATERMARK clause are the production text itself, so the query
 * files run unchanged against tables that cannot drift from the real ones.
 */
final class FixtureTables {

  private static final Pattern TABLE_NAME = Pattern.compile("(?is)^CREATE\\s+TABLE\\s+`?(\\w+)`?");
  private static final Pattern WITH_CLAUSE = Pattern.compile("(?is)\\)\\s*WITH\\s*\\((.*)\\)\\s*$");
  private static final Pattern OPTION = Pattern.compile("'((?:[^']|'')*)'\\s*=\\s*'((?:[^']|'')*)'");

  private FixtureTables() {}

  /** Production script → statements with each table's connector options replaced; format options are kept. */
  static List<String> fromProductionScript(String file, Function<String, Map<String, String>> connectorOptionsByTable) {
    return SqlStatements.split(MetricsJob.readScript(file)).stream()
        .map((statement) -> withConnector(statement, connectorOptionsByTable))
        .collect(Collectors.toList());
  }

  static List<String> sources(Path fixturesFolder, Map<String, String> extraOptions) {
    return fromProductionScript("sources.sql", (table) -> {
      Map<String, String> options = new LinkedHashMap<>();
      options.put("connector", "filesystem");
      options.put("path", fixturesFolder.resolve(fixtureFolderOf(table)).toUri().toString());
      options.putAll(extraOptions);
      return options;
    });
  }

  static List<String> collectingSinks() {
    return fromProductionScript("sinks.sql", (table) -> Map.of("connector", CollectingSinkFactory.IDENTIFIER));
  }

  private static String fixtureFolderOf(String table) {
    switch (table) {
      case "clickstream_events":
        return "clickstream";
      case "iot_readings":
        return "iot";
      case "payment_transactions":
        return "payments";
      default:
        throw new IllegalArgumentException("No fixture folder for table " + table);
    }
  }

  static String withConnector(String statement, Function<String, Map<String, String>> connectorOptionsByTable) {
    Matcher name = TABLE_NAME.matcher(statement);
    Matcher with = WITH_CLAUSE.matcher(statement);
    if (!name.find() || !with.find()) return statement;
    Map<String, String> options = new LinkedHashMap<>(connectorOptionsByTable.apply(name.group(1)));
    options.putAll(formatOptions(with.group(1)));
    String optionList = options.entrySet().stream()
        .map((option) -> "'" + option.getKey() + "' = '" + option.getValue().replace("'", "''") + "'")
        .collect(Collectors.joining(", "));
    return statement.substring(0, with.start()) + ") WITH (" + optionList + ")";
  }

  /** `format` and its own options (`json.*`): how records are read must be exactly what production does. */
  private static Map<String, String> formatOptions(String withBody) {
    Map<String, String> all = new LinkedHashMap<>();
    Matcher option = OPTION.matcher(withBody);
    while (option.find()) all.put(option.group(1), option.group(2).replace("''", "'"));
    String format = all.get("format");
    Map<String, String> kept = new LinkedHashMap<>();
    all.forEach((key, value) -> {
      if (key.equals("format") || (format != null && key.startsWith(format + "."))) kept.put(key, value);
    });
    return kept;
  }
}
