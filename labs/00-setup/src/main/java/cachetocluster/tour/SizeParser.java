package cachetocluster.tour;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Sizes as the kernel writes them, and sizes as people read them.
 *
 * <p>Where the strings come from: {@code /sys/devices/system/cpu/cpu0/cache/index0/size} holds
 * {@code "48K"}, an L2 may say {@code "1024K"} or {@code "2048K"}, an L3 {@code "32768K"}, and
 * {@code getconf LEVEL1_DCACHE_SIZE} prints plain bytes ({@code "49152"}). The kernel's K, M and G are
 * binary multiples (K = 1024), because caches and pages come in powers of two: a 48K L1 is 768 lines of
 * 64 bytes, exactly. That is also why {@link #format} prints KiB and MiB, the IEC names that say "1024"
 * out loud, rather than kB and MB, which strictly mean 1000.
 *
 * <p>This is the lab 00 exercise: {@code exercises/cachetocluster/tour/SizeParser.java} is the learner's
 * copy; the graded tests are {@code SizeParserGradedTest}, tasks 1 to 4 of the lab sheet.
 */
public final class SizeParser {

    private SizeParser() {}

    /**
     * Parses {@code "4096"}, {@code "48K"}, {@code "32M"} or {@code "1G"} into bytes.
     *
     * <p>The text is trimmed (files under /sys end with a newline); the optional last letter is K, M or G in
     * either case; everything before it must be ASCII digits. Anything else, and any value that does not
     * fit in a {@code long}, throws {@link IllegalArgumentException} whose message quotes the text, so the
     * person reading the error sees which file held the surprise.
     */
    public static long parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not a size: null (expected digits with an optional K, M or G suffix)");
        }
        String s = text.strip();
        if (s.isEmpty()) {
            throw bad(text, "it is empty");
        }
        char last = Character.toUpperCase(s.charAt(s.length() - 1));
        long multiplier = switch (last) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1L;
        };
        String digits = multiplier == 1L ? s : s.substring(0, s.length() - 1);
        if (digits.isEmpty()) {
            throw bad(text, "there are no digits before the suffix");
        }
        // Long.parseLong alone would accept "-5" and "+5", and digits from other scripts ("٤٨"):
        // a size is ASCII digits and nothing else.
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(text, "'" + c + "' is neither a digit nor a K, M or G suffix");
            }
        }
        try {
            // multiplyExact throws instead of silently wrapping round to a negative number.
            return Math.multiplyExact(Long.parseLong(digits), multiplier);
        } catch (NumberFormatException | ArithmeticException tooBig) {
            throw bad(text, "it does not fit in a long (at most " + Long.MAX_VALUE + " bytes)");
        }
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException(
                "not a size: \"" + text + "\" (" + why + "; expected digits with an optional K, M or G suffix)");
    }

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    /**
     * Formats bytes for people, in binary units: {@code 512 -> "512 B"}, {@code 49152 -> "48 KiB"},
     * {@code 1310720 -> "1.25 MiB"}, {@code 33554432 -> "32 MiB"}.
     *
     * <p>The rule: below 1024 print the bytes and {@code " B"}. Otherwise take the largest unit (KiB, MiB, GiB,
     * TiB, PiB, EiB) that is not more than the value, divide, round to 2 decimals (half up), drop trailing
     * zeros and a trailing point, and append the unit. So a whole number prints without decimals
     * ({@code "48 KiB"}), {@code 1536} prints {@code "1.5 KiB"}, {@code 1100} prints {@code "1.07 KiB"}.
     * The decimal separator is always a point: {@link BigDecimal#toPlainString()} ignores the locale,
     * where {@code String.format("%.2f")} would print a comma on a German machine.
     *
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public static String format(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + bytes);
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        // 63 - numberOfLeadingZeros is floor(log2(bytes)); every 10 bits is one unit up.
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        BigDecimal value = BigDecimal.valueOf(bytes)
                .divide(BigDecimal.valueOf(1L << (10 * unit)), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return value.toPlainString() + " " + UNITS[unit - 1];
    }
}
