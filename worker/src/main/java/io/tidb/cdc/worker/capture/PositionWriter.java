package io.tidb.cdc.worker.capture;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.tidb.cdc.coord.ChangefeedKeys;
import io.tidb.cdc.coord.CoordinationJson;
import io.tidb.cdc.coord.TablePosition;
import java.util.Collection;
import java.util.OptionalLong;

/**
 * Writes table positions, fenced: a table owner's positions of one changefeed go in one transaction
 * that compares its assignment key's mod revision with the one it last read, so an owner whose
 * assignment changed (a move, a lost lease) cannot move a position; a released position compares
 * the position key's own mod revision with the owner's last write.
 */
final class PositionWriter {
  private final Etcd etcd;

  PositionWriter(Etcd etcd) {
    this.etcd = etcd;
  }

  /**
   * Writes {@code positions} if {@code assignmentKey} still has mod revision {@code
   * assignmentRevision}.
   *
   * @return the revision of the write, empty when the compare failed (the assignment changed)
   */
  OptionalLong write(
      ChangefeedKeys keys,
      String assignmentKey,
      long assignmentRevision,
      Collection<TablePosition> positions) {
    Op[] puts =
        positions.stream()
            .map(
                p ->
                    Op.put(
                        Etcd.bytes(keys.position(p.tableId())),
                        ByteSequence.from(CoordinationJson.encode(p)),
                        PutOption.DEFAULT))
            .toArray(Op[]::new);
    TxnResponse r =
        Etcd.await(
            "write positions under " + assignmentKey,
            etcd.kv()
                .txn()
                .If(
                    new Cmp(
                        Etcd.bytes(assignmentKey),
                        Cmp.Op.EQUAL,
                        CmpTarget.modRevision(assignmentRevision)))
                .Then(puts)
                .commit());
    return r.isSucceeded() ? OptionalLong.of(r.getHeader().getRevision()) : OptionalLong.empty();
  }

  /**
   * Writes a table's final position with no owner ("released") if the position key still has mod
   * revision {@code positionRevision} (0: the key does not exist).
   *
   * @return true when written
   */
  boolean release(ChangefeedKeys keys, TablePosition released, long positionRevision) {
    String key = keys.position(released.tableId());
    TxnResponse r =
        Etcd.await(
            "release " + key,
            etcd.kv()
                .txn()
                .If(new Cmp(Etcd.bytes(key), Cmp.Op.EQUAL, CmpTarget.modRevision(positionRevision)))
                .Then(
                    Op.put(
                        Etcd.bytes(key),
                        ByteSequence.from(CoordinationJson.encode(released)),
                        PutOption.DEFAULT))
                .commit());
    return r.isSucceeded();
  }
}
