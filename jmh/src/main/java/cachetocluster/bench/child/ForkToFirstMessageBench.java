package cachetocluster.bench.child;

import cachetocluster.child.ChildProcess;
import cachetocluster.child.ChildProcesses;
import cachetocluster.child.ForkOptions;
import cachetocluster.child.Stdio;
import cachetocluster.child.startup.ClassPathJars;
import cachetocluster.child.startup.FirstMessage;
import cachetocluster.child.startup.ProbeChild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/*
 * Lab 04: how long a forked JVM takes to say its first word, with and without an AOT cache.
 *
 * One operation is one fork: from the call to ChildProcesses.fork to the child's hello arriving in the
 * parent's 'message' listener. That is a cold start every time, so the mode is SingleShotTime (each
 * invocation timed on its own, no loop to amortise anything) and each measurement iteration is one fork.
 * The disconnect and the child's exit happen in a per-invocation tear-down, outside the timed part,
 * so no two children ever run at once.
 *
 *   cache=none   fork as it is: the JDK's classes from its default CDS archive, everything else (junixsocket,
 *                jackson-core, the lab) read from jars, parsed, verified and linked at every start.
 *   cache=aot    -XX:AOTCache=...: JEP 483's cache of classes already loaded and linked, made in ONE training
 *                run (JEP 514's -XX:AOTCacheOutput; the trial's set-up does it, about 3 s), with JEP 515's
 *                method profiles. The class path must be jars for that: it is, benchmarks.jar.
 *
 * The lab's start-up study (Startup.java) measures more configurations and splits each fork into phases
 * (spawn, JVM, channel, main, message); this benchmark is the same measurement under JMH, for the record
 * beside the other benchmarks. On the course's 2-core VM: about 400 ms without a cache and 200 ms with
 * one in a quiet minute; 943 +- 199 and 445 +- 127 ms in a busy one (load average 4, 10 forks each). A
 * Node child is talking in about 70 ms. The cache also halves the CPU a start needs, which is why it
 * suffers less from busy neighbours.
 *
 * HOW TO RUN
 *
 *   ./mvnw -q -pl jmh -am package -DskipTests
 *   java -jar jmh/target/benchmarks.jar ForkToFirstMessageBench -f 1 -wi 2 -i 10
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgs = {"--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class ForkToFirstMessageBench {

    @Param({"none", "aot"})
    String cache;

    private Path directory;
    private String classPath;
    private final List<String> jvmOptions = new ArrayList<>();
    private ChildProcess child;

    @Setup(Level.Trial)
    public void trainIfAsked() throws Exception {
        directory = Files.createTempDirectory("c2c-fork-bench-");
        classPath = ClassPathJars.packed(System.getProperty("java.class.path"), directory.resolve("classpath"));
        if (cache.equals("aot")) {
            Path aot = directory.resolve("probe.aot");
            List<String> output = new ArrayList<>();
            FirstMessage.fork(classPath, List.of("-XX:AOTCacheOutput=" + aot), output); // the training run
            if (!Files.isRegularFile(aot)) {
                throw new IllegalStateException("the training run wrote no AOT cache: " + output);
            }
            jvmOptions.add("-XX:AOTCache=" + aot);
        }
    }

    @Benchmark
    public Object forkToFirstMessage() throws Exception {
        ForkOptions options = new ForkOptions().classPath(classPath).execArgv(jvmOptions)
                .stdio(Stdio.IGNORE, Stdio.INHERIT, Stdio.INHERIT);
        CompletableFuture<Object> hello = new CompletableFuture<>();
        child = ChildProcesses.fork(ProbeChild.class.getName(), List.of(), options);
        child.once("message", args -> hello.complete(args[0]));
        return hello.get(60, TimeUnit.SECONDS);
    }

    @TearDown(Level.Invocation)
    public void stopTheChild() throws InterruptedException {
        if (child != null) {
            child.disconnect(); // the probe exits when its channel closes
            child.waitFor(30, TimeUnit.SECONDS);
            child = null;
        }
    }

    @TearDown(Level.Trial)
    public void removeTheFiles() throws Exception {
        try (var files = Files.walk(directory)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
