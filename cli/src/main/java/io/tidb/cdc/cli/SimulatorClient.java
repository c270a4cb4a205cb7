package io.tidb.cdc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The HTTP side of a running {@code ticdc sim}, for the workload and dump subcommands. */
final class SimulatorClient {
  private final String address;
  private final HttpClient http = HttpClient.newHttpClient();

  SimulatorClient(String address) {
    this.address = address;
  }

  /** Sends the request and returns the streamed response; a refused connection says what to do. */
  HttpResponse<InputStream> send(HttpRequest.Builder request, String path)
      throws IOException, InterruptedException {
    try {
      return http.send(
          request.uri(URI.create("http://" + address + path)).build(),
          HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException e) {
      throw new CommandLineFailure(
          "cannot reach the simulator at "
              + address
              + " ("
              + e.getClass().getSimpleName()
              + "). Is it running? Start it with: bin/ticdc sim --sql-port "
              + address.substring(address.lastIndexOf(':') + 1));
    }
  }
}
