// The runner's RUNNING announcement: the line the local launcher waits for, and when it is (not) printed.
package streamingreference.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;

class JobStatusWatchTest {

  @Test
  void theRunningLineNamesTheJobAsTheLauncherExpects() {
    JobID id = JobID.fromHexString("0123456789abcdef0123456789abcdef");
    String line = JobStatusWatch.runningLine(id);
    assertEquals("job 0123456789abcdef0123456789abcdef is RUNNING", line);
    // scripts/local/flink/index.ts, JOB_RUNNING_PATTERN
    assertTrue(line.matches("job [0-9a-f]{32} is RUNNING"));
  }

  @Test
  void waitsThroughSchedulingUntilRunning() throws Exception {
    assertEquals(JobStatus.RUNNING, watch(JobStatus.INITIALIZING, JobStatus.CREATED, JobStatus.RUNNING, JobStatus.FAILED));
  }

  @Test
  void returnsTheEndStateOfAJobThatNeverRan() throws Exception {
    assertEquals(JobStatus.FAILED, watch(JobStatus.CREATED, JobStatus.FAILING, JobStatus.FAILED, JobStatus.RUNNING));
  }

  private static JobStatus watch(JobStatus... statuses) throws Exception {
    Iterator<JobStatus> sequence = List.of(statuses).iterator();
    return JobStatusWatch.awaitRunningOrEnded(() -> CompletableFuture.completedFuture(sequence.next()), Duration.ZERO);
  }
}
