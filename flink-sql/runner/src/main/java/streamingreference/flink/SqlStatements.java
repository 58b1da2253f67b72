// Splits a SQL script into statements at top-level semicolons, the way the SQL client reads a file.
package streamingreference.flink;

import java.util.ArrayList;
import java.util.List;

/** Comments are dropped; semicolons inside quotes, backticks and comments do not end a statement. */
public final class SqlStatements {

  private SqlStatements() {}

  public static List<String> split(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    while (i < script.length()) {
      char c = script.charAt(i);
      if (c == '-' && script.startsWith("--", i)) {
        i = skipLineComment(script, i);
      } else if (c == '/' && script.startsWith("/*", i)) {
        i = skipBlockComment(script, i);
        current.append(' ');
      } else if (c == '\'' || c == '`' || c == '"') {
        int end = quotedEnd(script, i, c);
        current.append(script, i, end);
        i = end;
      } else if (c == ';') {
        addIfNotBlank(statements, current);
        current.setLength(0);
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    addIfNotBlank(statements, current);
    return statements;
  }

  private static int skipLineComment(String script, int start) {
    int newline = script.indexOf('\n', start);
    return newline < 0 ? script.length() : newline;
  }

  private static int skipBlockComment(String script, int start) {
    int end = script.indexOf("*/", start + 2);
    if (end < 0) throw new IllegalArgumentException("Unterminated /* comment at offset " + start);
    return end + 2;
  }

  /** A doubled quote inside a literal ('it''s') is an escaped quote, not the end. */
  private static int quotedEnd(String script, int start, char quote) {
    int i = start + 1;
    while (i < script.length()) {
      if (script.charAt(i) == quote) {
        if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException("Unterminated " + quote + " quote at offset " + start);
  }

  private static void addIfNotBlank(List<String> statements, StringBuilder statement) {
    String trimmed = statement.toString().strip();
    if (!trimmed.isEmpty()) statements.add(trimmed);
  }
}
