package io.tidb.cdc.worker.filter;

import io.tidb.cdc.worker.filter.NameMatcher.Anchoring;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses one table filter rule in TiDB's syntax (pkg/util/table-filter): {@code [!]schema.table}
 * where each side is a {@code /regex/}, a {@code "quoted"} or {@code `quoted`} name (doubled quote
 * to escape it), or a wildcard pattern of letters, digits, {@code _}, {@code $}, non-ASCII
 * characters, {@code *}, {@code ?}, {@code [a-z]} / {@code [!a-z]} classes and {@code \}-escaped
 * punctuation. Blank rules and {@code #} comments yield nothing. Error texts follow TiDB's.
 */
final class FilterRuleParser {
  /** A rule: schema and table patterns, accepting or rejecting what they match. */
  record TableRule(NameMatcher schema, NameMatcher table, Polarity polarity) {
    TableRule lowerCased() {
      return new TableRule(schema.lowerCased(), table.lowerCased(), polarity);
    }
  }

  /** Whether a matching rule includes or excludes the table. */
  enum Polarity {
    ACCEPT,
    REJECT
  }

  private final String rule;
  private final int ruleNumber;
  private int pos;

  private FilterRuleParser(String rule, int ruleNumber) {
    this.rule = rule;
    this.ruleNumber = ruleNumber;
  }

  /** The rule, or empty for a blank line or a comment. */
  static Optional<TableRule> parse(String rule, int ruleNumber) throws FilterRuleException {
    return new FilterRuleParser(rule, ruleNumber).parseRule();
  }

  private Optional<TableRule> parseRule() throws FilterRuleException {
    int end = rule.length();
    while (pos < end && isBlank(rule.charAt(pos))) {
      pos++;
    }
    while (end > pos && isBlank(rule.charAt(end - 1))) {
      end--;
    }
    String line = rule.substring(0, end);
    if (pos == end || line.charAt(pos) == '#') {
      return Optional.empty();
    }
    Polarity polarity = Polarity.ACCEPT;
    if (line.charAt(pos) == '!') {
      polarity = Polarity.REJECT;
      pos++;
    } else if (line.charAt(pos) == '@') {
      throw error("importing filter files (@file) is not supported; list the rules instead");
    }
    NameMatcher schema = pattern(line, true);
    if (pos >= line.length()) {
      throw error("wrong table pattern: a rule needs a schema and a table pattern, like db.tbl");
    }
    if (line.charAt(pos) != '.') {
      throw error("syntax error: missing '.' between schema and table patterns");
    }
    pos++;
    NameMatcher table = pattern(line, true);
    if (pos < line.length()) {
      throw error("syntax error: stray characters after table pattern");
    }
    return Optional.of(new TableRule(schema, table, polarity));
  }

  private NameMatcher pattern(String line, boolean dotEnds) throws FilterRuleException {
    if (pos >= line.length()) {
      throw error("syntax error: missing pattern");
    }
    return switch (line.charAt(pos)) {
      case '/' -> regex(line);
      case '"', '`' -> quoted(line, line.charAt(pos));
      default -> wildcard(line, dotEnds);
    };
  }

  private NameMatcher regex(String line) throws FilterRuleException {
    int start = pos;
    int i = pos + 1;
    StringBuilder body = new StringBuilder();
    while (i < line.length() && line.charAt(i) != '/') {
      if (line.charAt(i) == '\\' && i + 1 < line.length()) {
        body.append(line, i, i + 2);
        i += 2;
      } else {
        body.append(line.charAt(i++));
      }
    }
    if (i >= line.length() || body.length() == 0) {
      throw error("syntax error: incomplete regexp");
    }
    pos = i + 1;
    int bad = unsupportedConstruct(body);
    if (bad >= 0) {
      throw errorAt(
          start + 1 + bad,
          "invalid pattern: lookarounds, backreferences and possessive or atomic groups are not"
              + " supported (TiDB uses RE2 syntax)");
    }
    return new NameMatcher.Regex(compile(body.toString(), 0, start), Anchoring.ANYWHERE);
  }

  private NameMatcher quoted(String line, char quote) throws FilterRuleException {
    StringBuilder name = new StringBuilder();
    int i = pos + 1;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == quote) {
        if (i + 1 < line.length() && line.charAt(i + 1) == quote) {
          name.append(quote);
          i += 2;
          continue;
        }
        break;
      }
      name.append(c);
      i++;
    }
    if (i >= line.length() || name.length() == 0) {
      throw error("syntax error: incomplete quoted identifier");
    }
    pos = i + 1;
    return new NameMatcher.Literal(name.toString());
  }

  private NameMatcher wildcard(String line, boolean dotEnds) throws FilterRuleException {
    int start = pos;
    StringBuilder literal = new StringBuilder();
    StringBuilder regex = new StringBuilder();
    boolean isLiteral = true;
    while (pos < line.length()) {
      char c = line.charAt(pos);
      if (c == '\\') {
        if (pos == line.length() - 1) {
          throw error("syntax error: cannot place \\ at end of line");
        }
        char esc = line.charAt(pos + 1);
        if (isAsciiAlphanumeric(esc)) {
          throw error(
              "cannot escape a letter or number (\\"
                  + esc
                  + "), it is reserved for future extension");
        }
        literal.append(esc);
        appendLiteral(regex, esc);
        pos += 2;
      } else if (c == '.' && dotEnds) {
        break;
      } else if (c == '*') {
        isLiteral = false;
        regex.append(".*");
        pos++;
      } else if (c == '?') {
        isLiteral = false;
        regex.append('.');
        pos++;
      } else if (c == '[') {
        isLiteral = false;
        characterClass(line, regex);
      } else if (c == '$' || c == '_' || isAsciiAlphanumeric(c) || c >= 0x80) {
        literal.append(c);
        appendLiteral(regex, c);
        pos++;
      } else {
        throw error("unexpected special character '" + c + "'");
      }
    }
    if (pos == start) {
      throw error("syntax error: missing pattern");
    }
    if (isLiteral) {
      return new NameMatcher.Literal(literal.toString());
    }
    if (regex.toString().equals(".*")) {
      return new NameMatcher.Any();
    }
    // Like TiDB's "(?s)^...$": '?' and '*' match any character, newlines included.
    return new NameMatcher.Regex(
        compile(regex.toString(), Pattern.DOTALL, start), Anchoring.WHOLE_NAME);
  }

  /**
   * {@code [...]}: a class of characters, {@code [!...]} its complement. Members are any character
   * but {@code \} and {@code ]}, or a {@code \}-escaped non-alphanumeric; {@code a-z} is a range.
   */
  private void characterClass(String line, StringBuilder regex) throws FilterRuleException {
    int i = pos + 1;
    StringBuilder members = new StringBuilder();
    boolean negated = false;
    if (i < line.length() && line.charAt(i) == '!') {
      negated = true;
      i++;
    }
    int firstMember = i;
    while (i < line.length() && line.charAt(i) != ']') {
      char c = line.charAt(i);
      if (c == '\\') {
        if (i + 1 >= line.length() || isAsciiAlphanumeric(line.charAt(i + 1))) {
          throw error("syntax error: failed to parse character class");
        }
        members.append('\\').append(line.charAt(i + 1));
        i += 2;
      } else if (c == '-' && i > firstMember) {
        members.append('-');
        i++;
      } else {
        appendLiteral(members, c);
        i++;
      }
    }
    if (i >= line.length()) {
      throw error("syntax error: failed to parse character class");
    }
    if (members.length() == 0) {
      throw error(
          negated
              ? "invalid pattern: [!] leaves the character class without members"
              : "syntax error: failed to parse character class");
    }
    regex.append(negated ? "[^" : "[").append(members).append(']');
    pos = i + 1;
  }

  /**
   * Where {@code regex} uses a Perl construct Go's RE2 refuses (and Java would accept): a
   * lookaround, a backreference, an atomic group or a possessive quantifier; -1 if none.
   */
  static int unsupportedConstruct(CharSequence regex) {
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      char next = i + 1 < regex.length() ? regex.charAt(i + 1) : 0;
      if (c == '\\') {
        if (!inClass && next >= '1' && next <= '9') {
          return i;
        }
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(' && next == '?' && i + 2 < regex.length()) {
        char kind = regex.charAt(i + 2);
        boolean lookbehind =
            kind == '<' && i + 3 < regex.length() && "=!".indexOf(regex.charAt(i + 3)) >= 0;
        if (kind == '=' || kind == '!' || kind == '>' || lookbehind) {
          return i;
        }
      } else if ("*+?}".indexOf(c) >= 0 && next == '+' && i > 0) {
        return i + 1;
      }
    }
    return -1;
  }

  private Pattern compile(String regex, int flags, int at) throws FilterRuleException {
    try {
      return Pattern.compile(regex, flags);
    } catch (PatternSyntaxException e) {
      throw errorAt(at, "invalid pattern: " + e.getDescription());
    }
  }

  /** Java lets a backslash escape any non-letter, so punctuation stays literal. */
  private static void appendLiteral(StringBuilder regex, char c) {
    if (!Character.isLetterOrDigit(c) && c != '_' && c < 0x80) {
      regex.append('\\');
    }
    regex.append(c);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isAsciiAlphanumeric(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private FilterRuleException error(String problem) {
    return errorAt(pos, problem);
  }

  private FilterRuleException errorAt(int index, String problem) {
    return new FilterRuleException(rule, ruleNumber, index + 1, problem);
  }
}
