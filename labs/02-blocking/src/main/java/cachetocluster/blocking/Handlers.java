package cachetocluster.blocking;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ready-made handlers: one that answers at once, one that waits, one that computes, one that reads a
 * file. Waiting and computing both take time, but only computing needs a core while it does.
 */
public final class Handlers {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,7})(ms|s)");

    private Handlers() {}

    /** Answers "hello" at once. */
    public static Handler hello() {
        return request -> Response.ok("hello\n");
    }

    /**
     * Sleeps, then answers: a request that waits for something else, like a slow database query or
     * another service. The thread blocks and uses no CPU while it sleeps.
     */
    public static Handler slow(Duration wait) {
        positive(wait);
        return request -> {
            Thread.sleep(wait);
            return Response.ok("waited " + wait.toMillis() + " ms\n");
        };
    }

    /**
     * Computes for about {@code work} of one core's time (see {@link CpuWork}), then answers: a
     * request that is busy, like rendering a page or parsing a big JSON. It holds a core throughout.
     */
    public static Handler cpu(Duration work) {
        positive(work);
        CpuWork.iterationsPerMilli(); // size the work now, not inside the first request
        return request -> Response.ok("computed " + work.toMillis() + " ms: " + Long.toHexString(CpuWork.burn(work)) + "\n");
    }

    /**
     * Reads a file on every request with {@link Files#readAllBytes}: a blocking read(2), like
     * Node's {@code fs.readFileSync}. 404 if the file is not there.
     */
    public static Handler readFile(Path file) {
        return request -> {
            try {
                return new Response(200, "application/octet-stream", Files.readAllBytes(file));
            } catch (NoSuchFileException e) {
                return Response.text(404, "no such file: " + file.getFileName() + "\n");
            }
        };
    }

    /**
     * Says which thread ran it, before and after a short sleep. On a virtual thread the answer names
     * the carrier too ("VirtualThread[#31]/runnable@ForkJoinPool-1-worker-2"), and after the sleep it
     * may be another one: while it slept, the virtual thread was not on any carrier.
     */
    public static Handler where(Duration nap) {
        positive(nap);
        return request -> {
            String before = Thread.currentThread().toString();
            Thread.sleep(nap);
            return Response.ok("before: " + before + "\nafter:  " + Thread.currentThread() + "\n");
        };
    }

    /**
     * A handler from its name on a command line: {@code hello}, {@code slow:200ms}, {@code cpu:50ms},
     * {@code where:10ms} or {@code file:PATH}. Durations are whole ms or s.
     */
    public static Handler parse(String spec) {
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        String arg = colon < 0 ? null : spec.substring(colon + 1);
        return switch (name) {
            case "hello" -> arg == null ? hello() : refuse(spec);
            case "slow" -> arg != null ? slow(duration(arg)) : refuse(spec);
            case "cpu" -> arg != null ? cpu(duration(arg)) : refuse(spec);
            case "where" -> arg != null ? where(duration(arg)) : refuse(spec);
            case "file" -> arg != null && !arg.isEmpty() ? readFile(Path.of(arg)) : refuse(spec);
            default -> refuse(spec);
        };
    }

    /** "200ms" or "2s". */
    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("a duration is a positive whole number of ms or s, like 200ms or 2s, not \"" + text + "\"");
        }
        long amount = Long.parseLong(m.group(1));
        return m.group(2).equals("s") ? Duration.ofSeconds(amount) : Duration.ofMillis(amount);
    }

    private static Handler refuse(String spec) {
        throw new IllegalArgumentException("a handler is hello, slow:200ms, cpu:50ms, where:10ms or file:PATH, not \"" + spec + "\"");
    }

    private static void positive(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the time must be positive, not " + d);
        }
    }
}
