package cachetocluster.child;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Node's {@code exec} and {@code execFile}: run a command to completion and hand its whole output to a callback,
 * {@code callback(error, stdout, stderr)}, with two safety limits. {@code timeout}: past it, the child gets
 * {@code killSignal}. {@code maxBuffer}: more output than that (bytes, per stream) kills the child too, and the error
 * says so ({@code ERR_CHILD_PROCESS_STDIO_MAXBUFFER}); the output kept is the first maxBuffer bytes.
 *
 * <p>{@code exec} runs {@code /bin/sh -c command}: pipes, globs and variables work, and so does injection, if any part
 * of the command comes from outside. {@code execFile} runs the program directly with an argument list: no shell
 * parses anything, so an argument like {@code "; rm -rf ~"} is just an odd file name. Killing an {@code exec} child
 * signals the shell: a program the shell started (and did not {@code exec}) lives on (a caveat Node documents too).
 */
public final class Exec {

    /** Node's {@code (error, stdout, stderr) => ...}; error is null when the command exited with status 0. */
    @FunctionalInterface
    public interface Callback {
        void done(ExecException error, String stdout, String stderr);
    }

    /** What a successful command wrote. */
    public record Result(String stdout, String stderr) {}

    private Exec() {}

    static Callback completing(CompletableFuture<Result> future) {
        return (error, stdout, stderr) -> {
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                future.complete(new Result(stdout, stderr));
            }
        };
    }

    /** Starts {@code command}; returns its ChildProcess, or null if it could not be started (the callback says why). */
    static ChildProcess run(List<String> command, String cmd, ExecOptions options, Callback callback) {
        ExecOptions piped = new ExecOptions();
        piped.env = options.env;
        piped.extraEnv.putAll(options.extraEnv);
        piped.cwd = options.cwd;
        piped.executor = options.executor;
        piped.stdio(options.stdin, Stdio.PIPE, Stdio.PIPE); // the output is the point
        ChildProcess child;
        try {
            child = ChildProcess.start(ChildProcesses.builder(command, piped), piped, null, 0);
        } catch (IOException e) {
            callback.done(new ExecException("spawn " + command.getFirst() + " ENOENT: " + e.getMessage(), null, null,
                    false, "ENOENT", cmd, "", "", e), "", "");
            return null;
        }
        AtomicReference<String> overflowed = new AtomicReference<>();
        Runnable overflow = () -> child.kill(options.killSignal);
        Collector out = new Collector(child.stdout(), options.maxBuffer, "stdout", overflowed, overflow);
        Collector err = new Collector(child.stderr(), options.maxBuffer, "stderr", overflowed, overflow);
        if (!options.timeout.isZero()) {
            CompletableFuture.delayedExecutor(options.timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> child.kill(options.killSignal)); // false, harmlessly, if it already ended
        }
        child.onClose((code, signal) -> {
            String stdout = out.text();
            String stderr = err.text();
            ExecException error = null;
            if (overflowed.get() != null) {
                error = new ExecException(overflowed.get() + " maxBuffer length exceeded", null, null, child.killed(),
                        "ERR_CHILD_PROCESS_STDIO_MAXBUFFER", cmd, stdout, stderr, null);
            } else if (code == null || code != 0) {
                error = new ExecException("Command failed: " + cmd + "\n" + stderr, code, signal, child.killed(), null,
                        cmd, stdout, stderr, null);
            }
            callback.done(error, stdout, stderr);
        });
        return child;
    }

    /** Reads one stream to its end on a virtual thread, keeping at most maxBuffer bytes. */
    private static final class Collector {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        Collector(InputStream input, int maxBuffer, String name, AtomicReference<String> overflowed, Runnable overflow) {
            Thread.ofVirtual().name("c2c-exec-" + name).start(() -> {
                byte[] chunk = new byte[8192];
                try (input) {
                    for (int n; (n = input.read(chunk)) >= 0; ) {
                        int room = maxBuffer - kept.size();
                        kept.write(chunk, 0, Math.min(n, Math.max(room, 0)));
                        if (n > room && overflowed.compareAndSet(null, name)) {
                            overflow.run();
                        }
                    }
                } catch (IOException e) {
                    // the pipe broke: what was read is what there is
                }
            });
        }

        String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
