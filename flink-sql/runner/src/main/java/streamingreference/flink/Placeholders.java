// Fills ${key} placeholders in SQL text from the job's runtime properties; a missing key fails before anything runs.
package streamingreference.flink;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class Placeholders {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

  private Placeholders() {}

  public static String fill(String sql, Map<String, String> properties) {
    Set<String> missing = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(sql);
    StringBuilder filled = new StringBuilder();
    while (matcher.find()) {
      String value = properties.get(matcher.group(1));
      if (value == null) {
        missing.add(matcher.group(1));
        value = matcher.group();
      }
      matcher.appendReplacement(filled, Matcher.quoteReplacement(escapeForSqlLiteral(value)));
    }
    matcher.appendTail(filled);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("Missing runtime properties: " + String.join(", ", missing));
    }
    return filled.toString();
  }

  /** Placeholders sit inside '...' literals; a quote in a value must not end the literal. */
  private static String escapeForSqlLiteral(String value) {
    return value.replace("'", "''");
  }
}
