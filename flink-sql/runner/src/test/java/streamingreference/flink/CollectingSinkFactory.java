// A test-only table sink ("test-collect") that keeps every row in memory by table name, for exact assertions.
package streamingreference.flink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.RuntimeConverter;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkFunctionProvider;
import org.apache.flink.table.connector.sink.abilities.SupportsPartitioning;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/** The MiniCluster runs in the test's JVM, so a static map is visible to both the sink tasks and the assertions. */
public final class CollectingSinkFactory implements DynamicTableSinkFactory {

  public static final String IDENTIFIER = "test-collect";

  private static final Map<String, List<Map<String, Object>>> ROWS = new ConcurrentHashMap<>();

  /** Rows written to a table so far, as column name → value (inserts only: the metrics are append-only). */
  public static List<Map<String, Object>> rowsOf(String table) {
    return new ArrayList<>(ROWS.getOrDefault(table, List.of()));
  }

  public static void clear() {
    ROWS.clear();
  }

  @Override
  public String factoryIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of();
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of();
  }

  @Override
  public DynamicTableSink createDynamicTableSink(Context context) {
    return new CollectingTableSink(
        context.getObjectIdentifier().getObjectName(),
        context.getCatalogTable().getResolvedSchema().toPhysicalRowDataType());
  }

  /** Partitioning is accepted (the production sinks declare PARTITIONED BY) and has no effect here. */
  private static final class CollectingTableSink implements DynamicTableSink, SupportsPartitioning {
    private final String table;
    private final DataType rowType;

    CollectingTableSink(String table, DataType rowType) {
      this.table = table;
      this.rowType = rowType;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
      return ChangelogMode.insertOnly();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
      List<String> columns = DataType.getFieldNames(rowType);
      return SinkFunctionProvider.of(new CollectingSinkFunction(table, columns, context.createDataStructureConverter(rowType)));
    }

    @Override
    public void applyStaticPartition(Map<String, String> partition) {}

    @Override
    public DynamicTableSink copy() {
      return new CollectingTableSink(table, rowType);
    }

    @Override
    public String asSummaryString() {
      return IDENTIFIER;
    }
  }

  private static final class CollectingSinkFunction extends RichSinkFunction<RowData> {
    private final String table;
    private final List<String> columns;
    private final DynamicTableSink.DataStructureConverter converter;

    CollectingSinkFunction(String table, List<String> columns, DynamicTableSink.DataStructureConverter converter) {
      this.table = table;
      this.columns = columns;
      this.converter = converter;
    }

    @Override
    public void open(Configuration parameters) {
      converter.open(RuntimeConverter.Context.create(getRuntimeContext().getUserCodeClassLoader()));
    }

    @Override
    public void invoke(RowData row, Context context) {
      if (row.getRowKind() != RowKind.INSERT) throw new IllegalStateException("Not append-only: " + row.getRowKind());
      Row external = (Row) converter.toExternal(row);
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) values.put(columns.get(i), external.getField(i));
      ROWS.computeIfAbsent(table, (key) -> new CopyOnWriteArrayList<>()).add(values);
    }
  }
}
