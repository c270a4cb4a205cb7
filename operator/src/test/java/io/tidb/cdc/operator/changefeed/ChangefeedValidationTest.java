package io.tidb.cdc.operator.changefeed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.crd.changefeed.ChangefeedSpec;
import io.tidb.cdc.crd.changefeed.DispatcherRule;
import io.tidb.cdc.crd.changefeed.PartitionStrategy;
import io.tidb.cdc.crd.changefeed.SinkSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangefeedValidationTest {
  private static ChangefeedSpec spec(String uri, Long start, Long target) {
    return new ChangefeedSpec(
        "main", start, target, null, null, new SinkSpec(uri, null, null, null, null), null);
  }

  @Test
  void acceptsEverySupportedScheme() {
    for (String uri :
        List.of(
            "blackhole://",
            "file:///data",
            "mysql://db:3306/",
            "kafka://k:9092/t",
            "pulsar+ssl://p:6651/t",
            "s3://bucket/prefix")) {
      assertThat(ChangefeedValidation.problems(spec(uri, null, null))).as(uri).isEmpty();
    }
  }

  @Test
  void namesWhatIsWrong() {
    assertThat(ChangefeedValidation.problems(spec("ftp://x", null, null)))
        .singleElement()
        .asString()
        .contains("scheme");
    assertThat(ChangefeedValidation.problems(spec("mysql://root:secret@db:3306/", null, null)))
        .singleElement()
        .asString()
        .contains("credentialsSecretRef");
    assertThat(ChangefeedValidation.problems(spec("kafka://k:9092/t", 10L, 5L)))
        .singleElement()
        .asString()
        .contains("targetTs (5) must be greater than spec.startTs (10)");
    assertThat(ChangefeedValidation.problems(spec(null, null, null)))
        .containsExactly("spec.sink.uri is required");
    assertThat(ChangefeedValidation.problems(null)).containsExactly("spec is missing");
    var columns =
        new ChangefeedSpec(
            "main",
            null,
            null,
            null,
            null,
            new SinkSpec(
                "kafka://k:9092/t",
                null,
                null,
                List.of(new DispatcherRule(List.of("*.*"), "t", PartitionStrategy.COLUMNS, null)),
                null),
            null);
    assertThat(ChangefeedValidation.problems(columns))
        .singleElement()
        .asString()
        .contains("dispatchers[0]");
  }

  @Test
  void tsoPhysicalPartIsTheHighBits() {
    Instant t = Instant.parse("2024-05-01T12:00:00.123Z");
    long tso = Tso.of(t, 42);
    assertThat(tso & ((1 << 18) - 1)).isEqualTo(42);
    assertThat(Tso.physical(tso)).isEqualTo(t);
    // A TSO taken in March 2020: the physical part is milliseconds since the epoch.
    assertThat(Tso.physical(415241823337054209L).toString()).startsWith("2020-03-");
  }
}
