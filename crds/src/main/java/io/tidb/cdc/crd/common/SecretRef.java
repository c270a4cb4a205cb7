package io.tidb.cdc.crd.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A Secret in the resource's namespace, by name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretRef(@Required String name) {}
