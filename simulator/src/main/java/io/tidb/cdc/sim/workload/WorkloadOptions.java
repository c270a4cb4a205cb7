package io.tidb.cdc.sim.workload;

import java.util.function.Consumer;

/**
 * What a workload does.
 *
 * @param database the database holding the tables (created if missing)
 * @param tables number of sysbench-style tables {@code sbtest1..N}
 * @param initialRows rows loaded per table by {@link Workload#prepare()}
 * @param transactions transactions {@link Workload#run()} executes
 * @param ratePerSecond transactions per second, 0 for as fast as possible
 * @param seed the random seed: the same seed gives the same statements and the same final data
 * @param insertWeight relative weight of single-row INSERT transactions
 * @param updateWeight relative weight of UPDATE transactions
 * @param deleteWeight relative weight of DELETE transactions
 * @param wideRows tables get 20 more columns covering every column type family
 * @param largeTxnEvery every n-th transaction is a large one, 0 for never
 * @param largeTxnRows row changes in a large transaction
 * @param ddlEvery a DDL (add/drop column, add/drop index, in rotation) every n transactions, 0 for
 *     never
 */
public record WorkloadOptions(
    String database,
    int tables,
    int initialRows,
    long transactions,
    double ratePerSecond,
    long seed,
    int insertWeight,
    int updateWeight,
    int deleteWeight,
    boolean wideRows,
    int largeTxnEvery,
    int largeTxnRows,
    int ddlEvery) {

  public WorkloadOptions {
    if (tables < 1) {
      throw new IllegalArgumentException("need at least one table, got " + tables);
    }
    if (initialRows < 0 || transactions < 0 || ratePerSecond < 0) {
      throw new IllegalArgumentException("rows, transactions and rate must not be negative");
    }
    if (insertWeight < 0
        || updateWeight < 0
        || deleteWeight < 0
        || insertWeight + updateWeight + deleteWeight == 0) {
      throw new IllegalArgumentException("operation weights must be >= 0 and not all 0");
    }
    if (largeTxnEvery < 0 || largeTxnRows < 1 || ddlEvery < 0) {
      throw new IllegalArgumentException(
          "largeTxnEvery and ddlEvery must be >= 0, largeTxnRows >= 1");
    }
  }

  /** 4 tables of 1000 rows, 10,000 transactions unthrottled, 60/30/10 insert/update/delete. */
  public static WorkloadOptions defaults() {
    return new WorkloadOptions("sbtest", 4, 1000, 10_000, 0, 1, 60, 30, 10, false, 0, 1000, 0);
  }

  public WorkloadOptions withDatabase(String db) {
    return edit(b -> b.database = db);
  }

  public WorkloadOptions withTables(int n, int rows) {
    return edit(
        b -> {
          b.tables = n;
          b.initialRows = rows;
        });
  }

  public WorkloadOptions withTransactions(long n, double perSecond) {
    return edit(
        b -> {
          b.transactions = n;
          b.ratePerSecond = perSecond;
        });
  }

  public WorkloadOptions withSeed(long newSeed) {
    return edit(b -> b.seed = newSeed);
  }

  public WorkloadOptions withMix(int insert, int update, int delete) {
    return edit(
        b -> {
          b.insertWeight = insert;
          b.updateWeight = update;
          b.deleteWeight = delete;
        });
  }

  public WorkloadOptions withWideRows(boolean wide) {
    return edit(b -> b.wideRows = wide);
  }

  public WorkloadOptions withLargeTransactions(int every, int rows) {
    return edit(
        b -> {
          b.largeTxnEvery = every;
          b.largeTxnRows = rows;
        });
  }

  public WorkloadOptions withDdlEvery(int every) {
    return edit(b -> b.ddlEvery = every);
  }

  /** A copy with some fields changed; the canonical constructor validates the result. */
  private WorkloadOptions edit(Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return new WorkloadOptions(
        f.database,
        f.tables,
        f.initialRows,
        f.transactions,
        f.ratePerSecond,
        f.seed,
        f.insertWeight,
        f.updateWeight,
        f.deleteWeight,
        f.wideRows,
        f.largeTxnEvery,
        f.largeTxnRows,
        f.ddlEvery);
  }

  /** The mutable copy {@link #edit} works on. */
  private static final class Fields {
    String database;
    int tables;
    int initialRows;
    long transactions;
    double ratePerSecond;
    long seed;
    int insertWeight;
    int updateWeight;
    int deleteWeight;
    boolean wideRows;
    int largeTxnEvery;
    int largeTxnRows;
    int ddlEvery;

    Fields(WorkloadOptions o) {
      database = o.database;
      tables = o.tables;
      initialRows = o.initialRows;
      transactions = o.transactions;
      ratePerSecond = o.ratePerSecond;
      seed = o.seed;
      insertWeight = o.insertWeight;
      updateWeight = o.updateWeight;
      deleteWeight = o.deleteWeight;
      wideRows = o.wideRows;
      largeTxnEvery = o.largeTxnEvery;
      largeTxnRows = o.largeTxnRows;
      ddlEvery = o.ddlEvery;
    }
  }
}
