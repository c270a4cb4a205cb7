package io.tidb.cdc.sim.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.List;
import org.junit.jupiter.api.Test;

class MvccStoreTest {
  private final MvccStore store = new MvccStore();

  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  private void write(long startTs, long commitTs, Mutation... ms) {
    store.prewrite(List.of(ms), ms[0].key(), startTs, 1000);
    store.commit(List.of(ms).stream().map(Mutation::key).toList(), startTs, commitTs);
  }

  @Test
  void prewriteLocksAndCommitMakesTheValueVisibleFromItsCommitTs() {
    store.prewrite(List.of(Mutation.put(b("k"), b("v1"))), b("k"), 10, 1000);
    assertThat(store.lockCount()).isEqualTo(1);
    assertThat(store.get(b("k"), 9, ReadOptions.DEFAULT)).isInstanceOf(ReadResult.NotFound.class);
    assertThat(store.get(b("k"), 10, ReadOptions.DEFAULT)).isInstanceOf(ReadResult.Locked.class);

    List<Applied.Committed> c = store.commit(List.of(b("k")), 10, 20);
    assertThat(c).singleElement().satisfies(x -> assertThat(x.write().commitTs()).isEqualTo(20));
    assertThat(store.lockCount()).isZero();
    assertThat(store.get(b("k"), 19, ReadOptions.DEFAULT)).isInstanceOf(ReadResult.NotFound.class);
    assertThat(store.get(b("k"), 20, ReadOptions.DEFAULT))
        .isEqualTo(new ReadResult.Found(b("k"), b("v1")));
  }

  @Test
  void lockBlocksOnlyReadsAtOrAboveItsStartTsUnlessResolved() {
    write(1, 2, Mutation.put(b("k"), b("old")));
    store.prewrite(List.of(Mutation.put(b("k"), b("new"))), b("k"), 10, 1000);
    assertThat(store.get(b("k"), 5, ReadOptions.DEFAULT))
        .isEqualTo(new ReadResult.Found(b("k"), b("old")));
    ReadResult blocked = store.get(b("k"), 11, ReadOptions.DEFAULT);
    assertThat(blocked).isInstanceOf(ReadResult.Locked.class);
    assertThat(((ReadResult.Locked) blocked).lock().startTs()).isEqualTo(10);
    assertThat(store.get(b("k"), 11, new ReadOptions(java.util.Set.of(10L), false)))
        .isEqualTo(new ReadResult.Found(b("k"), b("old")));
    // At max ts TiKV ignores a lock on its own primary.
    assertThat(store.get(b("k"), Long.MAX_VALUE, new ReadOptions(java.util.Set.of(), true)))
        .isEqualTo(new ReadResult.Found(b("k"), b("old")));
  }

  @Test
  void conflictingPrewritesAreRefusedWithoutChangingAnything() {
    store.prewrite(List.of(Mutation.put(b("a"), b("1"))), b("a"), 10, 1000);
    assertThatThrownBy(
            () ->
                store.prewrite(
                    List.of(Mutation.put(b("b"), b("2")), Mutation.put(b("a"), b("3"))),
                    b("b"),
                    11,
                    1000))
        .isInstanceOf(MvccException.KeyLocked.class)
        .hasMessageContaining("locked by transaction 10");
    assertThat(store.state(b("b"))).isNull();

    store.commit(List.of(b("a")), 10, 20);
    assertThatThrownBy(
            () -> store.prewrite(List.of(Mutation.put(b("a"), b("4"))), b("a"), 15, 1000))
        .isInstanceOf(MvccException.WriteConflict.class)
        .satisfies(
            e -> assertThat(((MvccException.WriteConflict) e).conflictCommitTs()).isEqualTo(20));
  }

  @Test
  void rollbackRemovesTheLockAndFencesLatePrewritesAndCommits() {
    store.prewrite(List.of(Mutation.put(b("k"), b("v"))), b("k"), 10, 1000);
    List<Applied.RolledBack> rb = store.rollback(List.of(b("k")), 10);
    assertThat(rb).singleElement().satisfies(r -> assertThat(r.hadLock()).isTrue());
    assertThat(store.lockCount()).isZero();
    assertThat(store.get(b("k"), 100, ReadOptions.DEFAULT)).isInstanceOf(ReadResult.NotFound.class);
    assertThatThrownBy(() -> store.commit(List.of(b("k")), 10, 20))
        .isInstanceOf(MvccException.TxnAborted.class)
        .hasMessageContaining("rolled back");
    assertThatThrownBy(
            () -> store.prewrite(List.of(Mutation.put(b("k"), b("v"))), b("k"), 10, 1000))
        .isInstanceOf(MvccException.TxnAborted.class);
  }

  @Test
  void rollbackOfACommittedTransactionFails() {
    write(10, 20, Mutation.put(b("k"), b("v")));
    assertThatThrownBy(() -> store.rollback(List.of(b("k")), 10))
        .isInstanceOf(MvccException.AlreadyCommitted.class);
  }

  @Test
  void retriedCommitIsIdempotentAndCommitWithoutLockFails() {
    write(10, 20, Mutation.put(b("k"), b("v")));
    assertThat(store.commit(List.of(b("k")), 10, 20)).isEmpty();
    assertThatThrownBy(() -> store.commit(List.of(b("other")), 10, 20))
        .isInstanceOf(MvccException.TxnAborted.class)
        .hasMessageContaining("never prewritten");
  }

  @Test
  void deleteHidesTheValueAndOldValuesFollowHistory() {
    write(1, 2, Mutation.put(b("k"), b("v1")));
    write(3, 4, Mutation.put(b("k"), b("v2")));
    write(5, 6, Mutation.delete(b("k")));
    assertThat(store.get(b("k"), 7, ReadOptions.DEFAULT)).isInstanceOf(ReadResult.NotFound.class);
    assertThat(store.oldValue(b("k"), 1)).isNull();
    assertThat(store.oldValue(b("k"), 3)).isEqualTo(b("v1"));
    assertThat(store.oldValue(b("k"), 5)).isEqualTo(b("v2"));
    assertThat(store.oldValue(b("k"), 7)).isNull(); // deleted
  }

  @Test
  void scanReturnsVisibleKeysInOrderAndReportsLocksInPlace() {
    write(1, 2, Mutation.put(b("a"), b("1")), Mutation.put(b("b"), b("2")));
    write(3, 4, Mutation.put(b("c"), b("3")), Mutation.put(b("d"), b("4")));
    store.prewrite(List.of(Mutation.put(b("c"), b("x"))), b("c"), 5, 1000);
    List<ReadResult> r = store.scan(b("a"), b("d"), 10, 10, false, ReadOptions.DEFAULT);
    assertThat(r).hasSize(3);
    assertThat(r.get(0)).isEqualTo(new ReadResult.Found(b("a"), b("1")));
    assertThat(r.get(2)).isInstanceOf(ReadResult.Locked.class);
    List<ReadResult> reverse =
        store.scan(b("a"), ByteString.EMPTY, 3, 2, true, ReadOptions.DEFAULT);
    assertThat(reverse)
        .containsExactly(
            new ReadResult.Found(b("b"), b("2")), new ReadResult.Found(b("a"), b("1")));
    assertThat(store.minLockStartTs(b("a"), b("c"))).isEqualTo(Long.MAX_VALUE);
    assertThat(store.minLockStartTs(b("a"), ByteString.EMPTY)).isEqualTo(5);
  }
}
