/**
 * TiCDC's canal-json protocol (pingcap/tiflow and pingcap/ticdc {@code pkg/sink/codec/canal}):
 * Alibaba Canal's flat message with every value as a string, plus TiCDC's optional {@code _tidb}
 * extension and watermark messages.
 */
package io.tidb.cdc.worker.encoder.canal;
