// The metrics job as SQL: which files run in which order, and how each statement reaches the table environment.
package streamingreference.flink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.ObjectPath;

public final class MetricsJob {

  /** Session settings, then tables, in this order (the queries need the tables). */
  public static final List<String> SETUP_FILES = List.of("settings.sql", "sources.sql", "sinks.sql");

  /** One INSERT per file; all of them run as one statement set, so the sources are read once per job. */
  public static final List<String> QUERY_FILES = List.of(
      "page-views.sql",
      "active-sessions.sql",
      "top-pages.sql",
      "device-readings.sql",
      "card-activity.sql",
      "small-then-large.sql");

  private static final String RESOURCE_FOLDER = "sql/";
  private static final Pattern SET_STATEMENT = Pattern.compile("(?is)^SET\\s+'([^']+)'\\s*=\\s*'(.*)'$");
  private static final Pattern INSERT_STATEMENT = Pattern.compile("(?is)^INSERT\\s.*");

  private MetricsJob() {}

  /** Runs the setup files, points AWS tables at an emulator if configured, and collects every INSERT. */
  public static StatementSet plan(TableEnvironment tableEnv, Map<String, String> properties) {
    SETUP_FILES.forEach((file) -> run(tableEnv, statementsOf(file, properties), null));
    applyEmulatorOptions(tableEnv, properties);
    StatementSet inserts = tableEnv.createStatementSet();
    QUERY_FILES.forEach((file) -> run(tableEnv, statementsOf(file, properties), inserts));
    return inserts;
  }

  public static List<String> statementsOf(String file, Map<String, String> properties) {
    return SqlStatements.split(Placeholders.fill(readScript(file), properties));
  }

  public static String readScript(String file) {
    try (InputStream in = MetricsJob.class.getClassLoader().getResourceAsStream(RESOURCE_FOLDER + file)) {
      if (in == null) throw new IllegalStateException("SQL file not on the classpath: " + RESOURCE_FOLDER + file);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SET changes the session configuration; INSERTs go to the statement set (or fail without one); the rest runs now. */
  public static void run(TableEnvironment tableEnv, List<String> statements, StatementSet inserts) {
    for (String statement : statements) {
      Matcher set = SET_STATEMENT.matcher(statement);
      if (set.matches()) {
        tableEnv.getConfig().getConfiguration().setString(set.group(1), set.group(2));
      } else if (INSERT_STATEMENT.matcher(statement).matches()) {
        if (inserts == null) throw new IllegalArgumentException("INSERT outside a query file: " + firstLine(statement));
        inserts.addInsertSql(statement);
      } else {
        tableEnv.executeSql(statement);
      }
    }
  }

  static void applyEmulatorOptions(TableEnvironment tableEnv, Map<String, String> properties) {
    if (EmulatorOptions.endpoint(properties).isEmpty()) return;
    for (String table : tableEnv.listTables()) {
      String connector = tableOptions(tableEnv, table).getOrDefault("connector", "");
      Map<String, String> options = EmulatorOptions.tableOptions(properties, connector);
      if (!options.isEmpty()) tableEnv.executeSql("ALTER TABLE `" + table + "` SET (" + optionList(options) + ")");
    }
  }

  private static Map<String, String> tableOptions(TableEnvironment tableEnv, String table) {
    ObjectPath path = new ObjectPath(tableEnv.getCurrentDatabase(), table);
    try {
      CatalogBaseTable definition = tableEnv.getCatalog(tableEnv.getCurrentCatalog()).orElseThrow().getTable(path);
      return definition.getOptions();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot read the definition of table " + table, e);
    }
  }

  private static String optionList(Map<String, String> options) {
    List<String> pairs = new ArrayList<>();
    options.forEach((key, value) -> pairs.add(sqlLiteral(key) + " = " + sqlLiteral(value)));
    return pairs.stream().collect(Collectors.joining(", "));
  }

  private static String sqlLiteral(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static String firstLine(String statement) {
    return statement.lines().findFirst().orElse(statement);
  }
}
