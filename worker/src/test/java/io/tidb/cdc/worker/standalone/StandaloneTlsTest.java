package io.tidb.cdc.worker.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.sim.ServerTls;
import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.testsupport.tls.TestCertificates;
import io.tidb.cdc.worker.config.ChangefeedDefaults;
import io.tidb.cdc.worker.config.ChangefeedSettings;
import io.tidb.cdc.worker.config.ResourceFile;
import io.tidb.cdc.worker.pipeline.ChangefeedStatus;
import io.tidb.cdc.worker.pipeline.Phase;
import io.tidb.cdc.worker.tls.TlsConfig;
import io.tidb.cdc.worker.verify.TableVerdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A standalone changefeed against a simulator whose PD and stores require mutual TLS. */
class StandaloneTlsTest {
  @TempDir Path tmp;

  @Test
  void replicatesRowsOverMutualTls() throws Exception {
    TestCertificates certs = TestCertificates.generate(tmp.resolve("certs"));
    SimulatorConfig config =
        SimulatorConfig.defaults()
            .withTls(
                new ServerTls(
                    certs.serverDir().resolve("tls.crt"),
                    certs.serverDir().resolve("tls.key"),
                    Optional.of(certs.caCert())));
    try (SimUpstream up = new SimUpstream(config)) {
      Path out = tmp.resolve("out");
      ChangefeedSettings s =
          ChangefeedDefaults.validated(
              ResourceFile.parse(
                  up.changefeedYaml("tls", "file://" + out + "?protocol=canal-json", ""),
                  "tls.yaml"),
              "tls.yaml");
      RunnerOptions options =
          RunnerOptions.defaults(tmp.resolve("data"))
              .withUpstreamTls(TlsConfig.fromDir(certs.clientDir()));
      try (RunningChangefeed r = new RunningChangefeed(s, options)) {
        r.await(st -> st.phase() == Phase.NORMAL);
        up.sql(
            """
            CREATE DATABASE app;
            CREATE TABLE app.t (id INT PRIMARY KEY, v VARCHAR(16));
            INSERT INTO app.t VALUES (1, 'a'), (2, 'b'), (3, 'c');
            UPDATE app.t SET v = 'bb' WHERE id = 2;
            DELETE FROM app.t WHERE id = 3;
            """);
        long last = up.now();
        ChangefeedStatus st = r.await(x -> x.checkpointTs() >= last);
        assertThat(st.lastError()).isEmpty();
        TableVerdict t = up.verify(out, "app", "t", List.of("id"), last);
        assertThat(t.consistent()).as(t.toString()).isTrue();
        assertThat(t.upstreamRows()).isEqualTo(2);
      }
    }
  }
}
