package io.tidb.cdc.worker.sink.file;

import io.tidb.cdc.worker.schema.TableDef;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.OptionalLong;

/**
 * The data files of one physical table. Encoded rows are appended to an in-progress {@code .tmp}
 * file as they come, so a huge transaction never sits in memory; a flush publishes the rows at or
 * below its ts as {@code FIRST-LAST.json}. Rows of later transactions already in the file are moved
 * to a new in-progress file first, so a file always ends on a transaction boundary. Used by the
 * sink's single worker thread only.
 */
final class TableFileWriter {
  /** A transaction in the in-progress file: its commit ts, where it starts, how many rows. */
  private static final class Txn {
    final long commitTs;
    long offset;
    long rows;

    Txn(long commitTs, long offset) {
      this.commitTs = commitTs;
      this.offset = offset;
    }
  }

  private final long physicalTableId;
  private TableDef table;
  private final Path dir;
  private final FileLayout layout;
  private final DurableFs fs;
  private final ArrayDeque<Txn> txns = new ArrayDeque<>();
  private Path tmp;
  private FileChannel channel;
  private long size;
  private boolean parentsSynced;

  TableFileWriter(long physicalTableId, TableDef table, Path dir, FileLayout layout, DurableFs fs) {
    this.physicalTableId = physicalTableId;
    this.table = table;
    this.dir = dir;
    this.layout = layout;
    this.fs = fs;
  }

  /** The table for messages: {@code db.table}, with the partition's ID for a partition. */
  String name() {
    return table.qualifiedName() + (table.isPartitioned() ? " partition " + physicalTableId : "");
  }

  /** The table version rows were last written with. */
  TableDef table() {
    return table;
  }

  void setTable(TableDef newVersion) {
    table = newVersion;
  }

  Path dir() {
    return dir;
  }

  /** Appends encoded rows of the transaction at {@code commitTs} (a new one or the last one). */
  void append(long commitTs, byte[] bytes, int rows) throws IOException {
    Txn last = txns.peekLast();
    if (last == null || last.commitTs != commitTs) {
      if (channel == null) {
        open(commitTs);
      }
      last = new Txn(commitTs, size);
      txns.addLast(last);
    }
    writeFully(channel, ByteBuffer.wrap(bytes));
    size += bytes.length;
    last.rows += rows;
  }

  /** The lowest commit ts written and not yet published. */
  OptionalLong firstPending() {
    Txn first = txns.peekFirst();
    return first == null ? OptionalLong.empty() : OptionalLong.of(first.commitTs);
  }

  /**
   * Publishes every transaction at or below {@code ts}, durably.
   *
   * @return the rows published
   */
  long flush(long ts) throws IOException {
    Txn first = txns.peekFirst();
    if (first == null || Long.compareUnsigned(first.commitTs, ts) > 0) {
      return 0;
    }
    long rows = 0;
    long lastCommitTs = first.commitTs;
    while (!txns.isEmpty() && Long.compareUnsigned(txns.peekFirst().commitTs, ts) <= 0) {
      Txn t = txns.pollFirst();
      rows += t.rows;
      lastCommitTs = t.commitTs;
    }
    Path sealedTmp = tmp;
    FileChannel sealed = channel;
    long sealedSize = size;
    Txn next = txns.peekFirst();
    channel = null;
    tmp = null;
    size = 0;
    if (next != null) {
      // Later transactions move to their own in-progress file before this one is cut.
      long cut = next.offset;
      open(next.commitTs);
      long moved = 0;
      while (moved < sealedSize - cut) {
        moved += sealed.transferTo(cut + moved, sealedSize - cut - moved, channel);
      }
      size = moved;
      for (Txn t : txns) {
        t.offset -= cut;
      }
      sealed.truncate(cut);
    }
    try (sealed) {
      fs.force(sealedTmp, sealed);
    }
    fs.publish(sealedTmp, dir.resolve(layout.dataFileName(first.commitTs, lastCommitTs)));
    fs.syncDir(dir);
    if (!parentsSynced) {
      // The table's directories may be new: make their entries durable once.
      for (Path p = dir.getParent(); p != null && p.startsWith(layout.root()); p = p.getParent()) {
        fs.syncDir(p);
      }
      parentsSynced = true;
    }
    return rows;
  }

  /** Drops what was not published and closes the in-progress file. */
  void discard() throws IOException {
    txns.clear();
    if (channel != null) {
      channel.close();
      Files.deleteIfExists(tmp);
      channel = null;
      tmp = null;
      size = 0;
    }
  }

  private void open(long firstCommitTs) throws IOException {
    Files.createDirectories(dir);
    tmp = dir.resolve(layout.tmpFileName(physicalTableId, firstCommitTs));
    channel =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    size = 0;
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }
}
