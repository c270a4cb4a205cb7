package io.tidb.cdc.worker.http;

import io.tidb.cdc.worker.http.PrometheusText.Type;
import io.tidb.cdc.worker.pipeline.ChangefeedStatus;
import io.tidb.cdc.worker.pipeline.Phase;
import io.tidb.cdc.worker.pipeline.Tso;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A changefeed's status as Prometheus metrics, with TiCDC's names and labels ({@code namespace},
 * {@code changefeed}) where TiCDC has the same metric, so its Grafana dashboards and alerts work:
 * checkpoint and resolved ts as physical milliseconds, their lags in seconds, the table count, the
 * sink's row counters. Pure.
 */
public final class ChangefeedMetrics {
  private ChangefeedMetrics() {}

  public static void render(ChangefeedStatus s, long nowMillis, PrometheusText out) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("namespace", s.namespace());
    l.put("changefeed", s.name());
    double cpLag = Tso.lagSeconds(s.checkpointTs(), nowMillis);
    double rLag = Tso.lagSeconds(s.resolvedTs(), nowMillis);
    long cp = Tso.physicalMillis(s.checkpointTs());
    long resolved = Tso.physicalMillis(s.resolvedTs());
    out.add("ticdc_owner_checkpoint_ts", "checkpoint ts of changefeeds", Type.GAUGE, l, cp)
        .add(
            "ticdc_owner_checkpoint_ts_lag",
            "checkpoint ts lag of changefeeds in seconds",
            Type.GAUGE,
            l,
            cpLag)
        .add("ticdc_owner_resolved_ts", "resolved ts of changefeeds", Type.GAUGE, l, resolved)
        .add(
            "ticdc_owner_resolved_ts_lag",
            "resolved ts lag of changefeeds in seconds",
            Type.GAUGE,
            l,
            rLag)
        .add("ticdc_owner_status", "The status of changefeeds", Type.GAUGE, l, stateCode(s.phase()))
        .add(
            "ticdc_processor_checkpoint_ts", "global checkpoint ts of processor", Type.GAUGE, l, cp)
        .add(
            "ticdc_processor_checkpoint_ts_lag",
            "global checkpoint ts lag of processor",
            Type.GAUGE,
            l,
            cpLag)
        .add(
            "ticdc_processor_resolved_ts",
            "local resolved ts of processor",
            Type.GAUGE,
            l,
            resolved)
        .add(
            "ticdc_processor_resolved_ts_lag",
            "local resolved ts lag of processor",
            Type.GAUGE,
            l,
            rLag)
        .add(
            "ticdc_processor_num_of_tables",
            "number of synchronized table of processor",
            Type.GAUGE,
            l,
            s.tables())
        .add(
            "ticdc_mounter_total_rows_count",
            "The total count of rows that are processed by mounter",
            Type.GAUGE,
            l,
            s.rowsMounted())
        .add(
            "ticdc_sink_total_rows_count",
            "The total count of rows that are processed by sink",
            Type.GAUGE,
            l,
            s.rowsWritten())
        .add(
            "ticdc_sink_total_flushed_rows_count",
            "The total count of rows that are flushed by sink",
            Type.GAUGE,
            l,
            s.rowsFlushed())
        .add(
            "ticdc_owner_ddl_executed_count",
            "DDL written to the sink by this changefeed (not a TiCDC metric)",
            Type.COUNTER,
            l,
            s.ddlsExecuted());
  }

  /**
   * TiCDC's {@code model.FeedState} codes as its owner reports them: normal 0, pending 1, failed 2,
   * stopped 3, finished 4, removed 5, warning 6; paused reports as stopped.
   */
  static int stateCode(Phase p) {
    return switch (p) {
      case NORMAL -> 0;
      case PENDING -> 1;
      case FAILED -> 2;
      case STOPPED, PAUSED -> 3;
      case FINISHED -> 4;
      case WARNING -> 6;
    };
  }
}
