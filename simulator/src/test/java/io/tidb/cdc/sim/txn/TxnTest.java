package io.tidb.cdc.sim.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

class TxnTest {
  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @Test
  void readsItsOwnWritesOverTheSnapshot() {
    MvccKvStore store = MvccKvStore.inMemory();
    Txn setup = Txn.begin(store);
    setup.put(b("a"), b("1"));
    setup.put(b("c"), b("3"));
    setup.put(b("e"), b("5"));
    setup.commit();

    Txn t = Txn.begin(store);
    t.put(b("b"), b("2"));
    t.delete(b("c"));
    t.put(b("e"), b("55"));
    assertThat(t.get(b("c"))).isEmpty();
    assertThat(t.scan(b("a"), ByteString.EMPTY))
        .extracting(p -> p.key().toStringUtf8() + "=" + p.value().toStringUtf8())
        .containsExactly("a=1", "b=2", "e=55");
    assertThat(t.scan(b("b"), b("e"))).extracting(p -> p.key().toStringUtf8()).containsExactly("b");
    assertThat(store.get(b("b"), store.timestamp())).as("nothing visible before commit").isEmpty();
    long ts = t.commit().orElseThrow();
    assertThat(store.get(b("e"), ts)).contains(b("55"));
    assertThat(store.get(b("c"), ts)).isEmpty();
  }

  @Test
  void aConflictingCommitWritesNothing() {
    MvccKvStore store = MvccKvStore.inMemory();
    Txn first = Txn.begin(store);
    Txn second = Txn.begin(store);
    first.put(b("k"), b("1"));
    second.put(b("k"), b("2"));
    second.put(b("other"), b("x"));
    first.commit();
    assertThatThrownBy(second::commit)
        .isInstanceOf(TxnException.class)
        .hasMessageContaining("write conflict");
    assertThat(store.get(b("other"), store.timestamp())).isEmpty();
    assertThat(Txn.begin(store).commit()).as("an empty transaction commits nothing").isEmpty();
  }
}
