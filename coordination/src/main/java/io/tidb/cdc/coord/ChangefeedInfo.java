package io.tidb.cdc.coord;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A changefeed's desired state, written by the operator from the {@code Changefeed} resource.
 *
 * @param id the resource
 * @param uid the resource's uid: a changefeed deleted and created again under the same name is a
 *     new changefeed and must not resume the old one's positions
 * @param generation the resource's {@code metadata.generation}; workers restart the changefeed from
 *     its checkpoint when it changes (a spec update)
 * @param state running, paused or stopped
 * @param changefeed the {@code Changefeed} document itself (apiVersion, kind, metadata, spec), as a
 *     standalone file holds it; the worker parses and validates it with its own reader
 */
public record ChangefeedInfo(
    ChangefeedId id, String uid, long generation, DesiredState state, JsonNode changefeed) {}
