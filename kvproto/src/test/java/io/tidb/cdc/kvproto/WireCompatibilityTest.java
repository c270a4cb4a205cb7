package io.tidb.cdc.kvproto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Our generated classes against two references that are not ours: the protobuf wire format written
 * out by hand, and the classes tikv-client-java generated from the same kvproto files with its own
 * protoc (package {@code org.tikv.kvproto}, shaded protobuf).
 */
class WireCompatibilityTest {

  @Test
  void changeDataRequestMatchesHandEncodedWireBytes() {
    // field 2 region_id=1 (tag 0x10), field 4 checkpoint_ts=5 (tag 0x20), field 7 request_id=300
    // (tag 0x38, varint 300 = ac 02), field 8 extra_op=ReadOldValue(1) (tag 0x40),
    // field 9 register={} (tag 0x4a, length 0).
    Cdcpb.ChangeDataRequest request =
        Cdcpb.ChangeDataRequest.newBuilder()
            .setRegionId(1)
            .setCheckpointTs(5)
            .setRequestId(300)
            .setExtraOp(Kvrpcpb.ExtraOp.ReadOldValue)
            .setRegister(Cdcpb.ChangeDataRequest.Register.getDefaultInstance())
            .build();

    assertThat(HexFormat.of().formatHex(request.toByteArray())).isEqualTo("1001200538ac0240014a00");
  }

  @Test
  void tikvClientJavaReadsOurChangeDataRequest() throws Exception {
    Cdcpb.ChangeDataRequest ours =
        Cdcpb.ChangeDataRequest.newBuilder()
            .setHeader(Cdcpb.Header.newBuilder().setClusterId(77).setTicdcVersion("8.1.0"))
            .setRegionId(1001)
            .setRegionEpoch(Metapb.RegionEpoch.newBuilder().setConfVer(2).setVersion(15))
            .setCheckpointTs(450_123_456_789_012_345L)
            .setStartKey(ByteString.copyFrom(new byte[] {'t', (byte) 0x80, 0, 0, 0, 0, 0, 0, 9}))
            .setEndKey(ByteString.copyFrom(new byte[] {'t', (byte) 0x80, 0, 0, 0, 0, 0, 0, 10}))
            .setRequestId(12)
            .setExtraOp(Kvrpcpb.ExtraOp.ReadOldValue)
            .setRegister(Cdcpb.ChangeDataRequest.Register.getDefaultInstance())
            .build();

    org.tikv.kvproto.Cdcpb.ChangeDataRequest theirs =
        org.tikv.kvproto.Cdcpb.ChangeDataRequest.parseFrom(ours.toByteArray());

    assertThat(theirs.getHeader().getClusterId()).isEqualTo(77);
    assertThat(theirs.getHeader().getTicdcVersion()).isEqualTo("8.1.0");
    assertThat(theirs.getRegionId()).isEqualTo(1001);
    assertThat(theirs.getRegionEpoch().getConfVer()).isEqualTo(2);
    assertThat(theirs.getRegionEpoch().getVersion()).isEqualTo(15);
    assertThat(theirs.getCheckpointTs()).isEqualTo(450_123_456_789_012_345L);
    assertThat(theirs.getStartKey().toByteArray()).isEqualTo(ours.getStartKey().toByteArray());
    assertThat(theirs.getEndKey().toByteArray()).isEqualTo(ours.getEndKey().toByteArray());
    assertThat(theirs.getRequestId()).isEqualTo(12);
    assertThat(theirs.getExtraOp()).isEqualTo(org.tikv.kvproto.Kvrpcpb.ExtraOp.ReadOldValue);
    assertThat(theirs.getRequestCase())
        .isEqualTo(org.tikv.kvproto.Cdcpb.ChangeDataRequest.RequestCase.REGISTER);
    assertThat(theirs.toByteArray()).isEqualTo(ours.toByteArray());
  }

  @Test
  void weReadTikvClientJavaGetMembersResponse() throws Exception {
    org.tikv.kvproto.Pdpb.Member leader =
        org.tikv.kvproto.Pdpb.Member.newBuilder()
            .setName("pd-a")
            .setMemberId(99)
            .addClientUrls("http://127.0.0.1:2379")
            .build();
    org.tikv.kvproto.Pdpb.GetMembersResponse theirs =
        org.tikv.kvproto.Pdpb.GetMembersResponse.newBuilder()
            .setHeader(org.tikv.kvproto.Pdpb.ResponseHeader.newBuilder().setClusterId(5))
            .addMembers(leader)
            .setLeader(leader)
            .build();

    Pdpb.GetMembersResponse ours = Pdpb.GetMembersResponse.parseFrom(theirs.toByteArray());

    assertThat(ours.getHeader().getClusterId()).isEqualTo(5);
    assertThat(ours.getLeader().getName()).isEqualTo("pd-a");
    assertThat(ours.getLeader().getMemberId()).isEqualTo(99);
    assertThat(ours.getMembersList()).extracting(Pdpb.Member::getName).containsExactly("pd-a");
    assertThat(ours.getLeader().getClientUrlsList()).containsExactly("http://127.0.0.1:2379");
  }

  @Test
  void changeDataEventFromTikvClientJavaDecodesRowForRow() throws Exception {
    org.tikv.kvproto.Cdcpb.ChangeDataEvent theirs =
        org.tikv.kvproto.Cdcpb.ChangeDataEvent.newBuilder()
            .addEvents(
                org.tikv.kvproto.Cdcpb.Event.newBuilder()
                    .setRegionId(3)
                    .setRequestId(4)
                    .setEntries(
                        org.tikv.kvproto.Cdcpb.Event.Entries.newBuilder()
                            .addEntries(
                                org.tikv.kvproto.Cdcpb.Event.Row.newBuilder()
                                    .setType(org.tikv.kvproto.Cdcpb.Event.LogType.COMMIT)
                                    .setOpType(org.tikv.kvproto.Cdcpb.Event.Row.OpType.DELETE)
                                    .setStartTs(10)
                                    .setCommitTs(11)
                                    .setKey(
                                        org.tikv.shade.com.google.protobuf.ByteString.copyFromUtf8(
                                            "k"))
                                    .setOldValue(
                                        org.tikv.shade.com.google.protobuf.ByteString.copyFromUtf8(
                                            "old")))))
            .setResolvedTs(org.tikv.kvproto.Cdcpb.ResolvedTs.newBuilder().addRegions(3).setTs(12))
            .build();

    Cdcpb.ChangeDataEvent ours = Cdcpb.ChangeDataEvent.parseFrom(theirs.toByteArray());

    Cdcpb.Event.Row row = ours.getEvents(0).getEntries().getEntries(0);
    assertThat(ours.getEvents(0).getRequestId()).isEqualTo(4);
    assertThat(row.getType()).isEqualTo(Cdcpb.Event.LogType.COMMIT);
    assertThat(row.getOpType()).isEqualTo(Cdcpb.Event.Row.OpType.DELETE);
    assertThat(row.getCommitTs()).isEqualTo(11);
    assertThat(row.getOldValue().toStringUtf8()).isEqualTo("old");
    assertThat(ours.getResolvedTs().getTs()).isEqualTo(12);
    assertThat(ours.getUnknownFields().asMap()).isEmpty();
  }
}
