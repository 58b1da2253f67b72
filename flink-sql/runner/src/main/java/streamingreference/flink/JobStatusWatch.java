// Waits for the submitted job to reach RUNNING and says so in one line, which the local launcher (npm start) waits for.
package streamingreference.flink;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;

/**
 * Submitting a statement set returns as soon as the job is accepted; it reaches RUNNING once its tasks are scheduled
 * (a MiniCluster takes seconds). A job that fails first ends in a terminal state instead, which is returned as is.
 */
public final class JobStatusWatch {

  private JobStatusWatch() {}

  /** The line the local launcher matches (scripts/local/flink: JOB_RUNNING_PATTERN). */
  public static String runningLine(JobID jobId) {
    return "job " + jobId + " is RUNNING";
  }

  /** Polls until the job is RUNNING or has ended (FINISHED, FAILED, CANCELED), and returns that status. */
  public static JobStatus awaitRunningOrEnded(Supplier<CompletableFuture<JobStatus>> status, Duration pollInterval)
      throws Exception {
    while (true) {
      JobStatus current = status.get().get();
      if (current == JobStatus.RUNNING || current.isGloballyTerminalState()) return current;
      Thread.sleep(pollInterval.toMillis());
    }
  }
}
