package io.tidb.cdc.sim;

/**
 * Where the simulator's servers listen and the host it tells clients to use. On a laptop both are
 * the loopback address; in a container the servers listen on every interface ({@code 0.0.0.0}) and
 * advertise the name other pods reach them by (a Kubernetes Service), since PD hands store
 * addresses to clients and a client dials exactly what it is given.
 */
public record Network(String listenHost, String advertiseHost) {
  public static final Network LOOPBACK = new Network("127.0.0.1", "127.0.0.1");

  public Network {
    if (listenHost == null || listenHost.isBlank()) {
      throw new IllegalArgumentException("the listen host is empty");
    }
    if (advertiseHost == null || advertiseHost.isBlank() || advertiseHost.equals("0.0.0.0")) {
      throw new IllegalArgumentException(
          "advertise host '" + advertiseHost + "' is not an address a client can dial");
    }
  }

  /** {@code advertiseHost:port}. */
  public String advertised(int port) {
    return advertiseHost + ":" + port;
  }
}
