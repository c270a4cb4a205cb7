package io.tidb.cdc.coord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoordinationJsonTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void valuesRoundTrip() throws Exception {
    var doc =
        CoordinationJson.mapper()
            .readTree(
                "{\"kind\":\"Changefeed\",\"spec\":{\"cluster\":\"cdc\",\"state\":\"paused\"}}");
    ChangefeedInfo info =
        new ChangefeedInfo(new ChangefeedId("apps", "orders"), "u-1", 4, DesiredState.PAUSED, doc);
    byte[] json = CoordinationJson.encode(info);
    assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"state\":\"paused\"");
    assertThat(CoordinationJson.decode("k", json, ChangefeedInfo.class)).isEqualTo(info);

    ChangefeedProgress progress =
        new ChangefeedProgress(
            "Warning", 4, 100, 120, 119, 3, "w-0", new ChangefeedProgress.ErrorInfo("x", 5, 2), 9);
    assertThat(
            CoordinationJson.decode(
                "k", CoordinationJson.encode(progress), ChangefeedProgress.class))
        .isEqualTo(progress);
  }

  @Test
  void assignmentsAreSortedAndUnknownFieldsIgnored() {
    Assignment a =
        CoordinationJson.decode(
            "k", utf8("{\"epoch\":7,\"tables\":[9,3,9],\"fromTheFuture\":true}"), Assignment.class);
    assertThat(a).isEqualTo(new Assignment(7, List.of(3L, 9L)));
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(
            () ->
                CoordinationJson.decode(
                    "/x/positions/5", utf8("{\"tableId\":"), TablePosition.class))
        .isInstanceOf(CoordinationFormatException.class)
        .hasMessageStartingWith("etcd key /x/positions/5 is not a valid TablePosition");
    assertThatThrownBy(() -> CoordinationJson.decode("/x/info", utf8("null"), ChangefeedInfo.class))
        .hasMessageContaining("holds null");
    assertThatThrownBy(
            () ->
                CoordinationJson.decode(
                    "/x/info", utf8("{\"state\":\"gone\"}"), ChangefeedInfo.class))
        .hasMessageContaining("unknown changefeed state 'gone'");
  }
}
