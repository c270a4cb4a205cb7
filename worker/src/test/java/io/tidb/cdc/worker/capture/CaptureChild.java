package io.tidb.cdc.worker.capture;

import io.tidb.cdc.worker.config.ResourceFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A capture in its own process, for tests that kill one: {@code CaptureChild CLUSTER_FILE
 * ETCD_ENDPOINT CAPTURE_ID DATA_DIR LEASE_SECONDS}. Prints {@code started} once registered.
 */
public final class CaptureChild {
  private CaptureChild() {}

  public static void main(String[] args) throws Exception {
    CaptureConfig config =
        CaptureConfig.defaults(
                args[2],
                "default",
                ResourceFile.readCluster(Path.of(args[0])),
                List.of(args[1]),
                Path.of(args[3]))
            .withLeaseTtl(Duration.ofSeconds(Long.parseLong(args[4])));
    Capture capture = Capture.start(config);
    System.out.println("started");
    System.out.flush();
    capture.awaitClosed();
  }
}
