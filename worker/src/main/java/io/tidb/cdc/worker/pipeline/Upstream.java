package io.tidb.cdc.worker.pipeline;

import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.memory.MemoryQuota;
import io.tidb.cdc.worker.puller.Puller;
import io.tidb.cdc.worker.puller.PullerConfig;
import io.tidb.cdc.worker.puller.kv.KvPuller;
import io.tidb.cdc.worker.puller.pd.ChannelSecurity;
import io.tidb.cdc.worker.puller.pd.GrpcPdClient;
import io.tidb.cdc.worker.puller.pd.PdClient;
import io.tidb.cdc.worker.puller.pd.PdException;
import io.tidb.cdc.worker.schema.MetaReader;
import io.tidb.cdc.worker.tls.TlsConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The connections to one upstream cluster a changefeed uses: PD, the puller over the TiKV stores,
 * and snapshot reads of TiDB's meta keys. Closing it closes all three.
 */
public record Upstream(PdClient pd, Puller puller, MetaReader meta) implements AutoCloseable {

  /**
   * Connects in plaintext (TLS with the JVM's CAs for {@code https://} addresses).
   *
   * @see #connect(List, Optional)
   */
  public static Upstream connect(List<String> pdAddresses) throws PdException {
    return connect(pdAddresses, Optional.empty());
  }

  /**
   * Connects to the PD at any of {@code pdAddresses} and starts a puller asking TiKV for old values
   * (updates and deletes carry the row before the change, TiCDC's default). PD and the stores are
   * reached over TLS from {@code tls} when given (see {@link ChannelSecurity#forPd}).
   *
   * @throws PdException when no PD answers
   */
  public static Upstream connect(List<String> pdAddresses, Optional<TlsConfig> tls)
      throws PdException {
    GrpcPdClient pd = GrpcPdClient.connect(pdAddresses, ChannelSecurity.forPd(pdAddresses, tls));
    try {
      long matcherBytes =
          HeapBudget.cap(
              PullerConfig.DEFAULT_MATCHER_QUOTA_BYTES,
              Runtime.getRuntime().maxMemory(),
              HeapBudget.MATCHER_SHARE);
      KvPuller puller =
          KvPuller.start(
              pd,
              PullerConfig.defaults()
                  .withOldValueMode(OldValueMode.WITH_OLD_VALUE)
                  .withMatcherQuota(new MemoryQuota("puller-matcher", matcherBytes)));
      return new Upstream(
          pd, puller, new KvMetaReader(pd, puller.snapshotReader(), Duration.ofSeconds(10)));
    } catch (RuntimeException e) {
      pd.close();
      throw e;
    }
  }

  @Override
  public void close() {
    if (meta instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // Only channels are closed here; nothing to recover.
      }
    }
    puller.close();
    pd.close();
  }
}
