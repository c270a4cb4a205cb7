package io.tidb.cdc.worker.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.worker.sink.blackhole.BlackholeSink;
import io.tidb.cdc.worker.sink.file.FileSink;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkFactoryTest {
  @Test
  void fileSinkOptionsAreChecked() {
    assertThatThrownBy(() -> SinkFactory.check("file:///tmp/x"))
        .isInstanceOf(SinkUriException.class)
        .hasMessageContaining("has no protocol; add ?protocol=canal-json");
    assertThatThrownBy(() -> SinkFactory.check("file:///tmp/x?protocol=avro"))
        .hasMessageContaining("protocol 'avro' is not supported yet; supported: canal-json");
    assertThatThrownBy(() -> SinkFactory.check("file:///tmp/x?protocol=json"))
        .hasMessageContaining("unknown protocol 'json'; supported: canal-json");
    assertThatThrownBy(
            () -> SinkFactory.check("file:///tmp/x?protocol=canal-json&flush-interval=5s"))
        .hasMessageContaining("file sink option 'flush-interval'")
        .hasMessageContaining("is not supported yet");
    assertThatThrownBy(() -> SinkFactory.check("file:///tmp/x?protocol=canal-json&protocl=x"))
        .hasMessageContaining("unknown file sink option 'protocl'")
        .hasMessageContaining(
            "accepted: delete-only-output-handle-key-columns, enable-tidb-extension,");
    assertThatThrownBy(() -> SinkFactory.check("file://somehost/x?protocol=canal-json"))
        .hasMessageContaining("names host 'somehost'")
        .hasMessageContaining("file:///absolute/dir");
    assertThatThrownBy(() -> SinkFactory.check("file:///?protocol=canal-json"))
        .hasMessageContaining("names no directory");
    assertThatThrownBy(
            () -> SinkFactory.check("file:///x?protocol=canal-json&enable-tidb-extension=maybe"))
        .hasMessageContaining("enable-tidb-extension must be true or false, got 'maybe'");
    assertThatThrownBy(() -> SinkFactory.check("file:///x?protocol=canal-json&time-zone=Mars/Base"))
        .hasMessageContaining("time-zone 'Mars/Base' is not a time zone");
    assertThat(SinkFactory.check("file:///tmp/x?protocol=CANAL-JSON").scheme())
        .isEqualTo(SinkScheme.FILE);
  }

  @Test
  void blackholeOptionsAreChecked() {
    assertThat(SinkFactory.check("blackhole://").scheme()).isEqualTo(SinkScheme.BLACKHOLE);
    assertThat(
            SinkFactory.check("blackhole://?protocol=canal-json&enable-tidb-extension=true")
                .scheme())
        .isEqualTo(SinkScheme.BLACKHOLE);
    assertThatThrownBy(() -> SinkFactory.check("blackhole://?rows=5"))
        .hasMessageContaining("unknown blackhole sink option 'rows'");
    assertThatThrownBy(() -> SinkFactory.check("blackhole://?protocol=maxwell"))
        .hasMessageContaining("protocol 'maxwell' is not supported yet");
  }

  @Test
  void opensTheSinkTheUriNames(@TempDir Path dir) {
    try (Sink hole = SinkFactory.open("blackhole://")) {
      assertThat(hole).isInstanceOf(BlackholeSink.class);
    }
    Path out = dir.resolve("out");
    try (Sink file = SinkFactory.open("file://" + out + "?protocol=canal-json")) {
      assertThat(file).isInstanceOf(FileSink.class);
      assertThat(((FileSink) file).dir()).isEqualTo(out);
    }
    assertThat(Files.isDirectory(out)).isTrue();
  }

  @Test
  void unopenableDirectoryIsASinkError(@TempDir Path dir) throws Exception {
    Path blocker = Files.writeString(dir.resolve("plain-file"), "x");
    assertThatThrownBy(
            () -> SinkFactory.open("file://" + blocker.resolve("sub") + "?protocol=canal-json"))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("cannot open the file sink in " + blocker.resolve("sub"));
  }
}
