package cachetocluster.child;

import java.util.List;
import java.util.Map;

/**
 * A parent in the middle, for the orphan test: forked by the test, it forks a TestChild of its own (with
 * exitOnParentDisconnect as its argument says, and a non-daemon thread that would keep it alive for ever), tells the
 * test the grandchild's pid, and waits to be killed.
 */
public final class IntermediateParent {

    private IntermediateParent() {}

    public static void main(String[] args) throws Exception {
        boolean exitOnParentDisconnect = Boolean.parseBoolean(args[0]);
        ChildProcess grandchild = ChildProcesses.fork(TestChild.class, List.of("linger"),
                Recorder.lean().stdio(Stdio.IGNORE).exitOnParentDisconnect(exitOnParentDisconnect));
        grandchild.onMessage(message -> {
            if (message instanceof Map<?, ?> m && m.containsKey("hello")) {
                Parent.send(Map.of("grandchild", grandchild.pid()));
            }
        });
        // The ChildProcess keeps this JVM alive (KeepAlive) until the grandchild exits, or until someone kills us.
    }
}
