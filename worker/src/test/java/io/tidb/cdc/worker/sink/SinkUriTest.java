package io.tidb.cdc.worker.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkUriTest {
  @Test
  void parsesFileAndBlackholeUris() {
    SinkUri file =
        SinkUri.parse("file:///tmp/demo-out?protocol=canal-json&enable-tidb-extension=false");
    assertThat(file.scheme()).isEqualTo(SinkScheme.FILE);
    assertThat(file.host()).isEmpty();
    assertThat(file.path()).isEqualTo("/tmp/demo-out");
    assertThat(file.params())
        .containsExactly(
            Map.entry("protocol", "canal-json"), Map.entry("enable-tidb-extension", "false"));
    assertThat(file.param("protocol")).contains("canal-json");
    assertThat(file.param("missing")).isEmpty();

    SinkUri hole = SinkUri.parse("BlackHole://");
    assertThat(hole.scheme()).isEqualTo(SinkScheme.BLACKHOLE);
    assertThat(hole.params()).isEmpty();
    assertThat(hole.toString()).isEqualTo("blackhole://");
  }

  @Test
  void decodesQueryValues() {
    SinkUri uri = SinkUri.parse("file:///d?protocol=canal%2Djson&time-zone=Asia%2FShanghai&flag&&");
    assertThat(uri.params())
        .containsExactly(
            Map.entry("protocol", "canal-json"),
            Map.entry("time-zone", "Asia/Shanghai"),
            Map.entry("flag", ""));
  }

  @Test
  void emptyOrSchemelessUrisAreRefused() {
    assertThatThrownBy(() -> SinkUri.parse(" "))
        .isInstanceOf(SinkUriException.class)
        .hasMessageContaining("the sink URI is empty")
        .hasMessageContaining("file:///tmp/out?protocol=canal-json");
    assertThatThrownBy(() -> SinkUri.parse("/tmp/out"))
        .hasMessageContaining("'/tmp/out' has no scheme")
        .hasMessageContaining("blackhole, file");
    assertThatThrownBy(() -> SinkUri.parse("file:tmp/out"))
        .hasMessageContaining("the '//' is missing");
    assertThatThrownBy(() -> SinkUri.parse("file:///tmp/a b"))
        .hasMessageContaining("is malformed at index 13");
  }

  @Test
  void unknownSchemesListTheSupportedOnes() {
    assertThatThrownBy(() -> SinkUri.parse("foo://x/y"))
        .isInstanceOf(SinkUriException.class)
        .hasMessageContaining("unknown sink scheme 'foo' in 'foo://x/y'")
        .hasMessageContaining("supported: blackhole, file")
        .hasMessageContaining("reserved for later: mysql, mysql+ssl, tidb");
  }

  @Test
  void reservedSchemesAreNotSupportedYet() {
    for (String uri :
        new String[] {
          "kafka://127.0.0.1:9092/topic?protocol=canal-json", "pulsar://127.0.0.1:6650/t",
          "s3://bucket/prefix?protocol=canal-json", "tidb://root@127.0.0.1:4000/"
        }) {
      assertThatThrownBy(() -> SinkUri.parse(uri))
          .as(uri)
          .hasMessageContaining("is not supported yet")
          .hasMessageContaining("supported now: blackhole, file");
    }
  }

  @Test
  void passwordsNeverShowInMessages() {
    assertThatThrownBy(() -> SinkUri.parse("mysql://root:s3cret@127.0.0.1:3306/"))
        .hasMessageContaining("'mysql://root:xxxxx@127.0.0.1:3306/'")
        .hasMessageNotContaining("s3cret");
    assertThat(SinkUri.redact("mysql://root:p@ss@h:1/")).isEqualTo("mysql://root:xxxxx@h:1/");
    assertThat(SinkUri.redact("file:///no/user")).isEqualTo("file:///no/user");
    SinkUri withUser = new SinkUri(SinkScheme.FILE, "u:pw", "h", 5, "/p", Map.of());
    assertThat(withUser.toString()).isEqualTo("file://u:xxxxx@h:5/p");
  }

  @Test
  void badQueryParametersAreNamed() {
    assertThatThrownBy(() -> SinkUri.parse("file:///x?protocol=a&protocol=b"))
        .hasMessageContaining("query parameter 'protocol' is given more than once");
    assertThatThrownBy(() -> SinkUri.parse("file:///x?a=1&=2"))
        .hasMessageContaining("query parameter #2 ('=2')")
        .hasMessageContaining("has no name");
    assertThatThrownBy(() -> SinkUri.parse("file:///x?protocol=%zz"))
        .hasMessageContaining(
            "'file:///x?protocol=%zz' is malformed at index 19: Malformed escape pair");
    assertThatThrownBy(() -> SinkUri.parse("file://host:port/x"))
        .hasMessageContaining("invalid host or port 'host:port'");
  }
}
