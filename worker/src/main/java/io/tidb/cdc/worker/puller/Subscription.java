package io.tidb.cdc.worker.puller;

import io.tidb.cdc.worker.event.KeySpan;

/** A subscribed span of a {@link Puller}. */
public interface Subscription extends AutoCloseable {
  KeySpan span();

  long startTs();

  /** The last resolved ts delivered to the consumer (the start ts before the first). */
  long resolvedTs();

  /** True once closed or failed. */
  boolean isClosed();

  /**
   * Stops the subscription. When it returns, the consumer receives nothing more (unless called from
   * the consumer's own callback, where it takes effect right after that callback). Idempotent.
   */
  @Override
  void close();
}
