package cachetocluster.tour;

/**
 * Lab 00 exercise: sizes as the kernel writes them, and sizes as people read them.
 *
 * <p>The kernel describes each CPU cache in /sys/devices/system/cpu/cpu0/cache/index*&#47;size with
 * strings like "48K", "1024K" or "32768K"; getconf prints plain bytes ("49152"). The machine tour
 * (./workbook run 0 --mine) turns them into numbers with this class, so until you fill it in the tour
 * shows raw strings and a note saying which method is still a TODO.
 *
 * <p>Read the lab sheet, labs/00-setup/README.md, section "Tasks". Grade with ./workbook grade 0;
 * stuck? ./workbook hint 0.
 */
public final class SizeParser {

    private SizeParser() {}

    /**
     * Parses a size such as "4096", "48K", "32M" or "1G" into bytes.
     */
    public static long parse(String text) {
        // TODO task 1: plain digits are bytes: "4096" is 4096.
        // TODO task 2: an optional last letter K, M or G (either case) multiplies by 1024, 1024^2, 1024^3;
        //              ignore whitespace around the text (files under /sys end with a newline).
        // TODO task 3: reject everything else (null, "", "12Q", "K", "-5K", "1.5M", a value too big for a long)
        //              with an IllegalArgumentException whose message contains the text in double quotes.
        throw new UnsupportedOperationException("TODO: SizeParser.parse, lab 00 tasks 1-3 (labs/00-setup/README.md)");
    }

    /**
     * Formats bytes for people in binary units: 512 is "512 B", 49152 is "48 KiB", 1310720 is "1.25 MiB".
     */
    public static String format(long bytes) {
        // TODO task 4: below 1024 print "<n> B". Otherwise pick the largest of KiB, MiB, GiB, TiB, PiB, EiB
        //              that is not more than the value, divide, round to 2 decimals (half up), drop trailing
        //              zeros ("1.5 KiB", "48 KiB"), and always use a point, whatever the locale.
        throw new UnsupportedOperationException("TODO: SizeParser.format, lab 00 task 4 (labs/00-setup/README.md)");
    }
}
