package cachetocluster.child;

import cachetocluster.child.demo.Signals;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A parent started by a plain {@code java} (no ChildMain, so nothing resets its signals), for InheritedSignalsTest:
 * started with SIGINT ignored, as a shell starts a background job, it forks a TestChild, sends it SIGINT, and prints
 * on stdout, in one line, whether it ignores SIGINT itself and how its child ended. With the argument "spawn", the child
 * is a spawned {@code sleep} instead.
 */
public final class BackgroundParent {

    private BackgroundParent() {}

    public static void main(String[] args) throws Exception {
        boolean ignoresInt = Signals.ignoredHere().contains(Signal.SIGINT);
        if (args.length > 0 && args[0].equals("spawn")) {
            spawnSleep(ignoresInt);
        }
        ChildProcess child = ChildProcesses.fork(TestChild.class, List.of(), Recorder.lean());
        Recorder recorder = Recorder.of(child);
        recorder.nextWith("hello");
        child.send(Map.of("op", "sayByeOnExit"));
        recorder.nextWith("ready");
        child.kill(Signal.SIGINT);
        String ending;
        try {
            Exit exit = child.exited().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
            boolean bye = recorder.messages.stream().anyMatch(m -> m instanceof Map<?, ?> map && map.containsKey("bye"));
            ending = "exit=" + exit + " exitValue=" + child.process().exitValue() + " bye=" + bye;
        } catch (TimeoutException e) {
            child.kill(Signal.SIGKILL);
            ending = "exit=none: still running " + Recorder.DEADLINE_SECONDS + " s after kill(SIGINT)";
        }
        boolean viaEnv = child.spawnargs().getFirst().endsWith("/env"); // env --default-signal java ...
        System.out.println("ignoresSIGINT=" + ignoresInt + " " + ending + " viaEnv=" + viaEnv);
        System.exit(0);
    }

    /** With "spawn": the same for a spawned {@code sleep 30}, a program that resets nothing itself. */
    private static void spawnSleep(boolean ignoresInt) throws Exception {
        ChildProcess sleep = ChildProcesses.spawn("sleep", List.of("30"), new SpawnOptions().stdio(Stdio.IGNORE));
        sleep.kill(Signal.SIGINT);
        String ending;
        try {
            ending = "exit=" + sleep.exited().get(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            sleep.kill(Signal.SIGKILL);
            ending = "exit=none: still running " + Recorder.DEADLINE_SECONDS + " s after kill(SIGINT)";
        }
        System.out.println("ignoresSIGINT=" + ignoresInt + " " + ending + " viaEnv=" + sleep.spawnargs().getFirst().endsWith("/env"));
        System.exit(0);
    }
}
