package cachetocluster.child;

import cachetocluster.child.demo.Signals;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run through ChildMain without a channel, for InheritedSignalsTest: prints the signals it ignores once its main runs,
 * sends itself SIGINT, and says so from a shutdown hook. Exits with 3 if the signal did not end it within 20 s.
 */
public final class SignalSelf {

    private SignalSelf() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println("ignores=" + Signals.ignoredHere());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("hook ran")));
        Posix.kill(ProcessHandle.current().pid(), Signal.SIGINT);
        new CountDownLatch(1).await(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
        System.out.println("still running");
        Runtime.getRuntime().halt(3);
    }
}
