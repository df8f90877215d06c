package cachetocluster.child.startup;

import cachetocluster.child.ChildProcess;
import cachetocluster.child.ChildProcesses;
import cachetocluster.child.ForkOptions;
import cachetocluster.child.Stdio;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Java side of {@code scripts/compare-node-fork.sh}: {@link ChildProcesses#fork} measured exactly as
 * {@code scripts/node/fork-parent.js} measures Node's {@code child_process.fork}, printing the same one-line results.
 *
 * <pre>
 *   ForkSideBySide ipc [--count N] [--warmup N] [--windows W,W...] [--pooled]
 *       ipc count=N window=W seconds=S roundtrips_per_s=R p50_us=A p99_us=B max_us=C cpu_us_per_rt=U   (one per window)
 *   ForkSideBySide raw [--count N] [--warmup N]
 *       raw count=N seconds=S roundtrips_per_s=R p50_us=A p99_us=B max_us=C cpu_us_per_rt=U   (RawChannelFloor)
 *   ForkSideBySide startup [--runs N] [--warmup N] [--aot DIR]
 *       startup runs=N median_ms=A p90_ms=B min_ms=C samples=a,b,c [training_ms=T]
 * </pre>
 *
 * <p>{@code ipc}: one child ({@link ProbeChild}, an echo) and {@link PingPong}: {@code --warmup} round trips with the
 * largest window first (the JIT needs them: see compare-node-fork.sh), then {@code --count} with each window. Both sides run their events on the
 * channel's reader thread ({@code Runnable::run}), as a Node process runs them on its one thread: a listener that only
 * answers needs no hand-over to another thread. {@code --pooled} measures the default instead (events handed to a
 * pooled thread on each side: two more thread wake-ups per round trip). {@code cpu_us_per_rt} is the CPU time both
 * processes used during the measured round trips (every thread: JIT and GC too), per round trip: the figure a busy
 * machine disturbs least, since a process that waits for a core is slower but uses no more CPU.
 *
 * <p>{@code startup}: fork-to-first-message ({@link FirstMessage}), by default as {@code fork} is; {@code --aot DIR}
 * packs the class path into jars in DIR, makes an AOT cache there in one training run, and measures with it.
 */
public final class ForkSideBySide {

    static final String USAGE = "usage: ForkSideBySide ipc [--count N] [--warmup N] [--windows W,W...] [--pooled] | raw [--count N] [--warmup N] | startup [--runs N] [--warmup N] [--aot DIR]";

    private ForkSideBySide() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !List.of("ipc", "raw", "startup").contains(args[0])) {
            err.println("fork-side-by-side: no mode '" + (args.length == 0 ? "" : args[0]) + "' (" + USAGE + ")");
            return 2;
        }
        String mode = args[0];
        int count = 100_000;
        int warmup = mode.equals("startup") ? 1 : 10_000;
        int runs = 10;
        List<Integer> windows = List.of(1);
        boolean pooled = false;
        Path aot = null;
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--windows" -> {
                    if (value == null || !value.matches("[1-9]\\d{0,5}(,[1-9]\\d{0,5})*")) {
                        err.println("fork-side-by-side: --windows needs positive whole numbers separated by commas"
                                + (value == null ? "" : ", not '" + value + "'") + " (" + USAGE + ")");
                        return 2;
                    }
                    windows = java.util.Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
                    i++;
                }
                case "--count", "--warmup", "--runs" -> {
                    int min = args[i].equals("--warmup") ? 0 : 1;
                    if (value == null || !value.matches("\\d{1,9}") || Integer.parseInt(value) < min) {
                        err.println("fork-side-by-side: " + args[i] + " needs a whole number from " + min
                                + (value == null ? "" : ", not '" + value + "'") + " (" + USAGE + ")");
                        return 2;
                    }
                    int n = Integer.parseInt(value);
                    switch (args[i]) {
                        case "--count" -> count = n;
                        case "--warmup" -> warmup = n;
                        default -> runs = n;
                    }
                    i++;
                }
                case "--pooled" -> pooled = true;
                case "--aot" -> {
                    if (value == null) {
                        err.println("fork-side-by-side: --aot needs a directory (" + USAGE + ")");
                        return 2;
                    }
                    aot = Path.of(value);
                    i++;
                }
                default -> {
                    err.println("fork-side-by-side: unknown option '" + args[i] + "' (" + USAGE + ")");
                    return 2;
                }
            }
        }
        try {
            if (mode.equals("raw")) {
                out.println(RawChannelFloor.measure(count, warmup));
            } else if (mode.equals("ipc")) {
                int largest = java.util.Collections.max(windows);
                if (largest > count) {
                    err.println("fork-side-by-side: a window (" + largest + ") cannot exceed --count (" + count + ")");
                    return 2;
                }
                ipc(count, warmup, windows, pooled).forEach(out::println);
            } else {
                out.println(startup(runs, warmup, aot));
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("fork-side-by-side: " + e.getMessage());
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    static List<String> ipc(int count, int warmup, List<Integer> windows, boolean pooled) throws IOException, InterruptedException {
        ForkOptions options = new ForkOptions().stdio(Stdio.IGNORE, Stdio.INHERIT, Stdio.INHERIT);
        if (!pooled) {
            options.executor(Runnable::run);
        }
        ChildProcess child = ChildProcesses.fork(ProbeChild.class.getName(), pooled ? List.of() : List.of("direct"), options);
        CompletableFuture<Object> hello = new CompletableFuture<>();
        child.once("message", a -> hello.complete(a[0]));
        try {
            hello.get(60, TimeUnit.SECONDS);
            int largest = java.util.Collections.max(windows);
            if (warmup > 0) {
                PingPong.run(child, warmup, Math.min(largest, warmup), 600);
            }
            List<String> lines = new ArrayList<>();
            for (int window : windows) {
                long cpuBefore = cpuNanos(ProcessHandle.current()) + cpuNanos(child.process().toHandle());
                PingPong.Result r = PingPong.run(child, count, window, 600);
                long cpu = cpuNanos(ProcessHandle.current()) + cpuNanos(child.process().toHandle()) - cpuBefore;
                lines.add(String.format(Locale.ROOT, "ipc count=%d window=%d seconds=%.3f roundtrips_per_s=%.0f p50_us=%.1f p99_us=%.1f max_us=%.1f cpu_us_per_rt=%.1f",
                        count, window, r.seconds(), r.roundTripsPerSecond(), r.percentileMicros(50), r.percentileMicros(99),
                        r.percentileMicros(100), cpuBefore < 0 ? -1.0 : cpu / 1e3 / count));
            }
            return lines;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("the child sent no hello within 60 s", e);
        } finally {
            child.disconnect();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** CPU time of a process so far, all threads; a large negative number where the OS does not say. */
    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(Long.MIN_VALUE / 4);
    }

    static String startup(int runs, int warmup, Path aotDir) throws IOException, InterruptedException {
        String classPath = System.getProperty("java.class.path");
        List<String> options = new ArrayList<>();
        String training = "";
        if (aotDir != null) {
            classPath = ClassPathJars.packed(classPath, aotDir.resolve("classpath"));
            Path cache = aotDir.resolve("side-by-side.aot");
            Files.deleteIfExists(cache);
            long start = System.nanoTime();
            List<String> lines = new ArrayList<>();
            FirstMessage.fork(classPath, List.of("-XX:AOTCacheOutput=" + cache), lines);
            if (!Files.isRegularFile(cache)) {
                throw new IOException("the training run wrote no AOT cache; it said: " + String.join(" | ", lines));
            }
            training = String.format(Locale.ROOT, " training_ms=%.0f", (System.nanoTime() - start) / 1e6);
            options.add("-XX:AOTCache=" + cache);
        }
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < warmup + runs; i++) {
            double ms = FirstMessage.fork(classPath, options, new ArrayList<>()).totalMs();
            if (i >= warmup) {
                samples.add(ms);
            }
        }
        List<String> shown = samples.stream().map(s -> String.format(Locale.ROOT, "%.1f", s)).toList();
        return String.format(Locale.ROOT, "startup runs=%d median_ms=%.1f p90_ms=%.1f min_ms=%.1f samples=%s%s", runs,
                Stats.median(samples), Stats.percentile(samples, 90), Stats.percentile(samples, 0),
                String.join(",", shown), training);
    }
}
