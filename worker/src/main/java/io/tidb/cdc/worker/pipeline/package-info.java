/**
 * The wiring of one changefeed: per table a puller subscription, a spilling sorter, the mounter,
 * the filter and the sink; a DDL puller feeding the schema storage; the DDL barrier; table and
 * changefeed checkpoints, their persistence and the PD GC safe point. Stages know nothing of this
 * package; it only connects them ({@link io.tidb.cdc.worker.pipeline.ChangefeedPipeline}).
 */
package io.tidb.cdc.worker.pipeline;
