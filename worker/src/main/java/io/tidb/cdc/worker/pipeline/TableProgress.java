package io.tidb.cdc.worker.pipeline;

import java.util.OptionalLong;
import java.util.SortedMap;

/**
 * How a changefeed's maintainer reaches the owners of its tables. Standalone it is the table owner
 * in this process ({@link LocalTableProgress}); in capture mode it is etcd: the table list the
 * operator places, the barrier in the changefeed's progress, and the positions the owners write.
 */
public interface TableProgress {
  /**
   * The tables the changefeed replicates are now {@code tables} (physical id → qualified name);
   * tables new to the set start at {@code fromTs}. Called at start and after each DDL.
   */
  void setTables(SortedMap<Long, String> tables, long fromTs);

  /** Owners may release changes up to {@code barrierTs}. */
  void setBarrier(long barrierTs);

  /** The table's checkpoint (durable in the sink); empty while no owner has reported one. */
  OptionalLong checkpointTs(long tableId);

  /** The table's resolved ts; empty while no owner has reported one. */
  OptionalLong resolvedTs(long tableId);
}
