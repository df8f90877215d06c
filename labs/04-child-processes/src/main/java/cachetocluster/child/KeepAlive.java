package cachetocluster.child;

/**
 * Node's "ref'd handles": a Node process stays alive while it has a running child (the parent) or an open IPC channel
 * with a 'message' listener (the child), unless {@code unref()} was called. A JVM stays alive while a non-daemon
 * thread runs; this class holds one such thread while at least one reference is held, so a {@code main} that forks a
 * child and returns behaves like a Node script that does the same: it waits for the child.
 */
final class KeepAlive {

    private static final Object LOCK = new Object();
    private static int references;

    private KeepAlive() {}

    static void ref() {
        synchronized (LOCK) {
            if (references++ == 0) {
                Thread.ofPlatform().name("c2c-keep-alive").daemon(false).start(KeepAlive::hold);
            }
        }
    }

    static void unref() {
        synchronized (LOCK) {
            if (references <= 0) {
                throw new IllegalStateException("unref without ref");
            }
            if (--references == 0) {
                LOCK.notifyAll();
            }
        }
    }

    private static void hold() {
        synchronized (LOCK) {
            while (references > 0) {
                try {
                    LOCK.wait();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
