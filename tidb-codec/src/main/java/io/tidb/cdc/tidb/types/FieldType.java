package io.tidb.cdc.tidb.types;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A column's type as TiDB serializes it inside ColumnInfo ({@code "type"}), with TiDB's JSON field
 * names. {@code flen} and {@code decimal} are -1 when unspecified; for time types {@code decimal}
 * is the fractional-seconds precision, for DECIMAL the scale.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FieldType(
    @JsonProperty("Tp") int tp,
    @JsonProperty("Flag") long flag,
    @JsonProperty("Flen") int flen,
    @JsonProperty("Decimal") int decimal,
    @JsonProperty("Charset") String charset,
    @JsonProperty("Collate") String collate,
    @JsonProperty("Elems") List<String> elems,
    @JsonProperty("ElemsIsBinaryLit") List<Boolean> elemsIsBinaryLit,
    @JsonProperty("Array") boolean array) {

  /** TiDB's {@code UnspecifiedLength}. */
  public static final int UNSPECIFIED_LENGTH = -1;

  public FieldType {
    elems = elems == null ? null : List.copyOf(elems);
    elemsIsBinaryLit = elemsIsBinaryLit == null ? null : List.copyOf(elemsIsBinaryLit);
  }

  /** A type with unspecified length/decimal and the binary charset, like {@code NewFieldType}. */
  public static FieldType of(int tp) {
    return new FieldType(
        tp, 0, UNSPECIFIED_LENGTH, UNSPECIFIED_LENGTH, "binary", "binary", null, null, false);
  }

  public FieldType withFlag(long newFlag) {
    return new FieldType(
        tp, newFlag, flen, decimal, charset, collate, elems, elemsIsBinaryLit, array);
  }

  public FieldType withAddedFlag(long extra) {
    return withFlag(flag | extra);
  }

  public FieldType withLength(int newFlen, int newDecimal) {
    return new FieldType(
        tp, flag, newFlen, newDecimal, charset, collate, elems, elemsIsBinaryLit, array);
  }

  public FieldType withCharset(String newCharset, String newCollate) {
    return new FieldType(
        tp, flag, flen, decimal, newCharset, newCollate, elems, elemsIsBinaryLit, array);
  }

  public FieldType withElems(List<String> newElems) {
    return new FieldType(tp, flag, flen, decimal, charset, collate, newElems, null, array);
  }

  @JsonIgnore
  public boolean isUnsigned() {
    return ColumnFlag.has(flag, ColumnFlag.UNSIGNED);
  }

  @JsonIgnore
  public boolean isNotNull() {
    return ColumnFlag.has(flag, ColumnFlag.NOT_NULL);
  }

  @JsonIgnore
  public boolean isPrimaryKey() {
    return ColumnFlag.has(flag, ColumnFlag.PRI_KEY);
  }

  /** Whether values are raw bytes rather than text (binary collation, as for BINARY/BLOB). */
  @JsonIgnore
  public boolean isBinaryString() {
    return MysqlType.isString(tp) && "binary".equals(collate);
  }

  /** Elements of an ENUM or SET, never null. */
  @JsonIgnore
  public List<String> elemsOrEmpty() {
    return elems == null ? List.of() : elems;
  }
}
