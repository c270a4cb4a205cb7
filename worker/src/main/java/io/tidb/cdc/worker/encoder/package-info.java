/**
 * The encoder stage: turns row changes, DDL and watermarks into protocol messages ({@link
 * io.tidb.cdc.worker.encoder.Encoder}). One child package per protocol ({@code canal} for
 * canal-json); {@code json} holds the Go-compatible JSON writing the protocols share, so output
 * matches TiCDC byte for byte.
 */
package io.tidb.cdc.worker.encoder;
