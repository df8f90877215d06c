package cachetocluster.child;

/**
 * A child whose 'message' listener throws what it is told to: "todo" an exercise stub's UnsupportedOperationException,
 * "bug" any other exception; "ping" is answered with "pong", "exit" exits. For ListenerFailureTest, which reads what
 * the toolkit printed on this child's stderr. With the argument "todoInMain", main itself throws the stub's exception.
 */
public final class ThrowingListenerChild {

    static final String TODO = "TODO: Example.method, lab 04 task 0 (labs/04-child-processes/README.md)";
    static final String BUG = "a real bug in a listener";

    private ThrowingListenerChild() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("todoInMain")) {
            throw new UnsupportedOperationException(TODO); // as a stub called from main would
        }
        Parent.onMessage(message -> {
            switch (String.valueOf(message)) {
                case "todo" -> throw new UnsupportedOperationException(TODO);
                case "bug" -> throw new IllegalStateException(BUG);
                case "ping" -> Parent.send("pong");
                case "exit" -> System.exit(0);
                default -> Parent.send("unknown: " + message);
            }
        });
        Parent.send("hello");
    }
}
