package cachetocluster.child;

import java.util.Map;

/**
 * A child that sends its messages and ends at once, without waiting for anything: the situation of Node's #6767.
 * Args: how many messages, then "exit" (System.exit: shutdown hooks run) or "halt" (Runtime.halt: nothing runs).
 */
public final class SendThenExit {

    private SendThenExit() {}

    public static void main(String[] args) {
        int count = Integer.parseInt(args[0]);
        for (int i = 0; i < count; i++) {
            Parent.send(Map.of("seq", i, "of", count));
        }
        if ("halt".equals(args[1])) {
            Runtime.getRuntime().halt(0);
        }
        System.exit(0);
    }
}
