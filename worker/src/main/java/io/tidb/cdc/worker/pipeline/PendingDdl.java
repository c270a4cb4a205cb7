package io.tidb.cdc.worker.pipeline;

import io.tidb.cdc.worker.encoder.DdlEvent;
import io.tidb.cdc.worker.schema.SchemaSnapshot;
import java.util.Optional;

/**
 * A DDL applied to the schema storage and waiting at the barrier: at {@code commitTs} every table
 * must have flushed below it before {@code event} (absent when the filter drops it or the sink has
 * no use for it) is written and the table set is updated to {@code schemaAfter}.
 */
public record PendingDdl(
    long commitTs, Optional<DdlEvent> event, SchemaSnapshot schemaAfter, String description) {}
