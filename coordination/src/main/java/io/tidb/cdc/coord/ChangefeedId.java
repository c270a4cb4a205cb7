package io.tidb.cdc.coord;

/** A changefeed: the namespace and name of its {@code Changefeed} resource. */
public record ChangefeedId(String namespace, String name) {
  public ChangefeedId {
    EtcdLayout.requireSegment("namespace", namespace);
    EtcdLayout.requireSegment("changefeed name", name);
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
