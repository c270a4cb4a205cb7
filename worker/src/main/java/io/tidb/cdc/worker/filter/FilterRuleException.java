package io.tidb.cdc.worker.filter;

/**
 * A filter rule does not parse. The message names the rule, its position in the list, the column of
 * the problem and what is wrong.
 */
public final class FilterRuleException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String rule;
  private final int ruleNumber;
  private final int column;

  /**
   * @param ruleNumber 1-based position of the rule in its list
   * @param column 1-based column in the rule where the problem is, or 0 for the whole rule
   */
  public FilterRuleException(String rule, int ruleNumber, int column, String problem) {
    this(
        "invalid filter rule #"
            + ruleNumber
            + " \""
            + rule
            + "\""
            + (column > 0 ? " at column " + column : "")
            + ": "
            + problem,
        rule,
        ruleNumber,
        column);
  }

  private FilterRuleException(String message, String rule, int ruleNumber, int column) {
    super(message);
    this.rule = rule;
    this.ruleNumber = ruleNumber;
    this.column = column;
  }

  /** The same problem inside the matcher of event filter number {@code filterNumber}. */
  static FilterRuleException inEventFilter(int filterNumber, FilterRuleException e) {
    return new FilterRuleException(
        "event filter #" + filterNumber + " matcher: " + e.getMessage(),
        e.rule,
        e.ruleNumber,
        e.column);
  }

  /** A problem with an event filter that is not one of its matcher rules. */
  static FilterRuleException eventFilter(int filterNumber, String problem) {
    return new FilterRuleException("event filter #" + filterNumber + ": " + problem, "", 0, 0);
  }

  public String rule() {
    return rule;
  }

  public int ruleNumber() {
    return ruleNumber;
  }

  public int column() {
    return column;
  }
}
