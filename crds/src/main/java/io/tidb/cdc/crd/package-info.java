/**
 * The Java model of the {@code cdc.tidb.io/v1alpha1} custom resources: {@code TiCDCCluster}, {@code
 * Changefeed} and {@code SinkPlugin}. The CRD YAML is generated from these classes at build time.
 * Spec fields are boxed and never defaulted here (null means unset); the defaults live in the small
 * {@code *Defaults} classes next to each resource and are applied by their readers.
 */
package io.tidb.cdc.crd;
