package io.tidb.cdc.worker.sink.file;

import io.tidb.cdc.worker.encoder.DdlEvent;
import io.tidb.cdc.worker.encoder.Encoder;
import io.tidb.cdc.worker.encoder.EncoderFactory;
import io.tidb.cdc.worker.mounter.RowChange;
import io.tidb.cdc.worker.schema.TableDef;
import io.tidb.cdc.worker.sink.Sink;
import io.tidb.cdc.worker.sink.SinkException;
import io.tidb.cdc.worker.sink.SinkStats;
import io.tidb.cdc.worker.sink.TableOrder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code file://} sink. Callers' threads encode rows (the encoder is stateless) and queue them;
 * one writer thread owns the files and runs every queued step in call order: appending to a table's
 * in-progress file, publishing it on flush, writing schema files for DDL and new table versions,
 * writing the checkpoint file. An I/O failure fails the sink: pending and later calls get a {@link
 * SinkException} naming the file and the cause.
 */
public final class FileSink implements Sink {
  private static final Logger LOG = LoggerFactory.getLogger(FileSink.class);
  static final int CHUNK_BYTES = 1 << 20;

  private final FileSinkConfig config;
  private final FileLayout layout;
  private final DurableFs fs;
  private final Encoder encoder;
  private final SchemaFiles schemaFiles;
  private final TableOrder order = new TableOrder("file sink");
  private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final ByteBudget budget;
  private final Map<Long, TableFileWriter> writers = new HashMap<>(); // writer thread only
  private final Thread thread;
  private final Object submitLock = new Object();
  // The last step ever queued; the writer thread ends after it.
  private final Runnable closeStep = this::runClose;
  private final AtomicLong rowsWritten = new AtomicLong();
  private final AtomicLong bytesWritten = new AtomicLong();
  private final AtomicLong rowsFlushed = new AtomicLong();
  private final AtomicLong ddls = new AtomicLong();
  private final AtomicLong flushes = new AtomicLong();
  private final AtomicReference<SinkException> failure = new AtomicReference<>();
  private volatile boolean closed; // set under submitLock

  public FileSink(FileSinkConfig config) throws IOException {
    this(config, DurableFs.LOCAL);
  }

  FileSink(FileSinkConfig config, DurableFs fs) throws IOException {
    this.config = config;
    this.fs = fs;
    this.layout =
        new FileLayout(
            config.dir(), config.encoder().protocol().fileExtension(), config.writerId());
    this.encoder = EncoderFactory.create(config.encoder());
    this.schemaFiles = new SchemaFiles(layout, fs);
    this.budget = new ByteBudget(config.maxQueuedBytes());
    Files.createDirectories(config.dir());
    layout.removeTmpFiles();
    this.thread = new Thread(this::runWriter, "file-sink-" + config.dir().getFileName());
    thread.start();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Rows are encoded on the caller's thread and queued in chunks of about {@value #CHUNK_BYTES}
   * bytes, so a huge transaction streams to its file instead of sitting in memory. When a row
   * cannot be encoded, the rows before it may already be queued; the changefeed must stop then.
   */
  @Override
  public void write(List<RowChange> rows) {
    synchronized (submitLock) {
      ensureUsable();
      order.accept(rows);
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    RowChange runStart = null;
    int runRows = 0;
    for (RowChange r : rows) {
      if (runRows > 0
          && (r.physicalTableId() != runStart.physicalTableId()
              || r.commitTs() != runStart.commitTs()
              || buf.size() >= CHUNK_BYTES)) {
        submitAppend(new Append(runStart, buf.toByteArray(), runRows));
        buf.reset();
        runRows = 0;
      }
      if (runRows == 0) {
        runStart = r;
      }
      buf.writeBytes(encoder.encodeRow(r).value());
      buf.writeBytes(config.terminator());
      runRows++;
    }
    if (runRows > 0) {
      submitAppend(new Append(runStart, buf.toByteArray(), runRows));
    }
  }

  /** Queues encoded rows once the byte budget allows (outside submitLock: flushes go on). */
  private void submitAppend(Append a) {
    acquire(a.bytes.length);
    try {
      synchronized (submitLock) {
        ensureUsable();
        queue.add(() -> runAppend(a));
        rowsWritten.addAndGet(a.rows);
        bytesWritten.addAndGet(a.bytes.length);
      }
    } catch (SinkException e) {
      budget.release(a.bytes.length);
      throw e;
    }
  }

  @Override
  public CompletableFuture<Long> flush(long physicalTableId, long ts) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    submit(
        done,
        () -> {
          TableFileWriter w = writers.get(physicalTableId);
          if (w != null) {
            rowsFlushed.addAndGet(w.flush(ts));
          }
          flushes.incrementAndGet();
          done.complete(ts);
        });
    return done;
  }

  @Override
  public CompletableFuture<Void> writeDdl(DdlEvent ddl) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    submit(
        done,
        () -> {
          schemaFiles.writeDdl(ddl);
          ddls.incrementAndGet();
          done.complete(null);
        });
    return done;
  }

  @Override
  public CompletableFuture<Void> writeCheckpoint(long ts) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    submit(
        done,
        () -> {
          for (TableFileWriter w : writers.values()) {
            OptionalLong pending = w.firstPending();
            if (pending.isPresent() && Long.compareUnsigned(pending.getAsLong(), ts) <= 0) {
              // A caller bug, not a sink failure: the checkpoint would cover rows not on disk.
              done.completeExceptionally(
                  new SinkException(
                      "file sink "
                          + config.dir()
                          + ": checkpoint "
                          + ts
                          + " is not below the unflushed rows of "
                          + w.name()
                          + " at commit ts "
                          + pending.getAsLong()
                          + "; flush the table first"));
              return;
            }
          }
          fs.writeAtomically(
              layout.checkpointFile(),
              layout.tmpSibling(layout.checkpointFile()),
              CheckpointFile.content(ts));
          done.complete(null);
        });
    return done;
  }

  @Override
  public CompletableFuture<Void> removeTable(long physicalTableId) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (submitLock) {
      order.forget(physicalTableId);
    }
    submit(
        done,
        () -> {
          TableFileWriter w = writers.remove(physicalTableId);
          if (w != null) {
            w.discard();
          }
          done.complete(null);
        });
    return done;
  }

  @Override
  public SinkStats stats() {
    return new SinkStats(
        rowsWritten.get(), bytesWritten.get(), rowsFlushed.get(), ddls.get(), flushes.get());
  }

  /** The directory the sink writes. */
  public Path dir() {
    return config.dir();
  }

  @Override
  public void close() {
    synchronized (submitLock) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(closeStep);
    }
    budget.openAll();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SinkException("interrupted while closing the file sink " + config.dir(), e);
    }
  }

  private record Append(RowChange first, byte[] bytes, int rows) {}

  /** A queued step; its I/O errors fail the sink. */
  private interface Step {
    void run() throws IOException;
  }

  private void submit(CompletableFuture<?> done, Step step) {
    synchronized (submitLock) {
      ensureUsable();
      queue.add(
          () -> {
            SinkException f = failure.get();
            if (f != null) {
              done.completeExceptionally(f);
              return;
            }
            try {
              step.run();
            } catch (IOException | RuntimeException e) {
              done.completeExceptionally(fail(e));
            }
          });
    }
  }

  private void runAppend(Append a) {
    try {
      if (failure.get() != null) {
        return;
      }
      RowChange r = a.first;
      TableFileWriter w = writers.get(r.physicalTableId());
      if (w != null && w.table() != r.table()) {
        w = followSchemaChange(w, r);
      }
      if (w == null) {
        w = newWriter(r.table(), r.physicalTableId(), r.commitTs());
        writers.put(r.physicalTableId(), w);
      }
      w.append(r.commitTs(), a.bytes, a.rows);
    } catch (IOException | RuntimeException e) {
      fail(e);
    } finally {
      budget.release(a.bytes.length);
    }
  }

  private TableFileWriter newWriter(TableDef table, long physicalTableId, long commitTs)
      throws IOException {
    schemaFiles.ensureTableVersion(table, commitTs);
    return new TableFileWriter(physicalTableId, table, dataDir(table, physicalTableId), layout, fs);
  }

  private Path dataDir(TableDef table, long physicalTableId) {
    return layout.dataDir(table.schemaName(), table.name(), physicalTableId, table.isPartitioned());
  }

  /**
   * A row carries a new version of its table (after a DDL): record the version, and after a rename
   * continue in the new name's directory. The DDL barrier means nothing is pending then.
   *
   * @return the writer to use, or null when a new one is needed
   */
  private TableFileWriter followSchemaChange(TableFileWriter w, RowChange r) throws IOException {
    if (w.dir().equals(dataDir(r.table(), r.physicalTableId()))) {
      schemaFiles.ensureTableVersion(r.table(), r.commitTs());
      w.setTable(r.table());
      return w;
    }
    if (w.firstPending().isPresent()) {
      throw new SinkException(
          "file sink "
              + config.dir()
              + ": "
              + w.name()
              + " became "
              + r.table().qualifiedName()
              + " while rows at commit ts "
              + w.firstPending().getAsLong()
              + " were not flushed; flush tables before their DDL");
    }
    w.discard();
    writers.remove(r.physicalTableId());
    return null;
  }

  private void runClose() {
    for (TableFileWriter w : writers.values()) {
      try {
        w.discard(); // rows never flushed are not part of any checkpoint
      } catch (IOException e) {
        LOG.warn(
            "file sink {}: could not remove the in-progress file of {}", config.dir(), w.name(), e);
      }
    }
    writers.clear();
  }

  private void runWriter() {
    while (true) {
      Runnable step;
      try {
        step = queue.take();
      } catch (InterruptedException e) {
        fail(e);
        continue; // close() still queues the close step; keep draining until it comes
      }
      step.run();
      if (step == closeStep) {
        return;
      }
    }
  }

  /** Records the first failure (never under submitLock: writers may hold it while blocked). */
  private SinkException fail(Exception cause) {
    SinkException f =
        cause instanceof SinkException s
            ? s
            : new SinkException(
                "file sink " + config.dir() + " failed: " + cause.getMessage(), cause);
    if (failure.compareAndSet(null, f)) {
      LOG.error("file sink {} failed", config.dir(), cause);
    }
    return failure.get();
  }

  private void ensureUsable() {
    SinkException f = failure.get();
    if (f != null) {
      throw new SinkException(f.getMessage(), f);
    }
    if (closed) {
      throw new SinkException("file sink " + config.dir() + " is closed");
    }
  }

  private void acquire(long n) {
    try {
      budget.acquire(n);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SinkException("interrupted while waiting for the file sink " + config.dir(), e);
    }
  }
}
