// Shows that a source split without data does not hold windows back: the idle timeout lets the watermark move on.
package streamingreference.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faithful to a Kinesis stream with a quiet shard: the source is unbounded (the file source keeps watching its
 * folder, so no end-of-input watermark ever closes the windows), runs with parallelism 2, and its one file is one
 * split, so one source subtask never gets a record. Windows can then only close if that subtask is declared idle.
 * The production idle timeout (30 s) is shortened to 1 s to keep the test fast; the mechanism is the same.
 */
class IdleSourceTest {

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final Duration PATIENCE = Duration.ofMinutes(2);

  @Test
  void windowsCloseWhileOneSourceSubtaskHasNoDataAndTheLastOpenWindowStaysOpen() throws Exception {
    CollectingSinkFactory.clear();
    StreamTableEnvironment tableEnv = FixtureJob.tableEnv(2, 200);
    TableResult result = FixtureJob.plan(
            tableEnv,
            Map.of("table.exec.source.idle-timeout", "1 s"),
            FixtureJob.UNBOUNDED_FIXTURES,
            Map.of("source.monitor-interval", "1 s"),
            List.of("page-views.sql"))
        .execute();
    JobClient job = result.getJobClient().orElseThrow();
    try {
      // Events at 11:00:05 /home, 11:00:30 /cart, 11:01:10 /home, 11:02:20 /home: the watermark stops at 11:02:15,
      // which closes the 11:00 and 11:01 windows; 11:02 stays open because nothing later arrives.
      awaitRows("metrics_page_views", 3);
      assertEquals(
          List.of(
              "2026-11-26T11:00:00.000Z /cart 1",
              "2026-11-26T11:00:00.000Z /home 1",
              "2026-11-26T11:01:00.000Z /home 1"),
          FixtureJob.rows("metrics_page_views", "window_start", "dimension", "views"));
    } finally {
      job.cancel().get();
    }
  }

  private static void awaitRows(String table, int count) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (CollectingSinkFactory.rowsOf(table).size() < count) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Only " + CollectingSinkFactory.rowsOf(table) + " after " + PATIENCE);
      }
      Thread.sleep(100);
    }
  }
}
