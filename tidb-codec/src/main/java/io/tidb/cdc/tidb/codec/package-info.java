/**
 * TiDB's value codecs ({@code util/codec}): memcomparable bytes, integers, floats and decimals, Go
 * varints, and the flagged datums used in keys and row format v1. Byte input is read through {@link
 * io.tidb.cdc.tidb.codec.ByteReader} and rejected with {@link
 * io.tidb.cdc.tidb.codec.CodecException} when malformed.
 */
package io.tidb.cdc.tidb.codec;
