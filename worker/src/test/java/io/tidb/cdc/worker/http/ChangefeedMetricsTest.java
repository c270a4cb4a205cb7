package io.tidb.cdc.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.worker.pipeline.ChangefeedStatus;
import io.tidb.cdc.worker.pipeline.Phase;
import io.tidb.cdc.worker.pipeline.Tso;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChangefeedMetricsTest {
  private static final long NOW = 1_700_000_010_000L;

  private static ChangefeedStatus status(Phase phase) {
    return new ChangefeedStatus(
        "prod",
        "orders",
        phase,
        Tso.ofMillis(NOW - 60_000),
        0,
        Tso.ofMillis(NOW - 2_500) + 7,
        Tso.ofMillis(NOW - 500),
        3,
        120,
        100,
        90,
        2,
        Optional.empty());
  }

  @Test
  void rendersTiCdcNamesLabelsAndUnits() {
    PrometheusText out = new PrometheusText();
    ChangefeedMetrics.render(status(Phase.NORMAL), NOW, out);
    String text = out.render();
    String labels = "{namespace=\"prod\",changefeed=\"orders\"}";
    assertThat(text)
        .contains("# HELP ticdc_owner_checkpoint_ts checkpoint ts of changefeeds\n")
        .contains("# TYPE ticdc_owner_checkpoint_ts gauge\n")
        .contains("ticdc_owner_checkpoint_ts" + labels + " " + (NOW - 2_500) + "\n")
        .contains("ticdc_owner_checkpoint_ts_lag" + labels + " 2.5\n")
        .contains("ticdc_owner_resolved_ts_lag" + labels + " 0.5\n")
        .contains("ticdc_processor_checkpoint_ts_lag" + labels + " 2.5\n")
        .contains("ticdc_processor_num_of_tables" + labels + " 3\n")
        .contains("ticdc_sink_total_rows_count" + labels + " 100\n")
        .contains("ticdc_sink_total_flushed_rows_count" + labels + " 90\n")
        .contains("ticdc_mounter_total_rows_count" + labels + " 120\n")
        .contains("ticdc_owner_status" + labels + " 0\n");
  }

  @Test
  void statusCodesFollowTiCdcFeedStates() {
    assertThat(ChangefeedMetrics.stateCode(Phase.NORMAL)).isZero();
    assertThat(ChangefeedMetrics.stateCode(Phase.PENDING)).isEqualTo(1);
    assertThat(ChangefeedMetrics.stateCode(Phase.FAILED)).isEqualTo(2);
    assertThat(ChangefeedMetrics.stateCode(Phase.STOPPED)).isEqualTo(3);
    assertThat(ChangefeedMetrics.stateCode(Phase.FINISHED)).isEqualTo(4);
    assertThat(ChangefeedMetrics.stateCode(Phase.WARNING)).isEqualTo(6);
  }

  @Test
  void escapesLabelValuesAndFormatsNumbers() {
    String text =
        new PrometheusText()
            .add(
                "m",
                "a \\ help\nline",
                PrometheusText.Type.COUNTER,
                Map.of("l", "a\"b\\c\nd"),
                1e20)
            .render();
    assertThat(text)
        .isEqualTo(
            "# HELP m a \\\\ help\\nline\n# TYPE m counter\nm{l=\"a\\\"b\\\\c\\nd\"} 1.0E20\n");
    assertThat(PrometheusText.format(Double.NaN)).isEqualTo("NaN");
    assertThat(PrometheusText.format(3)).isEqualTo("3");
    assertThat(PrometheusText.format(0.25)).isEqualTo("0.25");
  }

  @Test
  void statusJsonCarriesTheCheckpointTimeAndLag() {
    var json = StatusJson.of(status(Phase.WARNING), NOW);
    assertThat(json.path("state").asText()).isEqualTo("Warning");
    assertThat(json.path("checkpointTime").asText()).isEqualTo("2023-11-14T22:13:27.500Z");
    assertThat(json.path("lagSeconds").asDouble()).isEqualTo(2.5);
    assertThat(json.has("targetTs")).isFalse();
    assertThat(json.path("lastError").isNull()).isTrue();
  }
}
