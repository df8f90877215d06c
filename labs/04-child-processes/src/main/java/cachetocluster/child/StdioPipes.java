package cachetocluster.child;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A child's piped standard streams, and the moment they are all closed, which Node's {@code 'close'} event waits for
 * ("after the stdio streams of a child process have been closed"). A piped output counts as closed when it reached
 * end-of-file or its reader closed it. As in Node, a pipe nobody reads holds 'close' back: read it, close it, or use
 * {@link #lines} (which reads it for you).
 */
final class StdioPipes {

    private final OutputStream stdin;
    private final TrackedInput stdout;
    private final TrackedInput stderr;

    StdioPipes(Process process, Stdio in, Stdio out, Stdio err) {
        this.stdin = in == Stdio.PIPE ? process.getOutputStream() : null;
        this.stdout = out == Stdio.PIPE ? new TrackedInput(process.getInputStream()) : null;
        this.stderr = err == Stdio.PIPE ? new TrackedInput(process.getErrorStream()) : null;
    }

    static Redirect input(Stdio stdio) {
        return switch (stdio) {
            case INHERIT -> Redirect.INHERIT;
            case PIPE -> Redirect.PIPE;
            case IGNORE -> Redirect.from(new java.io.File("/dev/null"));
        };
    }

    static Redirect output(Stdio stdio) {
        return switch (stdio) {
            case INHERIT -> Redirect.INHERIT;
            case PIPE -> Redirect.PIPE;
            case IGNORE -> Redirect.DISCARD;
        };
    }

    OutputStream stdin() {
        return stdin;
    }

    InputStream stdout() {
        return stdout;
    }

    InputStream stderr() {
        return stderr;
    }

    /** Completes when every piped output stream is closed (at once when none is piped). */
    CompletableFuture<Void> allClosed() {
        return CompletableFuture.allOf(closedOf(stdout), closedOf(stderr));
    }

    private static CompletableFuture<Void> closedOf(TrackedInput input) {
        return input == null ? CompletableFuture.completedFuture(null) : input.closed;
    }

    /** Reads {@code input} line by line on a virtual thread, calling {@code consumer} for each line. */
    static void lines(InputStream input, String name, Consumer<String> consumer) {
        if (input == null) {
            throw new IllegalStateException(name + " is not piped (stdio " + name + " must be Stdio.PIPE)");
        }
        Thread.ofVirtual().name("c2c-" + name + "-lines").start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    consumer.accept(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(name + " of a child", e);
            }
        });
    }

    /** An input stream that says when it is done: end-of-file read, or closed. */
    private static final class TrackedInput extends FilterInputStream {
        final CompletableFuture<Void> closed = new CompletableFuture<>();

        TrackedInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            return ended(super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return ended(super.read(b, off, len));
        }

        private int ended(int result) {
            if (result < 0) {
                closed.complete(null);
            }
            return result;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                closed.complete(null);
            }
        }
    }
}
