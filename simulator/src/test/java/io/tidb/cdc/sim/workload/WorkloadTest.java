package io.tidb.cdc.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.sim.dump.TableDump;
import io.tidb.cdc.sim.sql.SqlEngine;
import io.tidb.cdc.sim.txn.MvccKvStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {
  private static final WorkloadOptions OPTIONS =
      WorkloadOptions.defaults()
          .withTables(2, 40)
          .withTransactions(240, 0)
          .withWideRows(true)
          .withLargeTransactions(50, 25)
          .withDdlEvery(60)
          .withSeed(7);

  /** The dumps of every table after preparing and running {@code options} on a fresh engine. */
  private static Result runFresh(WorkloadOptions options) {
    MvccKvStore store = MvccKvStore.inMemory();
    Workload w = new Workload(SqlEngine.start(store), options);
    w.prepare();
    WorkloadStats stats = w.run();
    List<String> dump = new ArrayList<>();
    long ts = store.timestamp();
    for (String table : w.tables()) {
      TableDump.rows(store, options.database(), table, ts).forEach(r -> dump.add(table + " " + r));
    }
    return new Result(stats, dump);
  }

  private record Result(WorkloadStats stats, List<String> dump) {}

  @Test
  void theSameSeedGivesTheSameData() {
    Result a = runFresh(OPTIONS);
    Result b = runFresh(OPTIONS);
    assertThat(a.dump()).isNotEmpty().isEqualTo(b.dump());
    assertThat(
            List.of(
                a.stats().inserts(), a.stats().updates(), a.stats().deletes(), a.stats().ddls()))
        .isEqualTo(
            List.of(
                b.stats().inserts(), b.stats().updates(), b.stats().deletes(), b.stats().ddls()));
    assertThat(runFresh(OPTIONS.withSeed(8)).dump()).isNotEqualTo(a.dump());
  }

  @Test
  void runsTheConfiguredMixOfTransactionsDdlAndLargeTransactions() {
    Result r = runFresh(OPTIONS);
    WorkloadStats s = r.stats();
    long large = OPTIONS.transactions() / OPTIONS.largeTxnEvery();
    assertThat(s.transactions()).isEqualTo(240);
    assertThat(s.rowChanges())
        .isEqualTo(OPTIONS.transactions() - large + large * OPTIONS.largeTxnRows());
    assertThat(s.ddls()).isEqualTo(4);
    assertThat(s.inserts()).isGreaterThan(s.updates()).isGreaterThan(s.deletes()).isPositive();
    assertThat(r.dump())
        .hasSize((int) (OPTIONS.tables() * OPTIONS.initialRows() + s.inserts() - s.deletes()));
    assertThat(s.lastCommitTs()).isGreaterThan(s.firstCommitTs()).isPositive();
    assertThat(r.dump().get(0)).contains("\"c_json\":{").contains("\"c_enum\":");
  }

  @Test
  void pacesTransactionsToTheRate() {
    MvccKvStore store = MvccKvStore.inMemory();
    Workload w =
        new Workload(
            SqlEngine.start(store),
            WorkloadOptions.defaults().withTables(1, 10).withTransactions(40, 400));
    w.prepare();
    WorkloadStats s = w.run();
    assertThat(s.elapsedMillis())
        .as("40 transactions at 400/s take about 100 ms")
        .isGreaterThanOrEqualTo(90);
  }
}
