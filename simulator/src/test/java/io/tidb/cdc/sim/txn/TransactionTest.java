package io.tidb.cdc.sim.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.cluster.Cluster;
import io.tidb.cdc.sim.mvcc.MvccException;
import io.tidb.cdc.sim.mvcc.Tso;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionTest {
  private final Cluster cluster = new Cluster(1, new Tso(), 3, 3, "6.1.0");
  private final TxnClient client = new TxnClient(cluster);

  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @Test
  void commitMakesAllKeysVisibleAtTheCommitTsOnly() {
    cluster.split(b("m"));
    Transaction t = client.begin().put(b("a"), b("1")).put(b("x"), b("2")).delete(b("nothing"));
    long before = client.currentTs();
    long c = t.commit();
    assertThat(c).isGreaterThan(t.startTs());
    assertThat(t.state()).isEqualTo(Transaction.State.COMMITTED);
    assertThat(client.snapshot(before).get(b("a"))).isEmpty();
    Snapshot after = client.snapshot(c);
    assertThat(after.get(b("a"))).contains(b("1"));
    assertThat(after.scan(b("a"), ByteString.EMPTY, 10))
        .extracting(Snapshot.KvPair::key)
        .containsExactly(b("a"), b("x"));
  }

  @Test
  void primaryCommitCommitsTheTransactionWhileSecondariesStayLocked() {
    Transaction t = client.begin().put(b("p"), b("1")).put(b("s"), b("2"));
    long c = t.commitPrimary();
    Snapshot snap = client.snapshot();
    assertThat(snap.get(b("p"))).contains(b("1"));
    assertThatThrownBy(() -> snap.get(b("s"))).isInstanceOf(MvccException.KeyLocked.class);
    t.commitSecondaries();
    assertThat(client.snapshot().get(b("s"))).contains(b("2"));
    assertThat(cluster.mvcc().state(b("s")).write(0).commitTs()).isEqualTo(c);
  }

  @Test
  void aConflictInALaterBatchRollsBackTheEarlierOnes() {
    Transaction holder = client.begin().put(b("k1500"), b("x"));
    holder.prewrite();
    Transaction big = client.begin();
    for (int i = 0; i < 2000; i++) {
      big.put(b(String.format("k%04d", i)), b("v"));
    }
    assertThatThrownBy(big::prewrite).isInstanceOf(MvccException.KeyLocked.class);
    assertThat(big.state()).isEqualTo(Transaction.State.ROLLED_BACK);
    assertThat(cluster.mvcc().lockCount()).isEqualTo(1); // only the holder's lock is left
    holder.rollback();
    assertThat(cluster.mvcc().lockCount()).isZero();
  }

  @Test
  void stepsOutOfOrderAreRefused() {
    Transaction t = client.begin();
    assertThatThrownBy(t::prewrite).hasMessageContaining("no mutations");
    t.put(b("a"), b("1")).commit();
    assertThatThrownBy(() -> t.put(b("b"), b("2"))).hasMessageContaining("is COMMITTED");
    assertThatThrownBy(t::rollback).hasMessageContaining("cannot roll back");
  }

  @Test
  void writeConflictWithANewerCommitAborts() {
    Transaction old = client.begin().put(b("k"), b("old"));
    client.begin().put(b("k"), b("new")).commit();
    assertThatThrownBy(old::commit).isInstanceOf(MvccException.WriteConflict.class);
    assertThat(client.snapshot().get(b("k"))).contains(b("new"));
    assertThat(List.of(old.state())).containsExactly(Transaction.State.ROLLED_BACK);
  }
}
