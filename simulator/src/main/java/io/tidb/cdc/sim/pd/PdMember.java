package io.tidb.cdc.sim.pd;

import io.tidb.cdc.kvproto.Pdpb;

/** The single PD member of the simulated cluster (always the leader). */
public record PdMember(long memberId, String name, String clientUrl, String version) {
  public Pdpb.Member toProto() {
    return Pdpb.Member.newBuilder()
        .setName(name)
        .setMemberId(memberId)
        .addPeerUrls(clientUrl)
        .addClientUrls(clientUrl)
        .setBinaryVersion(version)
        .build();
  }
}
