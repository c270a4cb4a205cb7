package io.tidb.cdc.testsupport.servers;

import java.nio.file.Path;

/** Starts one kind of server and returns once it serves requests. */
interface ServerLauncher<T> {
  /**
   * Starts the server with fresh ports and data, writing logs (and generated configuration) into
   * {@code logDir}.
   */
  RunningServer<T> start(Path logDir);
}
