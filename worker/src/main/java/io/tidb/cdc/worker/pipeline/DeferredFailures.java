package io.tidb.cdc.worker.pipeline;

/**
 * A {@link Failures} handed to parts built before the one that handles their failures: a failure
 * reported before {@link #forwardTo} is held and passed on then.
 */
final class DeferredFailures implements Failures {
  private Failures target;
  private String heldWhere;
  private Throwable heldError;

  @Override
  public synchronized void fail(String where, Throwable error) {
    if (target != null) {
      target.fail(where, error);
    } else if (heldError == null) {
      heldWhere = where;
      heldError = error;
    }
  }

  synchronized void forwardTo(Failures t) {
    target = t;
    if (heldError != null) {
      t.fail(heldWhere, heldError);
    }
  }
}
