package cachetocluster.eventloop.demo;

/** The little command-line parsing the lab's steps share (the lab has no CLI library, on purpose). */
final class Options {

    private Options() {}

    /** {@code value} as an int in {@code [min, max]}, or null if it is missing, not a number, or out of range. */
    static Integer count(String value, int min, int max) {
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
