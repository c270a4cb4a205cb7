package io.tidb.cdc.tidb.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** TiDB's case-insensitive name: the original spelling and its lower-case form. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CIStr(@JsonProperty("O") String original, @JsonProperty("L") String lower) {
  public static CIStr of(String name) {
    return new CIStr(name, name.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return original;
  }
}
