package io.tidb.cdc.worker.capture;

import io.tidb.cdc.coord.ChangefeedId;
import io.tidb.cdc.coord.ChangefeedKeys;
import io.tidb.cdc.worker.pipeline.PipelineOptions;
import java.nio.file.Path;

/** What the roles of one changefeed on this capture share. */
record RunnerContext(
    CaptureConfig config,
    Etcd etcd,
    EtcdMirror mirror,
    CaptureSession session,
    ChangefeedId id,
    ChangefeedKeys keys) {

  String captureId() {
    return config.captureId();
  }

  /** The changefeed's spill folder on this capture. */
  Path dir() {
    return config.dataDir().resolve(id.namespace()).resolve(id.name());
  }

  /** The PD service id of the changefeed's GC safe point. */
  String gcServiceId() {
    return "ticdc-k8s-" + config.layout().cluster() + "-" + id.namespace() + "-" + id.name();
  }

  PipelineOptions pipelineOptions() {
    return PipelineOptions.defaults(dir().resolve("sorter"), gcServiceId());
  }
}
