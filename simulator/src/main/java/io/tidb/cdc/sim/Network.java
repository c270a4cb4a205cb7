package io.tidb.cdc.sim;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the simulator's servers listen and the host it tells clients to use. On a laptop both are
 * the loopback address; in a container the servers listen on every interface ({@code 0.0.0.0}) and
 * advertise the name other pods reach them by (a Kubernetes Service), since PD hands store
 * addresses to clients and a client dials exactly what it is given. With {@link #tls()} the PD and
 * store gRPC servers speak TLS only.
 */
public record Network(String listenHost, String advertiseHost, Optional<ServerTls> tls) {
  public static final Network LOOPBACK = new Network("127.0.0.1", "127.0.0.1");

  /** Plaintext servers. */
  public Network(String listenHost, String advertiseHost) {
    this(listenHost, advertiseHost, Optional.empty());
  }

  public Network {
    Objects.requireNonNull(tls, "tls");
    if (listenHost == null || listenHost.isBlank()) {
      throw new IllegalArgumentException("the listen host is empty");
    }
    if (advertiseHost == null || advertiseHost.isBlank() || advertiseHost.equals("0.0.0.0")) {
      throw new IllegalArgumentException(
          "advertise host '" + advertiseHost + "' is not an address a client can dial");
    }
  }

  /** The same hosts with TLS on every gRPC server. */
  public Network withTls(ServerTls t) {
    return new Network(listenHost, advertiseHost, Optional.of(t));
  }

  /** {@code https} with TLS, else {@code http}: the scheme of the URLs PD hands out. */
  public String scheme() {
    return tls.isPresent() ? "https" : "http";
  }

  /** {@code advertiseHost:port}. */
  public String advertised(int port) {
    return advertiseHost + ":" + port;
  }
}
