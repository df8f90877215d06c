package cachetocluster.workbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a child process to completion with a deadline; the child's output is kept for error messages. */
public final class Processes {

    public record Result(int exitCode, String output, boolean timedOut) {
        /** Maven's ERROR lines without its boilerplate advice: what a user needs to see of a failed build. */
        public String mavenErrors() {
            return output.lines()
                    .filter(l -> l.contains("ERROR") && !l.contains("-> [Help") && !l.contains("re-run Maven"))
                    .limit(8).reduce((a, b) -> a + "\n" + b).orElse(output.strip());
        }
    }

    private Processes() {
    }

    public static Result run(List<String> command, Path workDir, int timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            var output = new StringBuilder();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the process was killed; what was read so far is kept
                }
            });
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                reader.join(2000);
                return new Result(-1, output.toString(), true);
            }
            reader.join();
            return new Result(process.exitValue(), output.toString(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("workbook: interrupted");
        }
    }

    /** Runs a child with the user's terminal (for demos, JShell, JMH) and returns its exit code. */
    public static int runInteractive(List<String> command, Path workDir) {
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).inheritIO().start();
            // Ctrl-C reaches the child through the terminal, but a `kill <workbook pid>` reaches only us:
            // pass the SIGTERM on, so a server started with `workbook run` does not outlive the workbook.
            Thread forward = new Thread(() -> {
                process.destroy();
                try {
                    process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    // shutting down anyway
                }
            }, "forward-termination");
            Runtime.getRuntime().addShutdownHook(forward);
            try {
                return process.waitFor();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(forward);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it ends the child
                }
            }
        } catch (IOException e) {
            throw new UserError("workbook: cannot start " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
