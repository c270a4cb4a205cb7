package io.tidb.cdc.sim.workload;

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
    return new WorkloadOptions(
        db,
        tables,
        initialRows,
        transactions,
        ratePerSecond,
        seed,
        insertWeight,
        updateWeight,
        deleteWeight,
        wideRows,
        largeTxnEvery,
        largeTxnRows,
        ddlEvery);
  }

  public WorkloadOptions withTables(int n, int rows) {
    return new WorkloadOptions(
        database,
        n,
        rows,
        transactions,
        ratePerSecond,
        seed,
        insertWeight,
        updateWeight,
        deleteWeight,
        wideRows,
        largeTxnEvery,
        largeTxnRows,
        ddlEvery);
  }

  public WorkloadOptions withTransactions(long n, double perSecond) {
    return new WorkloadOptions(
        database,
        tables,
        initialRows,
        n,
        perSecond,
        seed,
        insertWeight,
        updateWeight,
        deleteWeight,
        wideRows,
        largeTxnEvery,
        largeTxnRows,
        ddlEvery);
  }

  public WorkloadOptions withSeed(long newSeed) {
    return new WorkloadOptions(
        database,
        tables,
        initialRows,
        transactions,
        ratePerSecond,
        newSeed,
        insertWeight,
        updateWeight,
        deleteWeight,
        wideRows,
        largeTxnEvery,
        largeTxnRows,
        ddlEvery);
  }

  public WorkloadOptions withMix(int insert, int update, int delete) {
    return new WorkloadOptions(
        database,
        tables,
        initialRows,
        transactions,
        ratePerSecond,
        seed,
        insert,
        update,
        delete,
        wideRows,
        largeTxnEvery,
        largeTxnRows,
        ddlEvery);
  }

  public WorkloadOptions withWideRows(boolean wide) {
    return new WorkloadOptions(
        database,
        tables,
        initialRows,
        transactions,
        ratePerSecond,
        seed,
        insertWeight,
        updateWeight,
        deleteWeight,
        wide,
        largeTxnEvery,
        largeTxnRows,
        ddlEvery);
  }

  public WorkloadOptions withLargeTransactions(int every, int rows) {
    return new WorkloadOptions(
        database,
        tables,
        initialRows,
        transactions,
        ratePerSecond,
        seed,
        insertWeight,
        updateWeight,
        deleteWeight,
        wideRows,
        every,
        rows,
        ddlEvery);
  }

  public WorkloadOptions withDdlEvery(int every) {
    return new WorkloadOptions(
        database,
        tables,
        initialRows,
        transactions,
        ratePerSecond,
        seed,
        insertWeight,
        updateWeight,
        deleteWeight,
        wideRows,
        largeTxnEvery,
        largeTxnRows,
        every);
  }
}
