/** The cluster's TLS Secrets as the operator's own etcd and PD clients use them. */
package io.tidb.cdc.operator.tls;
