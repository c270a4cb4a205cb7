package io.tidb.cdc.tidb.meta;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tidb.cdc.tidb.types.FieldType;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * TiDB's {@code model.ColumnInfo} with its JSON field names. Default values are JSON scalars as
 * TiDB writes them (mostly strings); a BIT column keeps its default in {@code default_bit} (base64
 * in JSON). {@code state} is a {@link SchemaState} code; {@code version} 2 is current.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ColumnInfo(
    @JsonProperty("id") long id,
    @JsonProperty("name") CIStr name,
    @JsonProperty("offset") int offset,
    @JsonProperty("origin_default") Object originDefault,
    @JsonProperty("origin_default_bit") byte[] originDefaultBit,
    @JsonProperty("default") Object defaultValue,
    @JsonProperty("default_bit") byte[] defaultBit,
    @JsonProperty("default_is_expr") boolean defaultIsExpr,
    @JsonProperty("generated_expr_string") String generatedExprString,
    @JsonProperty("generated_stored") boolean generatedStored,
    @JsonProperty("dependences") Map<String, Object> dependences,
    @JsonProperty("type") FieldType type,
    @JsonProperty("state") int state,
    @JsonProperty("comment") String comment,
    @JsonProperty("hidden") boolean hidden,
    @JsonProperty("change_state_info") Map<String, Object> changeStateInfo,
    @JsonProperty("version") long version) {

  /** {@code model.CurrLatestColumnInfoVersion}. */
  public static final long CURRENT_VERSION = 2;

  /** A public, non-generated column without default, as CREATE TABLE makes it. */
  public static ColumnInfo of(long id, String name, int offset, FieldType type) {
    return new ColumnInfo(
        id,
        CIStr.of(name),
        offset,
        null,
        null,
        null,
        null,
        false,
        "",
        false,
        null,
        type,
        SchemaState.PUBLIC.code(),
        "",
        false,
        null,
        CURRENT_VERSION);
  }

  /** A copy with a (origin) default value, as ADD COLUMN ... DEFAULT stores it. */
  public ColumnInfo withDefault(Object value) {
    return new ColumnInfo(
        id,
        name,
        offset,
        value,
        originDefaultBit,
        value,
        defaultBit,
        defaultIsExpr,
        generatedExprString,
        generatedStored,
        dependences,
        type,
        state,
        comment,
        hidden,
        changeStateInfo,
        version);
  }

  public ColumnInfo withState(SchemaState newState) {
    return new ColumnInfo(
        id,
        name,
        offset,
        originDefault,
        originDefaultBit,
        defaultValue,
        defaultBit,
        defaultIsExpr,
        generatedExprString,
        generatedStored,
        dependences,
        type,
        newState.code(),
        comment,
        hidden,
        changeStateInfo,
        version);
  }

  public ColumnInfo withOffset(int newOffset) {
    return new ColumnInfo(
        id,
        name,
        newOffset,
        originDefault,
        originDefaultBit,
        defaultValue,
        defaultBit,
        defaultIsExpr,
        generatedExprString,
        generatedStored,
        dependences,
        type,
        state,
        comment,
        hidden,
        changeStateInfo,
        version);
  }

  @JsonIgnore
  public SchemaState schemaState() {
    return SchemaState.of(state);
  }

  @JsonIgnore
  public boolean isPublic() {
    return state == SchemaState.PUBLIC.code();
  }

  @JsonIgnore
  public boolean isGenerated() {
    return generatedExprString != null && !generatedExprString.isEmpty();
  }

  /** Record equality, with the two byte-array defaults compared by content. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ColumnInfo c
        && id == c.id
        && offset == c.offset
        && defaultIsExpr == c.defaultIsExpr
        && generatedStored == c.generatedStored
        && state == c.state
        && hidden == c.hidden
        && version == c.version
        && Objects.equals(name, c.name)
        && Objects.equals(originDefault, c.originDefault)
        && Arrays.equals(originDefaultBit, c.originDefaultBit)
        && Objects.equals(defaultValue, c.defaultValue)
        && Arrays.equals(defaultBit, c.defaultBit)
        && Objects.equals(generatedExprString, c.generatedExprString)
        && Objects.equals(dependences, c.dependences)
        && Objects.equals(type, c.type)
        && Objects.equals(comment, c.comment)
        && Objects.equals(changeStateInfo, c.changeStateInfo);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, offset, type, state, defaultValue, originDefault)
        + 31 * Arrays.hashCode(defaultBit)
        + 37 * Arrays.hashCode(originDefaultBit);
  }

  /** Virtual generated columns are not stored in rows. */
  @JsonIgnore
  public boolean isVirtualGenerated() {
    return isGenerated() && !generatedStored;
  }
}
