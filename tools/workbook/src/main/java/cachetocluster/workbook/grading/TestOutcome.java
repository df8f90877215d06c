package cachetocluster.workbook.grading;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One graded test's result, read back from {@link GradedTestRunner}'s report. */
public record TestOutcome(Status status, String className, String method, String displayName, List<String> tags,
                          String throwableType, boolean linkageError, String message) {

    public enum Status { PASSED, FAILED, SKIPPED, NO_TESTS }

    private static final Pattern TASK = Pattern.compile("task:(\\d+)");

    public boolean passed() {
        return status == Status.PASSED;
    }

    /** The task number from a {@code @Tag("task:N")}, if the test has one. */
    public Optional<Integer> task() {
        for (String tag : tags) {
            Matcher m = TASK.matcher(tag);
            if (m.matches()) return Optional.of(Integer.parseInt(m.group(1)));
        }
        return Optional.empty();
    }

    /** A display name the author wrote (JUnit's default is the method name with its parameters). */
    public boolean hasWrittenDisplayName() {
        return !displayName.isBlank() && !displayName.startsWith(method + "(");
    }

    /** The failure as the learner should read it: the assertion's message, or what was thrown. */
    public String explanation() {
        String simpleType = throwableType.substring(throwableType.lastIndexOf('.') + 1);
        if (throwableType.startsWith("org.opentest4j.") || throwableType.equals("java.lang.AssertionError")) {
            return message.strip();
        }
        return message.isBlank() ? simpleType : simpleType + ": " + message.strip();
    }

    public static TestOutcome parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 8) {
            throw new IllegalArgumentException("malformed report line: " + line);
        }
        Status status = switch (f[0]) {
            case "SUCCESSFUL" -> Status.PASSED;
            case "FAILED", "ABORTED", "CONTAINER_FAILED" -> Status.FAILED;
            case "SKIPPED" -> Status.SKIPPED;
            case "NO_TESTS" -> Status.NO_TESTS;
            default -> throw new IllegalArgumentException("unknown status " + f[0]);
        };
        List<String> tags = f[4].isEmpty() ? List.of() : List.of(unescape(f[4]).split(","));
        return new TestOutcome(status, unescape(f[1]), unescape(f[2]), unescape(f[3]), tags, unescape(f[5]),
                Boolean.parseBoolean(f[6]), unescape(f[7]));
    }

    static String unescape(String s) {
        var out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
