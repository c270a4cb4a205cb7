package io.tidb.cdc.worker.encoder.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's float formatting: {@code strconv.FormatFloat(v, 'f', -1, bits)} (the shortest decimal that
 * reads back as the same float, without exponent) and {@code encoding/json}'s float encoding. Java
 * 17's {@code Double.toString} is not always shortest, so the digits are searched for here.
 */
public final class GoNumbers {
  private GoNumbers() {}

  /** {@code strconv.FormatFloat(v, 'f', -1, 64)}. */
  public static String formatDouble(double v) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    return shortestDouble(v).stripTrailingZeros().toPlainString();
  }

  /** {@code strconv.FormatFloat(float64(v), 'f', -1, 32)}. */
  public static String formatFloat(float v) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    return shortestFloat(v).stripTrailingZeros().toPlainString();
  }

  /**
   * How {@code encoding/json} writes a float64: like {@link #formatDouble} unless the magnitude is
   * below 1e-6 or at least 1e21, then in exponent form with the shortest digits ({@code 1e+21},
   * {@code 1.5e-7}).
   */
  public static String jsonDouble(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("JSON has no representation for " + v);
    }
    double abs = Math.abs(v);
    if (abs == 0 || (abs >= 1e-6 && abs < 1e21)) {
      return formatDouble(v);
    }
    BigDecimal d = shortestDouble(v).stripTrailingZeros();
    String digits = d.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - d.scale();
    StringBuilder sb = new StringBuilder();
    if (v < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exponent < 0 ? '-' : '+');
    // Exponents here are >= 21 or <= -7: %e's two-digit minimum only shows as "e-07", which
    // encoding/json trims to "e-7", so the plain number is right in every case.
    sb.append(Math.abs(exponent));
    return sb.toString();
  }

  private static String special(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
    }
    return null;
  }

  private static BigDecimal shortestDouble(double v) {
    BigDecimal exact = new BigDecimal(v);
    BigDecimal best = new BigDecimal(Double.toString(v));
    for (int p = best.stripTrailingZeros().precision() - 1; p >= 1; p--) {
      BigDecimal candidate = closestRoundTrip(exact, p, s -> Double.parseDouble(s) == v);
      if (candidate == null) {
        break;
      }
      best = candidate;
    }
    return best;
  }

  private static BigDecimal shortestFloat(float v) {
    BigDecimal exact = new BigDecimal(v);
    BigDecimal best = new BigDecimal(Float.toString(v));
    for (int p = best.stripTrailingZeros().precision() - 1; p >= 1; p--) {
      BigDecimal candidate = closestRoundTrip(exact, p, s -> Float.parseFloat(s) == v);
      if (candidate == null) {
        break;
      }
      best = candidate;
    }
    return best;
  }

  /**
   * Of the {@code p}-digit decimals just below and above {@code exact}, the one closest to it that
   * reads back as the same float; null when neither does.
   */
  private static BigDecimal closestRoundTrip(
      BigDecimal exact, int p, java.util.function.Predicate<String> roundTrips) {
    BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
    BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
    boolean downOk = roundTrips.test(down.toString());
    boolean upOk = roundTrips.test(up.toString());
    if (downOk && upOk) {
      int cmp = exact.subtract(down).compareTo(up.subtract(exact));
      if (cmp != 0) {
        return cmp < 0 ? down : up;
      }
      // A tie: Go rounds half to even on the last digit.
      return exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
    }
    return downOk ? down : upOk ? up : null;
  }
}
