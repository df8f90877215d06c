package cachetocluster.child.startup;

import cachetocluster.child.ChildMain;
import cachetocluster.child.Parent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The child that the start-up study, the benchmarks and the Node comparison fork: the smallest program that says
 * hello over the channel, and then answers every message with the same message (an echo, for round trips).
 *
 * <p>The hello carries the child's clock readings ({@code System.nanoTime()}, which on Linux and macOS is one clock for
 * the whole machine, so the parent can subtract its own readings): when the JVM entered {@link ChildMain}, when the
 * channel was connected, and when this main began. From those the parent splits fork-to-first-message into phases.
 *
 * <pre>
 *   {"hello": pid, "enteredNanos": ..., "connectedNanos": ..., "mainNanos": ..., "vmInfo": "mixed mode, sharing",
 *    "library": "junixsocket-native-common/junixsocket-native-2.10.1"}
 * </pre>
 *
 * <p>Arguments: {@code direct} runs this child's events on the channel's reader thread (no hand-over to a pooled
 * thread: one context switch less per message); {@code cpu} sends a second message right after the hello,
 * {@code {"cpuNanos": ...}}, the CPU time this process has used so far (all its threads: JIT compilers and GC too),
 * a figure a busy machine disturbs less than the wall-clock time. Run without a channel ({@code java ProbeChild}), it prints
 * {@code hello} on stdout and exits: the study's baseline, a JVM that does nothing but start.
 */
public final class ProbeChild {

    private ProbeChild() {}

    public static void main(String[] args) {
        long mainNanos = System.nanoTime();
        if (!Parent.isForked()) {
            System.out.println("hello");
            return;
        }
        if (List.of(args).contains("direct")) {
            Parent.port().dispatchOn(Runnable::run);
        }
        Parent.onMessage(Parent::send); // the echo: whatever comes in goes back out, as is
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("hello", ProcessHandle.current().pid());
        hello.put("enteredNanos", ChildMain.enteredNanos());
        hello.put("connectedNanos", ChildMain.connectedNanos());
        hello.put("mainNanos", mainNanos);
        // "sharing" when a CDS archive or an AOT cache is mapped (not with -Xshare:off).
        hello.put("vmInfo", System.getProperty("java.vm.info", ""));
        // Which junixsocket library was loaded: the path given with JunixsocketLibrary.OVERRIDE_PROPERTY (fork passes
        // its parent's copy), or the one junixsocket copied out of its jar ("junixsocket-native-common/junixsocket-native-2.10.1").
        hello.put("library", org.newsclub.net.unix.AFSocket.getLoadedLibrary());
        Parent.send(hello);
        if (List.of(args).contains("cpu")) {
            long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
            Parent.send(Map.of("cpuNanos", cpu));
        }
        // main returns; the channel, with a 'message' listener, keeps this JVM alive until the parent disconnects,
        // and then it exits in an orderly way (which is when a training run writes its AOT cache).
    }
}
