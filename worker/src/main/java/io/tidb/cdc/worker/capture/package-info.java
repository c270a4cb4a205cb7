/**
 * Capture mode: the worker as one of several processes ("captures") of a {@code TiCDCCluster},
 * coordinated through etcd as {@code io.tidb.cdc.coord} lays it out. A capture registers under a
 * lease, campaigns for the maintainer role of every changefeed, runs the tables the operator
 * assigns to it, reports their positions fenced by the assignment's revision, and drains on
 * SIGTERM. The data path itself is {@code pipeline}'s {@code ChangefeedMaintainer} and {@code
 * TableOwner}; nothing here touches rows.
 */
package io.tidb.cdc.worker.capture;
