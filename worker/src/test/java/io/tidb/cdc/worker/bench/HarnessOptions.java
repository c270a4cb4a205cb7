package io.tidb.cdc.worker.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link EndToEndHarness}'s command line: preload rows, live transactions per writer, lag rate (row
 * changes/s, 0 for half the live rate), lag seconds, row changes per transaction, writers and the
 * insert/update/delete weights as {@code I/U/D}.
 */
record HarnessOptions(
    int preloadRows,
    long liveTxnsPerWriter,
    double lagRate,
    int lagSeconds,
    int rowsPerTxn,
    int writers,
    List<Integer> mix,
    String mixText) {
  HarnessOptions {
    mix = List.copyOf(mix);
  }

  static final String USAGE =
      "usage: EndToEndHarness <preloadRows> <liveTxnsPerWriter> <lagRate rows/s, 0 = half>"
          + " <lagSeconds> <rowsPerTxn> <writers> <insert/update/delete weights, e.g. 60/30/10>";

  /** The options, or the usage on stderr and exit status 2 when there are not seven arguments. */
  static HarnessOptions parseOrExit(String[] args) {
    if (args.length != 7) {
      System.err.println(USAGE);
      System.exit(2);
    }
    String[] mixArg = args[6].split("/", -1);
    List<Integer> mix = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      mix.add(Integer.parseInt(mixArg[i]));
    }
    return new HarnessOptions(
        Integer.parseInt(args[0]),
        Long.parseLong(args[1]),
        Double.parseDouble(args[2]),
        Integer.parseInt(args[3]),
        Integer.parseInt(args[4]),
        Integer.parseInt(args[5]),
        mix,
        args[6]);
  }
}
