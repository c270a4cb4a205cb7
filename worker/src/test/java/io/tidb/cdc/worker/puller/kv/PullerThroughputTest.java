package io.tidb.cdc.worker.puller.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A short run of {@link PullerThroughputHarness}: every row of both phases comes out once. */
class PullerThroughputTest {
  private static final Logger LOG = LoggerFactory.getLogger(PullerThroughputTest.class);

  @Test
  void bulkRowsComeThroughThePullerAndTheSorter() throws Exception {
    List<PullerThroughputHarness.Result> results =
        PullerThroughputHarness.run(20_000, Duration.ofSeconds(2), 4, 1);
    results.forEach(r -> LOG.info("{}", r));
    assertThat(results).hasSize(2);
    for (PullerThroughputHarness.Result r : results) {
      assertThat(r.rows()).as(r.phase()).isEqualTo(r.expected()).isPositive();
    }
  }
}
