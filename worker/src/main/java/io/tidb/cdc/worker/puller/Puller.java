package io.tidb.cdc.worker.puller;

import io.tidb.cdc.worker.event.KeySpan;

/**
 * The first stage of the data path: subscribes key spans of the upstream TiKV cluster and delivers
 * their committed changes and resolved ts. One puller serves many spans over shared store
 * connections.
 */
public interface Puller extends AutoCloseable {
  /**
   * Starts pulling {@code span} from {@code startTs}: every change committed after {@code startTs}
   * is delivered to {@code consumer} at least once (exactly once unless a region is re-subscribed),
   * followed by resolved ts marks that never go backwards. Changes at or below a delivered resolved
   * ts never follow it.
   *
   * @throws IllegalArgumentException when the span is empty or the ts does not fit in 63 bits
   * @throws IllegalStateException when the puller is closed
   */
  Subscription subscribe(KeySpan span, long startTs, SpanConsumer consumer);

  /** Stops every subscription, closes every connection and ends every thread it started. */
  @Override
  void close();
}
