package io.tidb.cdc.tidb.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetaJsonTest {

  // TableInfo JSON written by TiDB, from TiFlash dbms/src/TiDB/Schema/tests/gtest_table_info.cpp
  // (ParseFromJSON, "Test with tiflash_replica information").
  private static final String TIFLASH_TABLE =
      """
      {"id":45,"name":{"O":"t","L":"t"},"charset":"utf8mb4","collate":"utf8mb4_bin","cols":[{"id":1,\
      "name":{"O":"t","L":"t"},"offset":0,"origin_default":null,"origin_default_bit":null,\
      "default":null,"default_bit":null,"default_is_expr":false,"generated_expr_string":"",\
      "generated_stored":false,"dependences":null,"type":{"Tp":3,"Flag":0,"Flen":11,"Decimal":0,\
      "Charset":"binary","Collate":"binary","Elems":null},"state":5,"comment":"","hidden":false,\
      "change_state_info":null,"version":2}],"index_info":null,"constraint_info":null,\
      "fk_info":null,"state":5,"pk_is_handle":false,"is_common_handle":false,"comment":"",\
      "auto_inc_id":0,"auto_id_cache":0,"auto_rand_id":0,"max_col_id":1,"max_idx_id":0,\
      "max_cst_id":0,"update_timestamp":418683341902184450,"ShardRowIDBits":0,\
      "max_shard_row_id_bits":0,"auto_random_bits":0,"pre_split_regions":0,"partition":null,\
      "compression":"","view":null,"sequence":null,"Lock":null,"version":3,\
      "tiflash_replica":{"Count":1,"LocationLabels":[],"Available":false,\
      "AvailablePartitionIDs":null}}""";

  // From the same TiFlash test (mysql.help_topic, pk_is_handle with flag 4131 =
  // NoDefault|Unsigned|PriKey|NotNull).
  private static final String HELP_TOPIC =
      """
      {"cols": [{"comment": "","default": null,"default_bit": null,"id": 1,"name": {"L": \
      "help_topic_id","O": "help_topic_id"},"offset": 0,"origin_default": null,"state": 5,"type": \
      {"Charset": "binary","Collate": "binary","Decimal": 0,"Elems": null,"Flag": 4131,"Flen": 10,\
      "Tp": 3}}, {"comment": "","default": null,"default_bit": null,"id": 2,"name": {"L": "name",\
      "O": "name"},"offset": 1,"origin_default": null,"state": 5,"type": {"Charset": "utf8",\
      "Collate": "utf8_bin","Decimal": 0,"Elems": null,"Flag": 4101,"Flen": 64,"Tp": 254}}],\
      "comment": "help topics","id": 20,"index_info": [],"is_common_handle": false,\
      "keyspace_id": 9936,"name": {"L": "help_topic","O": "help_topic"},"partition": null,\
      "pk_is_handle": true,"schema_version": -1,"state": 5,"tiflash_replica": {"Count": 0},\
      "update_timestamp": 443411710574854188}""";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsTableInfoWrittenByTidb() {
    TableInfo t = MetaJson.readTableInfo(utf8(TIFLASH_TABLE));
    assertThat(t.id()).isEqualTo(45);
    assertThat(t.name()).isEqualTo(new CIStr("t", "t"));
    assertThat(t.updateTimestamp()).isEqualTo(418683341902184450L);
    assertThat(t.version()).isEqualTo(3);
    assertThat(t.indices()).isEmpty();
    assertThat(t.tiflashReplica().get("Count").asInt()).isEqualTo(1);
    ColumnInfo c = t.columns().get(0);
    assertThat(c.type())
        .isEqualTo(new FieldType(MysqlType.LONG, 0, 11, 0, "binary", "binary", null, null, false));
    assertThat(c.schemaState()).isEqualTo(SchemaState.PUBLIC);
    assertThat(t.physicalTableIds()).containsExactly(45L);
  }

  @Test
  void readsPkIsHandleTable() {
    TableInfo t = MetaJson.readTableInfo(utf8(HELP_TOPIC));
    assertThat(t.pkIsHandle()).isTrue();
    ColumnInfo pk = t.pkHandleColumn().orElseThrow();
    assertThat(pk.name().original()).isEqualTo("help_topic_id");
    assertThat(pk.type().isUnsigned()).isTrue();
    assertThat(pk.type().flag())
        .isEqualTo(
            ColumnFlag.NO_DEFAULT_VALUE
                | ColumnFlag.UNSIGNED
                | ColumnFlag.PRI_KEY
                | ColumnFlag.NOT_NULL);
    assertThat(t.column("NAME")).isPresent();
  }

  @Test
  void writesTidbFieldNames() throws Exception {
    TableInfo t =
        TableInfo.builder(81, "Orders")
            .columns(
                List.of(
                    ColumnInfo.of(
                        1,
                        "id",
                        0,
                        FieldType.of(MysqlType.LONGLONG)
                            .withAddedFlag(ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL)),
                    ColumnInfo.of(
                        2,
                        "note",
                        1,
                        FieldType.of(MysqlType.VARCHAR).withCharset("utf8mb4", "utf8mb4_bin"))))
            .pkIsHandle()
            .updateTimestamp(400000000000000000L)
            .build();
    JsonNode tree = MetaJson.mapper().readTree(MetaJson.write(t));
    assertThat(tree.get("name").get("O").asText()).isEqualTo("Orders");
    assertThat(tree.get("name").get("L").asText()).isEqualTo("orders");
    assertThat(tree.get("pk_is_handle").asBoolean()).isTrue();
    assertThat(tree.get("is_common_handle").asBoolean()).isFalse();
    assertThat(tree.get("max_col_id").asLong()).isEqualTo(2);
    assertThat(tree.get("update_timestamp").asLong()).isEqualTo(400000000000000000L);
    assertThat(tree.has("ShardRowIDBits")).isTrue();
    assertThat(tree.has("Lock")).isTrue();
    JsonNode col = tree.get("cols").get(1);
    assertThat(col.get("type").get("Tp").asInt()).isEqualTo(15);
    assertThat(col.get("type").get("Collate").asText()).isEqualTo("utf8mb4_bin");
    assertThat(col.get("type").get("Flen").asInt()).isEqualTo(-1);
    assertThat(col.get("state").asInt()).isEqualTo(5);
    assertThat(col.has("origin_default")).isTrue();
    assertThat(MetaJson.readTableInfo(MetaJson.write(t))).isEqualTo(t);
  }

  @Test
  void clusteredTableExposesItsHandleColumns() {
    ColumnInfo a = ColumnInfo.of(1, "a", 0, FieldType.of(MysqlType.VARCHAR));
    ColumnInfo b = ColumnInfo.of(2, "b", 1, FieldType.of(MysqlType.LONG));
    IndexInfo pk =
        IndexInfo.of(
            1,
            "PRIMARY",
            "t",
            List.of(IndexColumn.of("b", 1), IndexColumn.of("a", 0)),
            IndexInfo.IndexKind.PRIMARY);
    TableInfo t =
        TableInfo.builder(5, "t")
            .columns(List.of(a, b))
            .indices(List.of(pk))
            .commonHandle()
            .build();
    assertThat(t.commonHandleColumns()).containsExactly(b, a);
    assertThat(t.maxIndexId()).isEqualTo(1);
    TableInfo back = MetaJson.readTableInfo(MetaJson.write(t));
    assertThat(back.primaryIndex().orElseThrow().columns().get(0).length()).isEqualTo(-1);
    assertThat(back.isCommonHandle()).isTrue();
    assertThat(back.commonHandleVersion()).isEqualTo(1);
  }

  @Test
  void partitionedTableWritesRowsUnderPartitionIds() throws Exception {
    PartitionInfo p =
        PartitionInfo.of(
            PartitionType.RANGE,
            "`id`",
            null,
            List.of(
                PartitionDefinition.range(91, "p0", List.of("100")),
                PartitionDefinition.range(92, "p1", List.of("MAXVALUE"))));
    TableInfo t = TableInfo.builder(90, "pt").partition(p).build();
    assertThat(t.physicalTableIds()).containsExactly(91L, 92L);
    JsonNode tree = MetaJson.mapper().readTree(MetaJson.write(t));
    JsonNode part = tree.get("partition");
    assertThat(part.get("type").asInt()).isEqualTo(1);
    assertThat(part.get("enable").asBoolean()).isTrue();
    assertThat(part.get("definitions").get(1).get("less_than").get(0).asText())
        .isEqualTo("MAXVALUE");
    assertThat(part.get("definitions").get(0).has("comment")).isFalse();
  }

  @Test
  void dbInfoUsesDbName() throws Exception {
    JsonNode tree = MetaJson.mapper().readTree(MetaJson.write(DBInfo.of(2, "Test")));
    assertThat(tree.get("db_name").get("O").asText()).isEqualTo("Test");
    assertThat(tree.get("db_name").get("L").asText()).isEqualTo("test");
    assertThat(tree.get("state").asInt()).isEqualTo(5);
    DBInfo db =
        MetaJson.readDbInfo(
            utf8(
                "{\"id\":2,\"db_name\":{\"O\":\"test\",\"L\":\"test\"},\"charset\":\"utf8mb4\","
                    + "\"collate\":\"utf8mb4_bin\",\"Deprecated\":{},\"state\":5,\"policy_ref_info\":null}"));
    assertThat(db).isEqualTo(DBInfo.of(2, "test"));
  }

  @Test
  void goStyleCaseInsensitiveFieldsAndUnknownFieldsAreAccepted() {
    // Go's encoding/json matches field names case-insensitively; TiKV's Job decode test feeds
    // "RAW_ARGS" to a Job for the same reason.
    Job job =
        MetaJson.readJob(utf8("{\"ID\":7,\"TYPE\":3,\"RAW_ARGS\":{\"x\":1},\"future\":true}"));
    assertThat(job.id()).isEqualTo(7);
    assertThat(job.actionType()).contains(ActionType.CREATE_TABLE);
    assertThat(job.rawArgs().get("x").asInt()).isEqualTo(1);
  }

  @Test
  void bitDefaultsTravelAsBase64LikeGoByteSlices() throws Exception {
    // Go encodes []byte as base64; TiDB keeps a BIT column's default in default_bit.
    ColumnInfo bit =
        new ColumnInfo(
            3,
            CIStr.of("b"),
            2,
            null,
            null,
            null,
            new byte[] {0x01, 0x02},
            false,
            "",
            false,
            null,
            FieldType.of(MysqlType.BIT).withLength(16, 0),
            5,
            "",
            false,
            null,
            2);
    JsonNode tree = MetaJson.mapper().readTree(MetaJson.write(bit));
    assertThat(tree.get("default_bit").asText()).isEqualTo("AQI=");
    assertThat(MetaJson.read(MetaJson.write(bit), ColumnInfo.class)).isEqualTo(bit);
  }

  @Test
  void invalidJsonNamesTheType() {
    assertThatThrownBy(() -> MetaJson.readTableInfo(utf8("{\"id\":")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("invalid TableInfo JSON");
  }
}
