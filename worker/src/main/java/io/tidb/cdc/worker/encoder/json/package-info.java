/**
 * JSON output that matches Go byte for byte: string escaping as Go's encoders do it (HTML
 * characters, control characters, invalid UTF-8 and U+2028/U+2029), Go's float formatting, and
 * {@code json.MarshalIndent} layout. TiCDC's messages and files are written by Go; matching them
 * lets consumers and checksums treat our output as TiCDC's.
 */
package io.tidb.cdc.worker.encoder.json;
