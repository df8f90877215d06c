package cachetocluster.child.startup;

import cachetocluster.child.ChildProcess;
import cachetocluster.child.ChildProcesses;
import cachetocluster.child.ForkOptions;
import cachetocluster.child.SpawnOptions;
import cachetocluster.child.Stdio;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One fork, timed: from the parent's call to {@code fork()} to the moment its 'message' listener gets the child's
 * first message. That is what a Node user means by start-up cost: how long until the child can be talked to.
 *
 * <p>The child ({@link ProbeChild}) reports when its JVM entered {@code ChildMain}, when its channel was connected and
 * when its main began, on the same clock ({@code System.nanoTime()} is machine-wide on Linux and macOS), so one fork
 * also says where the time went:
 *
 * <pre>
 *   fork() call ─spawn─▶ fork() returned ─jvm─▶ ChildMain entered ─channel─▶ connected ─main─▶ probe main
 *               ─message─▶ the parent's listener has the hello
 * </pre>
 *
 * <ul>
 *   <li><b>spawn</b>: the parent's side: a private socket to listen on, then {@code posix_spawn} of {@code java}.</li>
 *   <li><b>jvm</b>: the JVM starting: the launcher, libjvm, the heap, the JDK's classes (from the CDS archive, or
 *       parsed), the system class loader, our first class.</li>
 *   <li><b>channel</b>: junixsocket's classes and native library, the connection, the peer check, the reader thread.</li>
 *   <li><b>main</b>: signal reporters, the exit hook, finding and calling the probe's main by reflection.</li>
 *   <li><b>message</b>: the hello as JSON (jackson-core's first use), written, read and decoded by the parent, and
 *       handed to the listener's thread.</li>
 * </ul>
 *
 * <p>After the hello the parent disconnects and waits for the child to exit, so forks never overlap (and a training
 * run has written its archive by the time this returns).
 */
public final class FirstMessage {

    /** The phases of one fork, in milliseconds; they add up to {@link #totalMs()}. */
    public record Phases(double spawnMs, double jvmMs, double channelMs, double mainMs, double messageMs) {
        public double totalMs() {
            return spawnMs + jvmMs + channelMs + mainMs + messageMs;
        }

        public List<Double> asList() {
            return List.of(spawnMs, jvmMs, channelMs, mainMs, messageMs);
        }

        public static final List<String> NAMES = List.of("spawn", "jvm", "channel", "main", "message");
    }

    /**
     * One measurement: fork-to-first-message in milliseconds; the phases (null for the baseline, which has no channel);
     * the CPU time the child had used by then (all threads; -1 for the baseline, or where the OS does not say); the child's {@code java.vm.info} ("sharing" when an archive was mapped); its exit code.
     */
    public record Sample(double totalMs, Phases phases, double cpuMs, String vmInfo, String library, int exitCode) {}

    private static final long DEADLINE_SECONDS = 60; // a training run also assembles its cache before it exits

    private FirstMessage() {}

    /**
     * Forks {@link ProbeChild} with {@code jvmOptions} on {@code classPath} and times its first message; then
     * disconnects and waits for it to exit. {@code childOutput}: where the child's stdout and stderr lines go
     * (they are piped, never mixed into ours).
     */
    public static Sample fork(String classPath, List<String> jvmOptions, List<String> childOutput)
            throws IOException, InterruptedException {
        ForkOptions options = new ForkOptions().classPath(classPath).execArgv(jvmOptions)
                .stdio(Stdio.IGNORE, Stdio.PIPE, Stdio.PIPE);
        CompletableFuture<Long> received = new CompletableFuture<>();
        CompletableFuture<Map<?, ?>> hello = new CompletableFuture<>();
        CompletableFuture<Long> cpu = new CompletableFuture<>();
        long start = System.nanoTime();
        ChildProcess child = ChildProcesses.fork(ProbeChild.class.getName(), List.of("cpu"), options);
        long spawned = System.nanoTime();
        child.onMessage(message -> {
            if (received.complete(System.nanoTime())) {
                hello.complete((Map<?, ?>) message);
            } else if (message instanceof Map<?, ?> m && m.get("cpuNanos") instanceof Number n) {
                cpu.complete(n.longValue());
            }
        });
        collect(child, childOutput);
        try {
            Map<?, ?> h = hello.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            long at = received.join();
            Phases phases = new Phases(ms(spawned - start), ms(nanos(h, "enteredNanos") - spawned),
                    ms(nanos(h, "connectedNanos") - nanos(h, "enteredNanos")),
                    ms(nanos(h, "mainNanos") - nanos(h, "connectedNanos")), ms(at - nanos(h, "mainNanos")));
            long cpuNanos = cpu.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            child.disconnect();
            int code = exitCode(child);
            return new Sample(ms(at - start), phases, cpuNanos < 0 ? -1 : ms(cpuNanos), String.valueOf(h.get("vmInfo")),
                    String.valueOf(h.get("library")), code);
        } catch (ExecutionException | TimeoutException e) {
            child.kill(cachetocluster.child.Signal.SIGKILL);
            throw new IOException("the child sent no hello within " + DEADLINE_SECONDS + " s (JVM options "
                    + jvmOptions + ")" + lastLines(childOutput), e);
        }
    }

    /**
     * The baseline: {@code java <options> -cp <classPath> ProbeChild} without a channel, timed from the spawn to the
     * first line it prints. Everything a JVM costs, and nothing of ours.
     */
    public static Sample baseline(Path java, String classPath, List<String> jvmOptions)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(jvmOptions);
        args.addAll(List.of("-cp", classPath, ProbeChild.class.getName()));
        long start = System.nanoTime();
        ChildProcess child = ChildProcesses.spawn(java.toString(), args,
                new SpawnOptions().stdio(Stdio.IGNORE, Stdio.PIPE, Stdio.INHERIT));
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.stdout(), StandardCharsets.UTF_8))) {
            line = out.readLine();
            long at = System.nanoTime();
            if (!"hello".equals(line)) {
                child.kill(cachetocluster.child.Signal.SIGKILL);
                throw new IOException("the baseline JVM printed " + line + " instead of hello");
            }
            out.transferTo(Writer.nullWriter());
            return new Sample(ms(at - start), null, -1, "", "", exitCode(child));
        }
    }

    private static int exitCode(ChildProcess child) throws IOException, InterruptedException {
        try {
            Integer code = child.exited().get(DEADLINE_SECONDS, TimeUnit.SECONDS).code();
            return code == null ? -1 : code;
        } catch (ExecutionException | TimeoutException e) {
            child.kill(cachetocluster.child.Signal.SIGKILL);
            throw new IOException("the child did not exit within " + DEADLINE_SECONDS + " s of its disconnect", e);
        }
    }

    private static void collect(ChildProcess child, List<String> lines) {
        child.onStdoutLine(line -> add(lines, line));
        child.onStderrLine(line -> add(lines, line));
    }

    private static void add(List<String> lines, String line) {
        synchronized (lines) {
            lines.add(line);
        }
    }

    private static String lastLines(List<String> lines) {
        synchronized (lines) {
            if (lines.isEmpty()) {
                return "";
            }
            return "; its last lines:\n    " + String.join("\n    ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        }
    }

    private static long nanos(Map<?, ?> hello, String key) {
        return ((Number) hello.get(key)).longValue();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
