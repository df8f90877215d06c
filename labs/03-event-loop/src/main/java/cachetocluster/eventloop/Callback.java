package cachetocluster.eventloop;

/**
 * Node's error-first callback, {@code (err, value) => ...}: exactly one of the two is set. It always runs on
 * the loop thread.
 */
@FunctionalInterface
public interface Callback<T> {

    void done(Throwable error, T value);
}
