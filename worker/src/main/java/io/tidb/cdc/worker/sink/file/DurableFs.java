package io.tidb.cdc.worker.sink.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The three steps that make a file durable and visible at once: sync its content, rename it into
 * place, sync the directory so the rename survives a crash. A seam for tests, which record the
 * order of these steps.
 */
interface DurableFs {
  DurableFs LOCAL = new DurableFs() {};

  default void force(Path file, FileChannel channel) throws IOException {
    channel.force(true);
  }

  /** Renames atomically, replacing a file of the same name (a replay after a restart). */
  default void publish(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + target + " cannot rename atomically", e);
    }
  }

  default void syncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /**
   * Writes {@code content} to {@code target} through {@code tmp} (a sibling no other writer uses)
   * so that readers see all of it or nothing.
   */
  default void writeAtomically(Path target, Path tmp, byte[] content) throws IOException {
    Path dir = target.getParent();
    Files.createDirectories(dir);
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      force(tmp, ch);
    }
    publish(tmp, target);
    syncDir(dir);
  }
}
