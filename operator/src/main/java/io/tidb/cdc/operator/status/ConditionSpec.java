package io.tidb.cdc.operator.status;

/** A condition as computed, before timestamps: type, true/false, a CamelCase reason, a message. */
public record ConditionSpec(String type, boolean status, String reason, String message) {}
