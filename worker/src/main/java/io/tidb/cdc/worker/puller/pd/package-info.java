/**
 * The puller's PD client: leader discovery, regions by key range (boundaries decoded from their
 * memcomparable form), store addresses, TSO and GC safe points.
 */
package io.tidb.cdc.worker.puller.pd;
