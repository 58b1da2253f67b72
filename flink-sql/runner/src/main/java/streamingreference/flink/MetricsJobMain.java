// Entry point of the metrics job: on Managed Flink with no arguments, locally with `--properties <file>`.
package streamingreference.flink;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Where the properties come from is the only difference between the two: the job itself is the same. Outside a
 * cluster, Flink's execution environment is a MiniCluster inside this JVM, and the job runs until the process is killed.
 */
public final class MetricsJobMain {

  private MetricsJobMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> properties = loadProperties(args);
    EmulatorOptions.applySystemProperties(properties);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    StreamTableEnvironment tableEnv = StreamTableEnvironment.create(env, EnvironmentSettings.inStreamingMode());
    // Blocks like env.execute() does: in application mode on Managed Flink as in a local MiniCluster.
    MetricsJob.plan(tableEnv, properties).execute().await();
  }

  static Map<String, String> loadProperties(String[] args) throws Exception {
    if (args.length == 0) return RuntimeProperties.fromApplicationProperties(KinesisAnalyticsRuntime.getApplicationProperties());
    if (args.length == 2 && args[0].equals("--properties")) return RuntimeProperties.fromFile(Path.of(args[1]));
    throw new IllegalArgumentException("Usage: MetricsJobMain [--properties <file>]");
  }
}
