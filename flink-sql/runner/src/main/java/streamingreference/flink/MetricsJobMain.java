// Entry point of the metrics job: on Managed Flink with no arguments, locally with `--properties <file>`.
package streamingreference.flink;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the properties come from is the only difference between the two: the job itself is the same. Outside a
 * cluster, Flink's execution environment is a MiniCluster inside this JVM, and the job runs until the process is killed.
 */
public final class MetricsJobMain {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsJobMain.class);

  private MetricsJobMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> properties = loadProperties(args);
    EmulatorOptions.applySystemProperties(properties);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    StreamTableEnvironment tableEnv = StreamTableEnvironment.create(env, EnvironmentSettings.inStreamingMode());
    TableResult result = MetricsJob.plan(tableEnv, properties).execute();
    result.getJobClient().ifPresent(MetricsJobMain::reportRunning);
    // Blocks like env.execute() does: in application mode on Managed Flink as in a local MiniCluster.
    result.await();
  }

  /** A job that fails before RUNNING is reported by await(), with its cause; this only announces the good case. */
  private static void reportRunning(JobClient job) {
    try {
      JobStatus status = JobStatusWatch.awaitRunningOrEnded(job::getJobStatus, Duration.ofMillis(200));
      if (status == JobStatus.RUNNING) LOG.info(JobStatusWatch.runningLine(job.getJobID()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("Could not read the status of job {}", job.getJobID(), e);
    }
  }

  static Map<String, String> loadProperties(String[] args) throws Exception {
    if (args.length == 0) return RuntimeProperties.fromApplicationProperties(KinesisAnalyticsRuntime.getApplicationProperties());
    if (args.length == 2 && args[0].equals("--properties")) return RuntimeProperties.fromFile(Path.of(args[1]));
    throw new IllegalArgumentException("Usage: MetricsJobMain [--properties <file>]");
  }
}
