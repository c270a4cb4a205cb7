/**
 * Consistency checks: a table as a downstream holds it (rows of canal-json text values) against the
 * upstream's ground truth (rows of typed JSON values), with a verdict per table. Used by the
 * end-to-end tests and the demo.
 */
package io.tidb.cdc.worker.verify;
