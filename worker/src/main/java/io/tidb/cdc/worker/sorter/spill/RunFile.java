package io.tidb.cdc.worker.sorter.spill;

import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.OpType;
import io.tidb.cdc.worker.event.RawKvEvent;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One sorted run on disk. Format: a sequence of records {@code op:u8 commitTs:i64 startTs:i64
 * regionId:i64 (len:i32 bytes){key,value,oldValue}}, closed by an end byte so a truncated file is
 * detected. Only this process reads it back, so there is no header or version.
 */
final class RunFile implements Closeable, MergeSource {
  private static final int BUFFER_BYTES = 1 << 16;
  private static final byte OP_PUT = 0;
  private static final byte OP_DELETE = 1;
  private static final byte END = 2;

  private final Path path;
  private final long count;
  private DataInputStream in;
  private RawKvEvent head;
  private long read;

  private RunFile(Path path, long count) {
    this.path = path;
    this.count = count;
  }

  /** Starts a new run file in {@code dir}. */
  static Writer create(Path dir) throws IOException {
    return new Writer(Files.createTempFile(dir, "sort-run-", ".bin"));
  }

  /** Appends events in order; {@link #finish()} turns the file into a readable run. */
  static final class Writer implements Closeable {
    private final Path path;
    private final DataOutputStream out;
    private long count;
    private boolean finished;

    private Writer(Path path) throws IOException {
      this.path = path;
      try {
        this.out =
            new DataOutputStream(
                new BufferedOutputStream(Files.newOutputStream(path), BUFFER_BYTES));
      } catch (IOException e) {
        Files.deleteIfExists(path);
        throw e;
      }
    }

    void append(RawKvEvent event) throws IOException {
      writeEvent(out, event);
      count++;
    }

    RunFile finish() throws IOException {
      out.writeByte(END);
      out.close();
      finished = true;
      return open(path, count);
    }

    Path path() {
      return path;
    }

    /** Abandons an unfinished file and deletes it. */
    @Override
    public void close() throws IOException {
      if (!finished) {
        try {
          out.close();
        } finally {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  @Override
  public RawKvEvent head() {
    return head;
  }

  @Override
  public void advance() throws IOException {
    head = readEvent();
  }

  /** Events not yet consumed, including the head. */
  long remaining() {
    return head == null ? 0 : count - read + 1;
  }

  Path path() {
    return path;
  }

  /** Closes and deletes the file. Idempotent. */
  @Override
  public void close() throws IOException {
    head = null;
    try {
      if (in != null) {
        in.close();
        in = null;
      }
    } finally {
      Files.deleteIfExists(path);
    }
  }

  /** Opens a finished run of {@code count} events; the run owns (and will delete) the file. */
  static RunFile open(Path path, long count) throws IOException {
    RunFile run = new RunFile(path, count);
    try {
      run.in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES));
      run.head = run.readEvent();
    } catch (IOException e) {
      run.close();
      throw e;
    }
    return run;
  }

  private RawKvEvent readEvent() throws IOException {
    byte op = in.readByte();
    if (op == END) {
      if (read != count) {
        throw new IOException(
            "run file " + path + " ended after " + read + " of " + count + " events");
      }
      return null;
    }
    if (op != OP_PUT && op != OP_DELETE) {
      throw new IOException("run file " + path + " is corrupt: op byte " + op);
    }
    long commitTs = in.readLong();
    long startTs = in.readLong();
    long regionId = in.readLong();
    Bytes key = readBytes();
    Bytes value = readBytes();
    Bytes oldValue = readBytes();
    read++;
    return new RawKvEvent(
        op == OP_PUT ? OpType.PUT : OpType.DELETE,
        key,
        value,
        oldValue,
        startTs,
        commitTs,
        regionId);
  }

  private Bytes readBytes() throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new IOException("run file " + path + " is corrupt: byte length " + length);
    }
    return Bytes.readFrom(in, length);
  }

  private static void writeEvent(DataOutputStream out, RawKvEvent e) throws IOException {
    out.writeByte(e.op() == OpType.PUT ? OP_PUT : OP_DELETE);
    out.writeLong(e.commitTs());
    out.writeLong(e.startTs());
    out.writeLong(e.regionId());
    writeBytes(out, e.key());
    writeBytes(out, e.value());
    writeBytes(out, e.oldValue());
  }

  private static void writeBytes(DataOutputStream out, Bytes b) throws IOException {
    out.writeInt(b.length());
    b.writeTo(out);
  }
}
