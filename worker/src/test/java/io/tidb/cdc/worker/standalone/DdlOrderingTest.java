package io.tidb.cdc.worker.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.worker.config.ChangefeedDefaults;
import io.tidb.cdc.worker.config.ChangefeedSettings;
import io.tidb.cdc.worker.config.ResourceFile;
import io.tidb.cdc.worker.pipeline.ChangefeedPipeline;
import io.tidb.cdc.worker.pipeline.ChangefeedStarter;
import io.tidb.cdc.worker.pipeline.Phase;
import io.tidb.cdc.worker.pipeline.PipelineOptions;
import io.tidb.cdc.worker.pipeline.Upstream;
import io.tidb.cdc.worker.sink.SinkFactory;
import io.tidb.cdc.worker.verify.TableVerdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DDL under concurrent DML: every DDL reaches the sink after every row committed below it and
 * before every row committed at or after it; the files still match the upstream.
 */
class DdlOrderingTest {
  @TempDir Path tmp;

  @Test
  void ddlIsABarrierForRowsOfEveryTable() throws Exception {
    try (SimUpstream up = new SimUpstream()) {
      up.sql(
          """
          CREATE DATABASE shop;
          CREATE TABLE shop.a (id INT PRIMARY KEY, v INT);
          CREATE TABLE shop.b (id INT PRIMARY KEY, v VARCHAR(20));
          """);
      Path out = tmp.resolve("out");
      ChangefeedSettings s =
          ChangefeedDefaults.validated(
              ResourceFile.parse(
                  up.changefeedYaml("ddl", "file://" + out + "?protocol=canal-json", ""), "t"),
              "t");
      RecordingSink sink = new RecordingSink(SinkFactory.open(s.sinkUri()));
      try (Upstream upstream = Upstream.connect(s.pdAddresses())) {
        ChangefeedPipeline p =
            ChangefeedStarter.start(
                s,
                upstream,
                sink,
                new FilePositionStore(tmp.resolve("pos"), s.id()),
                PipelineOptions.defaults(tmp.resolve("sorter"), "test-ddl"));
        try {
          check(up, p, sink, out);
        } finally {
          p.close();
        }
      }
    }
  }

  private static void check(SimUpstream up, ChangefeedPipeline p, RecordingSink sink, Path out)
      throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong ids = new AtomicLong();
    List<Throwable> writerErrors = new ArrayList<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                while (running.get()) {
                  long id = ids.incrementAndGet();
                  up.sql(
                      "BEGIN; INSERT INTO shop.a (id, v) VALUES (%d, %d); INSERT INTO shop.b (id, v) VALUES (%d, 'x%d'); COMMIT;"
                          .formatted(id, id, id, id));
                }
              } catch (Exception e) {
                writerErrors.add(e);
              }
            });
    writer.start();
    Thread.sleep(300);
    up.sql("ALTER TABLE shop.a ADD COLUMN w INT DEFAULT 7");
    Thread.sleep(200);
    up.sql("CREATE TABLE shop.c (id INT PRIMARY KEY, note VARCHAR(10))");
    up.sql("INSERT INTO shop.c VALUES (1, 'one'), (2, 'two')");
    Thread.sleep(200);
    up.sql("ALTER TABLE shop.b ADD INDEX idx_v (v)");
    Thread.sleep(200);
    up.sql("ALTER TABLE shop.a DROP COLUMN w");
    Thread.sleep(200);
    running.set(false);
    writer.join();
    assertThat(writerErrors).isEmpty();
    long last = up.now();
    long deadline = System.currentTimeMillis() + 60_000;
    while (p.checkpointTs() < last && System.currentTimeMillis() < deadline) {
      assertThat(p.status().phase()).isEqualTo(Phase.NORMAL);
      Thread.sleep(50);
    }
    assertThat(p.checkpointTs()).isGreaterThanOrEqualTo(last);
    p.close();
    assertThat(p.done().get()).isEqualTo(Phase.STOPPED);

    List<RecordingSink.Call> calls = sink.calls();
    List<RecordingSink.Ddl> ddls =
        calls.stream()
            .filter(RecordingSink.Ddl.class::isInstance)
            .map(RecordingSink.Ddl.class::cast)
            .toList();
    assertThat(ddls).extracting(RecordingSink.Ddl::query).hasSize(4);
    assertThat(ddls).extracting(RecordingSink.Ddl::commitTs).isSorted();
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i) instanceof RecordingSink.Ddl d) {
        for (int j = 0; j < calls.size(); j++) {
          if (calls.get(j) instanceof RecordingSink.Rows r) {
            if (j < i) {
              assertThat(r.maxCommitTs()).as("%s written before %s", r, d).isLessThan(d.commitTs());
            } else {
              assertThat(r.minCommitTs())
                  .as("%s written after %s", r, d)
                  .isGreaterThanOrEqualTo(d.commitTs());
            }
          }
        }
      }
    }
    assertThat(ids.get()).isGreaterThan(5);
    for (String t : List.of("a", "b", "c")) {
      TableVerdict v = up.verify(out, "shop", t, List.of("id"), last);
      assertThat(v.consistent()).as(v.toString()).isTrue();
    }
    assertThat(up.verify(out, "shop", "a", List.of("id"), last).upstreamRows())
        .isEqualTo(ids.get());
    assertThat(FileSinkOrderCheck.check(out)).isEmpty();
    assertThat(FileSinkOrderCheck.checkDdlOrder(out)).isEmpty();
  }
}
