package cachetocluster.child.demo;

import cachetocluster.child.ChildProcess;
import cachetocluster.child.IpcEndpoint;
import cachetocluster.child.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the lab's demos share: waiting with a deadline (a demo never hangs: a child that does not answer is reported
 * in one line), option parsing (the lab has no CLI library, on purpose, like lab 03) and number formatting.
 */
final class Demos {

    /** How long a demo waits for any one answer from a child; a cold JVM answers in about half a second. */
    static final Duration DEADLINE = Duration.ofSeconds(30);

    /** A demo could not finish: the message is the one line the user sees. */
    static final class DemoFailure extends Exception {
        private static final long serialVersionUID = 1L;

        DemoFailure(String message) {
            super(message);
        }

        DemoFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A message as it came ({@code null} is a valid JSON message, and a queue cannot hold null). */
    record Received(Object value) {}

    /**
     * The messages of one endpoint, in order, for a demo that waits for them one at a time. Once the channel has
     * closed, waiting fails at once instead of at the deadline (a child that crashed, or a codec that threw).
     */
    static final class Inbox {
        private static final Received CLOSED = new Received("the channel closed");
        private final BlockingQueue<Received> queue = new LinkedBlockingQueue<>();

        private Inbox() {}

        static Inbox of(IpcEndpoint<?> endpoint) {
            Inbox inbox = new Inbox();
            endpoint.onMessage(m -> inbox.queue.add(new Received(m)));
            endpoint.onDisconnect(() -> inbox.queue.add(CLOSED)); // events run in order: after every message
            return inbox;
        }

        Object next(String waitingFor) throws DemoFailure, InterruptedException {
            Received received = Demos.next(queue, waitingFor);
            if (received == CLOSED) {
                queue.add(CLOSED);
                throw new DemoFailure("the channel to the child closed while waiting for " + waitingFor);
            }
            return received.value();
        }

        Map<?, ?> nextMap(String waitingFor) throws DemoFailure, InterruptedException {
            Object message = next(waitingFor);
            if (message instanceof Map<?, ?> map) {
                return map;
            }
            throw new DemoFailure("expected a JSON object as " + waitingFor + ", got " + json(message));
        }
    }

    private Demos() {}

    /** The next item of {@code queue}, or a failure naming what did not come. */
    static <T> T next(BlockingQueue<T> queue, String waitingFor) throws DemoFailure, InterruptedException {
        T value = queue.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (value == null) {
            throw new DemoFailure("nothing came within " + DEADLINE.toSeconds() + " s while waiting for " + waitingFor);
        }
        return value;
    }

    /** The future's value, or a failure naming what did not come or why it failed. */
    static <T> T await(CompletableFuture<T> future, String waitingFor) throws DemoFailure, InterruptedException {
        try {
            return future.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new DemoFailure("nothing came within " + DEADLINE.toSeconds() + " s while waiting for " + waitingFor);
        } catch (ExecutionException e) {
            throw new DemoFailure(waitingFor + " failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * The child's first message (its "ready"), failing at once if the child exits or the channel closes first. Add it
     * before other 'message' listeners: it takes the first message only.
     */
    static CompletableFuture<Object> firstMessage(ChildProcess child) {
        CompletableFuture<Object> first = new CompletableFuture<>();
        child.once("message", args -> first.complete(args[0]));
        child.onDisconnect(() -> first.completeExceptionally(new IOException("the channel closed before the child's first message")));
        return first;
    }

    /** A JSON object with its keys in the order given: {@code ordered("op", "add", "n", 1)}. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** What goes over the wire, as text. */
    static String json(Object value) {
        return Json.stringify(value);
    }

    /** Three significant digits in milliseconds: 0.153 ms, 12.4 ms, 803 ms. */
    static String millis(long nanos) {
        double ms = nanos / 1e6;
        String format = ms >= 100 ? "%.0f ms" : ms >= 10 ? "%.1f ms" : ms >= 1 ? "%.2f ms" : "%.3f ms";
        return String.format(Locale.ROOT, format, ms);
    }

    /** Three significant digits in microseconds: 12.3 us, 153 us, 1.20 ms above a millisecond. */
    static String micros(long nanos) {
        if (nanos >= 1_000_000) {
            return millis(nanos);
        }
        double us = nanos / 1e3;
        String format = us >= 100 ? "%.0f us" : us >= 10 ? "%.1f us" : "%.2f us";
        return String.format(Locale.ROOT, format, us);
    }
}
