package io.tidb.cdc.worker.sink.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real file system, recording each durability step ("force NAME", "publish NAME", "syncDir
 * NAME") in order; it can hold the writer thread before a publish, or fail one.
 */
final class RecordingFs implements DurableFs {
  final List<String> events = new ArrayList<>();
  volatile CountDownLatch holdPublish;
  final CountDownLatch publishReached = new CountDownLatch(1);
  volatile String failPublishOf;

  synchronized void record(String event) {
    events.add(event);
  }

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  synchronized int indexOf(String event) {
    return events.indexOf(event);
  }

  @Override
  public void force(Path file, FileChannel channel) throws IOException {
    DurableFs.super.force(file, channel);
    record("force " + file.getFileName());
  }

  @Override
  public void publish(Path tmp, Path target) throws IOException {
    CountDownLatch hold = holdPublish;
    if (hold != null) {
      publishReached.countDown();
      try {
        if (!hold.await(10, TimeUnit.SECONDS)) {
          throw new IOException("test hold on publish timed out");
        }
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
    }
    if (target.getFileName().toString().equals(failPublishOf)) {
      throw new IOException("disk full (injected) renaming " + tmp.getFileName());
    }
    DurableFs.super.publish(tmp, target);
    record("publish " + target.getFileName());
  }

  @Override
  public void syncDir(Path dir) throws IOException {
    DurableFs.super.syncDir(dir);
    record("syncDir " + dir.getFileName());
  }
}
