package cachetocluster.eventloop.demo;

/** The little command-line parsing the steps of labs 03 and 04 share (they have no CLI library, on purpose). */
public final class Options {

    private Options() {}

    /** {@code value} as an int in {@code [min, max]}, or null if it is missing, not a number, or out of range. */
    public static Integer count(String value, int min, int max) {
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.strip());
            return n >= min && n <= max ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
