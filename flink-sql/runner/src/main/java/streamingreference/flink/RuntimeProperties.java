// The job's runtime properties: one flat key set, from Managed Flink's property group on AWS or a .properties file locally.
package streamingreference.flink;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

public final class RuntimeProperties {

  /** The Managed Flink property group id (serverless.yml sets it; a local file has the same keys, ungrouped). */
  public static final String PROPERTY_GROUP = "StreamingReference";

  private static final String STREAM_ARN_SUFFIX = ".stream.arn";
  private static final String STREAM_NAME_SUFFIX = ".stream.name";

  private RuntimeProperties() {}

  public static Map<String, String> fromFile(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return withDerivedKeys(properties);
  }

  public static Map<String, String> fromApplicationProperties(Map<String, Properties> groups) {
    Properties group = groups.get(PROPERTY_GROUP);
    if (group == null) {
      throw new IllegalStateException("The application has no property group '" + PROPERTY_GROUP + "'");
    }
    return withDerivedKeys(group);
  }

  /**
   * The deployment passes stream ARNs (what IAM and CloudFormation deal in); the Kinesis SQL source of connector
   * 4.x addresses a stream by name, so `x.stream.name` is derived from `x.stream.arn` unless set explicitly.
   */
  static Map<String, String> withDerivedKeys(Properties properties) {
    Map<String, String> values = new TreeMap<>();
    properties.stringPropertyNames().forEach((key) -> values.put(key, properties.getProperty(key).strip()));
    Map<String, String> derived = new TreeMap<>();
    values.forEach((key, value) -> {
      if (key.endsWith(STREAM_ARN_SUFFIX)) {
        String prefix = key.substring(0, key.length() - STREAM_ARN_SUFFIX.length());
        derived.put(prefix + STREAM_NAME_SUFFIX, streamNameOf(value));
      }
    });
    derived.forEach(values::putIfAbsent);
    return values;
  }

  /** arn:aws:kinesis:eu-west-1:123456789012:stream/my-stream → my-stream. */
  static String streamNameOf(String streamArn) {
    int slash = streamArn.indexOf(":stream/");
    if (!streamArn.startsWith("arn:") || slash < 0 || slash + 8 == streamArn.length()) {
      throw new IllegalArgumentException("Not a Kinesis stream ARN: " + streamArn);
    }
    return streamArn.substring(slash + 8);
  }
}
