package io.tidb.cdc.operator.changefeed;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.tidb.cdc.crd.changefeed.Changefeed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EtcdEndpointsAnnotationTest {
  private static Changefeed cf(Map<String, String> annotations) {
    Changefeed cf = new Changefeed();
    cf.setMetadata(new ObjectMetaBuilder().withName("x").withAnnotations(annotations).build());
    return cf;
  }

  @Test
  void roundTripsThroughTheAnnotations() {
    var a = new EtcdEndpointsAnnotation(List.of("pd-0:2379", "pd-1:2379"), Optional.of("tls"));
    Changefeed cf = cf(Map.of("other", "kept"));
    assertThat(a.isOn(cf)).isFalse();
    a.applyTo(cf);
    assertThat(cf.getMetadata().getAnnotations())
        .containsEntry(EtcdEndpointsAnnotation.ENDPOINTS, "pd-0:2379,pd-1:2379")
        .containsEntry(EtcdEndpointsAnnotation.TLS_SECRET, "tls")
        .containsEntry("other", "kept");
    assertThat(EtcdEndpointsAnnotation.read(cf)).contains(a);
    assertThat(a.isOn(cf)).isTrue();
  }

  @Test
  void aSecretNoLongerUsedIsRemovedByThePatch() {
    Changefeed cf =
        cf(
            Map.of(
                EtcdEndpointsAnnotation.ENDPOINTS, "e:2379",
                EtcdEndpointsAnnotation.TLS_SECRET, "old"));
    var plain = new EtcdEndpointsAnnotation(List.of("e:2379"), Optional.empty());
    assertThat(plain.isOn(cf)).isFalse();
    assertThat(plain.asPatch()).containsEntry(EtcdEndpointsAnnotation.TLS_SECRET, null);
    plain.applyTo(cf);
    assertThat(cf.getMetadata().getAnnotations())
        .doesNotContainKey(EtcdEndpointsAnnotation.TLS_SECRET);
    assertThat(plain.isOn(cf)).isTrue();
  }

  @Test
  void absentOrBlankMeansNothingRemembered() {
    assertThat(EtcdEndpointsAnnotation.read(cf(null))).isEmpty();
    assertThat(EtcdEndpointsAnnotation.read(cf(Map.of(EtcdEndpointsAnnotation.ENDPOINTS, " "))))
        .isEmpty();
  }
}
