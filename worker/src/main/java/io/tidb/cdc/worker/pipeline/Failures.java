package io.tidb.cdc.worker.pipeline;

/** Where a pipeline part reports an error it cannot recover from; the changefeed stops. */
@FunctionalInterface
public interface Failures {
  void fail(String where, Throwable error);
}
