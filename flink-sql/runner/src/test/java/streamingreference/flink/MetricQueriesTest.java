// Runs every production query file unchanged over bounded JSONL fixtures and checks the exact metric rows.
package streamingreference.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One job, like production: all INSERTs in one statement set. Parallelism 1 and a watermark after every record make
 * lateness a function of the fixture order alone; the end of the bounded input closes every remaining window.
 * Fixture events are on 2026-11-26 (UTC); each test names the events that matter to it.
 */
class MetricQueriesTest {

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final String DAY = "2026-11-26T";

  @BeforeAll
  static void runAllQueries() throws Exception {
    CollectingSinkFactory.clear();
    StreamTableEnvironment tableEnv = FixtureJob.tableEnv(1, 0);
    FixtureJob.plan(tableEnv, Map.of(), FixtureJob.FIXTURES, Map.of(), MetricsJob.QUERY_FILES).execute().await();
  }

  @Test
  void pageViewsCountPageViewsPerPathPerMinuteAndDropTheLateEvent() {
    // 11:00:40 /home arrives after the watermark passed 11:01:00: not in /home's 11:00 count (2, not 3).
    // 11:00:59 /cart arrives after 11:01:03 but within the 5 s bound: counted. The click on /home is not a view.
    assertEquals(
        List.of(
            at("11:00") + " /cart 2",
            at("11:00") + " /home 2",
            at("11:00") + " /products 1",
            at("11:01") + " /home 1",
            at("11:01") + " /products 2",
            at("11:02") + " /a 4",
            at("11:02") + " /b 3",
            at("11:02") + " /c 3",
            at("11:02") + " /d 2",
            at("11:02") + " /e 1",
            at("11:02") + " /f 1",
            at("11:06") + " /home 1"),
        FixtureJob.rows("metrics_page_views", "window_start", "dimension", "views"));
  }

  @Test
  void everyItemCarriesItsKeysWindowAndExpiry() {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("pk", "page_views#/home");
    expected.put("sk", at("11:00"));
    expected.put("metric", "page_views");
    expected.put("dimension", "/home");
    expected.put("window_start", at("11:00"));
    expected.put("window_end", at("11:01"));
    expected.put("expires_at", 1796295660L); // 11:01:00Z + 7 days, in epoch seconds
    expected.put("views", 2L);
    Map<String, Object> actual = CollectingSinkFactory.rowsOf("metrics_page_views").stream()
        .filter((row) -> row.get("pk").equals("page_views#/home") && row.get("sk").equals(at("11:00")))
        .findFirst()
        .orElseThrow();
    assertEquals(expected, actual);
  }

  @Test
  void activeSessionsCountDistinctSessionsPerFiveMinutesIncludingTheEventLateOnlyForOneMinuteWindows() {
    // s-9's event is late for its 1-minute window but not for [11:00, 11:05), which was still open.
    assertEquals(
        List.of(
            "active_sessions#all " + at("11:00") + " " + at("11:05") + " 7",
            "active_sessions#all " + at("11:05") + " " + at("11:10") + " 1"),
        FixtureJob.rows("metrics_active_sessions", "pk", "window_start", "window_end", "sessions"));
  }

  @Test
  void topPagesRankTheFiveMostViewedPathsPerMinuteWithTiesByPath() {
    assertEquals(
        List.of(
            "top_pages#1 " + at("11:00") + " 1 /cart 2",
            "top_pages#1 " + at("11:01") + " 1 /products 2",
            "top_pages#1 " + at("11:02") + " 1 /a 4",
            "top_pages#1 " + at("11:06") + " 1 /home 1",
            "top_pages#2 " + at("11:00") + " 2 /home 2",
            "top_pages#2 " + at("11:01") + " 2 /home 1",
            "top_pages#2 " + at("11:02") + " 2 /b 3",
            "top_pages#3 " + at("11:00") + " 3 /products 1",
            "top_pages#3 " + at("11:02") + " 3 /c 3",
            "top_pages#4 " + at("11:02") + " 4 /d 2",
            "top_pages#5 " + at("11:02") + " 5 /e 1"),
        FixtureJob.rows("metrics_top_pages", "pk", "window_start", "rank", "page", "views"));
  }

  @Test
  void deviceReadingsAggregateEveryMetricOverFiveMinutesSlidingByOne() {
    // d-1 at 11:00:30 (4 °C, 50 %), 11:02:30 (6 °C), 11:04:30 (5 °C, battery 80); d-2 at 11:01:00 (vibration 2.5).
    // d-1's reading stamped 10:58:00 arrives after the watermark passed 11:03:00, the end of its last window: dropped.
    String d2 = " 1 null null null null null null 2.5 2.5 2.5 null null null";
    assertEquals(
        List.of(
            "d-1 " + at("10:56") + " 1 4.0 4.0 4.0 50.0 50.0 50.0 null null null null null null",
            "d-1 " + at("10:57") + " 1 4.0 4.0 4.0 50.0 50.0 50.0 null null null null null null",
            "d-1 " + at("10:58") + " 2 5.0 4.0 6.0 50.0 50.0 50.0 null null null null null null",
            "d-1 " + at("10:59") + " 2 5.0 4.0 6.0 50.0 50.0 50.0 null null null null null null",
            "d-1 " + at("11:00") + " 3 5.0 4.0 6.0 50.0 50.0 50.0 null null null 80.0 80.0 80.0",
            "d-1 " + at("11:01") + " 2 5.5 5.0 6.0 null null null null null null 80.0 80.0 80.0",
            "d-1 " + at("11:02") + " 2 5.5 5.0 6.0 null null null null null null 80.0 80.0 80.0",
            "d-1 " + at("11:03") + " 1 5.0 5.0 5.0 null null null null null null 80.0 80.0 80.0",
            "d-1 " + at("11:04") + " 1 5.0 5.0 5.0 null null null null null null 80.0 80.0 80.0",
            "d-2 " + at("10:57") + d2,
            "d-2 " + at("10:58") + d2,
            "d-2 " + at("10:59") + d2,
            "d-2 " + at("11:00") + d2,
            "d-2 " + at("11:01") + d2),
        FixtureJob.rows(
            "metrics_device_readings",
            "dimension", "window_start", "readings",
            "temperature_avg", "temperature_min", "temperature_max",
            "humidity_avg", "humidity_min", "humidity_max",
            "vibration_avg", "vibration_min", "vibration_max",
            "battery_avg", "battery_min", "battery_max"));
  }

  @Test
  void deviceWindowsAreFiveMinutesLong() {
    assertEquals(
        List.of("device_readings#d-1 " + at("11:04") + " " + at("11:09")),
        FixtureJob.rows("metrics_device_readings", "pk", "window_start", "window_end").stream()
            .filter((row) -> row.startsWith("device_readings#d-1 " + at("11:04")))
            .toList());
  }

  @Test
  void cardActivityCountsAndSumsPerCardOverTenMinutesSlidingByOne() {
    // c-1: 1.00 at 11:00, 1.50 at 11:01, 0.99 at 11:02, 450.00 at 11:05.
    assertEquals(
        List.of(
            at("10:51") + " " + at("11:01") + " 1 1.00",
            at("10:52") + " " + at("11:02") + " 2 2.50",
            at("10:53") + " " + at("11:03") + " 3 3.49",
            at("10:54") + " " + at("11:04") + " 3 3.49",
            at("10:55") + " " + at("11:05") + " 3 3.49",
            at("10:56") + " " + at("11:06") + " 4 453.49",
            at("10:57") + " " + at("11:07") + " 4 453.49",
            at("10:58") + " " + at("11:08") + " 4 453.49",
            at("10:59") + " " + at("11:09") + " 4 453.49",
            at("11:00") + " " + at("11:10") + " 4 453.49",
            at("11:01") + " " + at("11:11") + " 3 452.49",
            at("11:02") + " " + at("11:12") + " 2 450.99",
            at("11:03") + " " + at("11:13") + " 1 450.00",
            at("11:04") + " " + at("11:14") + " 1 450.00",
            at("11:05") + " " + at("11:15") + " 1 450.00"),
        cardRows("c-1"));
  }

  @Test
  void cardActivityHasOneRowPerCardAndWindowThatHoldsATransaction() {
    // c-2: 11:00:10..11:03 → windows 10:51..11:03 (13); c-3: 11:00, 11:10, 11:20, 11:31 → 4 × 10 windows (40);
    // c-4: 11:00..11:02 → windows 10:51..11:02 (12).
    Map<String, Long> perCard = new java.util.TreeMap<>();
    CollectingSinkFactory.rowsOf("metrics_card_activity")
        .forEach((row) -> perCard.merge((String) row.get("dimension"), 1L, Long::sum));
    assertEquals(Map.of("c-1", 15L, "c-2", 13L, "c-3", 40L, "c-4", 12L), perCard);
  }

  @Test
  void smallThenLargeMatchesOnlyAnUnbrokenRunOfThreeSmallChargesBeforeALargeOneWithinThirtyMinutes() {
    // c-1 matches. Not: c-2 (2 small, then 500.00), c-3 (3 small, 350.00 31 min after the first),
    // c-4 (a 50.00 charge breaks the run of small charges before 400.00).
    assertEquals(
        List.of(
            "small_then_large#c-1 " + at("11:05") + " c-1 3 3.49 450.00 " + at("11:00") + " " + at("11:05")
                + " " + at("11:00") + " " + at("11:05") + " 1796295900"),
        FixtureJob.rows(
            "metrics_small_then_large",
            "pk", "sk", "dimension", "small_count", "small_total", "large_amount", "first_at", "last_at",
            "window_start", "window_end", "expires_at"));
  }

  private static List<String> cardRows(String card) {
    return CollectingSinkFactory.rowsOf("metrics_card_activity").stream()
        .filter((row) -> row.get("dimension").equals(card))
        .map((row) -> row.get("window_start") + " " + row.get("window_end") + " " + row.get("transactions") + " "
            + row.get("amount_total"))
        .sorted()
        .toList();
  }

  private static String at(String hourMinute) {
    return DAY + hourMinute + ":00.000Z";
  }
}
