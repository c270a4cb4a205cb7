package io.tidb.cdc.worker.capture;

import io.tidb.cdc.worker.tls.TlsConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS of a capture's two kinds of connections, loaded from the directories the operator mounts the
 * cluster's Secrets at ({@code --upstream-tls-dir}, {@code --etcd-tls-dir}).
 *
 * @param upstream PD and TiKV; empty: plaintext (or the JVM's CAs for {@code https://} PD)
 * @param etcd the coordination etcd; empty: plaintext
 */
public record CaptureTls(Optional<TlsConfig> upstream, Optional<TlsConfig> etcd) {
  public static final CaptureTls NONE = new CaptureTls(Optional.empty(), Optional.empty());

  public CaptureTls {
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(etcd, "etcd");
  }
}
