package io.tidb.cdc.worker.encoder;

import io.tidb.cdc.worker.encoder.canal.CanalJsonEncoder;

/** Creates the encoder of a configuration's protocol. */
public final class EncoderFactory {
  private EncoderFactory() {}

  /**
   * @throws IllegalArgumentException when the protocol has no encoder yet
   */
  public static Encoder create(EncoderConfig config) {
    return switch (config.protocol()) {
      case CANAL_JSON -> new CanalJsonEncoder(config);
      default ->
          throw new IllegalArgumentException(
              "protocol '"
                  + config.protocol().wireName()
                  + "' is not supported yet; supported: "
                  + Protocol.supportedNames());
    };
  }
}
