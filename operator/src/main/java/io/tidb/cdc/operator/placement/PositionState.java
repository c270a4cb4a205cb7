package io.tidb.cdc.operator.placement;

import io.tidb.cdc.coord.TablePosition;

/**
 * A table's position as read from etcd, with the key's mod revision: comparing it with a capture
 * key's create revision tells whether the current incarnation of a capture wrote it.
 */
public record PositionState(TablePosition position, long modRevision) {}
