package io.tidb.cdc.tidb.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.tidb.codec.CodecException;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class MysqlTimeTest {

  @Test
  void packedFormMatchesTidbAndTikvVectors() {
    // TiDB pkg/util/rowcodec/rowcodec_test.go TestTypesNewRowCodec:
    // "2011-11-10 11:11:11.999999" -> 1840446893366133311.
    MysqlTime t = new MysqlTime(2011, 11, 10, 11, 11, 11, 999_999);
    assertThat(t.toPackedUint()).isEqualTo(1840446893366133311L);
    assertThat(MysqlTime.fromPackedUint(1840446893366133311L)).isEqualTo(t);
    // TiKV encoder_for_test.rs test_encode: "2018-01-19 03:14:07" is stored as
    // 00 00 00 87 33 e6 9e 19 (little-endian) = 0x199ee63387000000.
    assertThat(new MysqlTime(2018, 1, 19, 3, 14, 7, 0).toPackedUint())
        .isEqualTo(0x199ee63387000000L);
  }

  @Test
  void zeroTimePacksToZero() {
    assertThat(MysqlTime.ZERO.toPackedUint()).isZero();
    assertThat(MysqlTime.fromPackedUint(0)).isEqualTo(MysqlTime.ZERO);
    assertThat(MysqlTime.ZERO.format(0)).isEqualTo("0000-00-00 00:00:00");
  }

  @Test
  void coreTimeRoundTripAndLayout() {
    MysqlTime t = new MysqlTime(1998, 6, 13, 12, 13, 14, 15);
    // Hand-derived from TiDB's CoreTime bit fields (year at bit 50, microsecond at bit 4).
    assertThat(t.toCoreTime()).isEqualTo(0x1f399ac34e0000f0L);
    assertThat(MysqlTime.fromCoreTime(t.toCoreTime())).isEqualTo(t);
  }

  @Test
  void formatsWithFsp() {
    MysqlTime t = MysqlTime.of(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000));
    assertThat(t.format(0)).isEqualTo("2024-02-29 23:59:58");
    assertThat(t.format(3)).isEqualTo("2024-02-29 23:59:58.123");
    assertThat(t.formatDate()).isEqualTo("2024-02-29");
    assertThat(t.toLocalDateTime())
        .isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000));
    assertThatThrownBy(() -> MysqlTime.date(2023, 2, 0).toLocalDateTime())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void durationsFormatLikeTidb() {
    assertThat(MysqlDurations.format(14_400_000_000_000L, 0)).isEqualTo("04:00:00");
    assertThat(MysqlDurations.format(-(838L * 3600 + 59 * 60 + 59) * 1_000_000_000L, 0))
        .isEqualTo("-838:59:59");
    assertThat(MysqlDurations.format(1_500_000L, 6)).isEqualTo("00:00:00.001500");
  }

  @Test
  void invalidPackedValuesAreRejected() {
    // Hour 31 fits the 5-bit field but is not a valid hour.
    long badHour = ((((2000L * 13 + 1) << 5 | 1) << 17) | (31L << 12)) << 24;
    assertThatThrownBy(() -> MysqlTime.fromPackedUint(badHour))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("invalid packed time");
  }
}
