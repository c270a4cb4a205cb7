package io.tidb.cdc.worker.filter;

import java.util.Locale;
import java.util.regex.Pattern;

/** Matches a database or table name against one pattern of a filter rule. */
sealed interface NameMatcher {
  boolean matches(String name);

  /** Whether every name matches ({@code *}); a negative rule then excludes a whole schema. */
  boolean matchesAll();

  /** The same pattern compared case-insensitively (names are then lower-cased by the caller). */
  NameMatcher lowerCased();

  /** A plain name: quoted, or written without wildcards. */
  record Literal(String name) implements NameMatcher {
    @Override
    public boolean matches(String candidate) {
      return name.equals(candidate);
    }

    @Override
    public boolean matchesAll() {
      return false;
    }

    @Override
    public NameMatcher lowerCased() {
      return new Literal(name.toLowerCase(Locale.ROOT));
    }
  }

  /** {@code *}. */
  record Any() implements NameMatcher {
    @Override
    public boolean matches(String candidate) {
      return true;
    }

    @Override
    public boolean matchesAll() {
      return true;
    }

    @Override
    public NameMatcher lowerCased() {
      return this;
    }
  }

  /**
   * A wildcard pattern (anchored at both ends) or a {@code /regex/} (unanchored, as TiDB's {@code
   * MatchString}).
   */
  record Regex(Pattern pattern, Anchoring anchoring) implements NameMatcher {
    @Override
    public boolean matches(String candidate) {
      return anchoring == Anchoring.WHOLE_NAME
          ? pattern.matcher(candidate).matches()
          : pattern.matcher(candidate).find();
    }

    @Override
    public boolean matchesAll() {
      return false;
    }

    @Override
    public NameMatcher lowerCased() {
      return new Regex(
          Pattern.compile(
              pattern.pattern(), pattern.flags() | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
          anchoring);
    }
  }

  /** Whether a regex must match the whole name or any part of it. */
  enum Anchoring {
    WHOLE_NAME,
    ANYWHERE
  }
}
