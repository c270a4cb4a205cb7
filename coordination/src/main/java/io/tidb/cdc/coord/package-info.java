/**
 * The coordination contract between the operator and the workers of one {@code TiCDCCluster}: the
 * etcd key layout ({@link io.tidb.cdc.coord.EtcdLayout}) and the JSON values stored under it.
 *
 * <p>Who writes what:
 *
 * <ul>
 *   <li>a worker writes its {@link io.tidb.cdc.coord.CaptureInfo} under a lease, and the {@link
 *       io.tidb.cdc.coord.TablePosition} of every table it owns;
 *   <li>the operator writes each changefeed's {@link io.tidb.cdc.coord.ChangefeedInfo}, the {@link
 *       io.tidb.cdc.coord.Assignment} of each capture, and {@link io.tidb.cdc.coord.DrainRequest}s;
 *   <li>the maintainer (one worker per changefeed, elected under the changefeed's {@code
 *       maintainer} key) writes the {@link io.tidb.cdc.coord.TableList} and the {@link
 *       io.tidb.cdc.coord.ChangefeedProgress}.
 * </ul>
 *
 * <p>Values are JSON; readers ignore fields they do not know, so an operator and workers one
 * version apart still understand each other.
 */
package io.tidb.cdc.coord;
