// What the AWS connectors need to talk to a local emulator instead of AWS; used only when `aws.endpoint` is set.
package streamingreference.flink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Emulators speak HTTP/1.1 and JSON (not CBOR), serve self-signed certificates, accept any static credentials and
 * do not implement enhanced fan-out. The same SQL runs on AWS, where none of these options is set.
 */
public final class EmulatorOptions {

  public static final String ENDPOINT = "aws.endpoint";
  public static final String ACCESS_KEY_ID = "aws.access.key.id";
  public static final String SECRET_ACCESS_KEY = "aws.secret.access.key";

  /**
   * The Kinesis source polls with a relocated AWS SDK v1, whose CBOR switch is a system property under the relocated
   * package name; the DynamoDB sink uses SDK v2, which reads `aws.cborEnabled`.
   */
  static final Map<String, String> SYSTEM_PROPERTIES = Map.of(
      "aws.cborEnabled", "false",
      "org.apache.flink.kinesis.shaded.com.amazonaws.sdk.disableCbor", "true",
      "org.apache.flink.kinesis.shaded.com.amazonaws.sdk.disableCertChecking", "true");

  private EmulatorOptions() {}

  public static Optional<String> endpoint(Map<String, String> properties) {
    return Optional.ofNullable(properties.get(ENDPOINT)).filter((value) -> !value.isBlank());
  }

  /** `aws.endpoint.<connector>` overrides `aws.endpoint` for one service, like AWS_ENDPOINT_URL_<SERVICE> does. */
  static Optional<String> endpointFor(Map<String, String> properties, String connector) {
    return Optional.ofNullable(properties.get(ENDPOINT + "." + connector))
        .filter((value) -> !value.isBlank())
        .or(() -> endpoint(properties));
  }

  public static void applySystemProperties(Map<String, String> properties) {
    if (endpoint(properties).isPresent()) SYSTEM_PROPERTIES.forEach(System::setProperty);
  }

  /** Table options added to every table whose connector is an AWS one ("kinesis", "dynamodb"). */
  public static Map<String, String> tableOptions(Map<String, String> properties, String connector) {
    Map<String, String> options = new LinkedHashMap<>();
    if (endpoint(properties).isEmpty() || !isAwsConnector(connector)) return options;
    options.put("aws.endpoint", endpointFor(properties, connector).orElseThrow());
    options.put("aws.trust.all.certificates", "true");
    options.put("aws.http.protocol.version", "HTTP1_1");
    String accessKeyId = properties.get(ACCESS_KEY_ID);
    String secretAccessKey = properties.get(SECRET_ACCESS_KEY);
    if (accessKeyId != null && secretAccessKey != null) {
      options.put("aws.credentials.provider", "BASIC");
      options.put("aws.credentials.basic.accesskeyid", accessKeyId);
      options.put("aws.credentials.basic.secretkey", secretAccessKey);
    }
    if (connector.equals("kinesis")) options.put("scan.stream.recordpublisher", "POLLING");
    return options;
  }

  private static boolean isAwsConnector(String connector) {
    return connector.equals("kinesis") || connector.equals("dynamodb");
  }
}
