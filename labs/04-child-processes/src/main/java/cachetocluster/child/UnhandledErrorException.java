package cachetocluster.child;

/**
 * Node's {@code ERR_UNHANDLED_ERROR}: an {@code 'error'} event was emitted, nobody listened, and its argument was not
 * something Java can throw unchecked (a checked exception, a string, nothing). The argument is kept as
 * {@link #error()} and, when it is a Throwable, as the cause.
 */
public final class UnhandledErrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Object error;

    public UnhandledErrorException(Object error) {
        super("Unhandled error. (" + describe(error) + ")", error instanceof Throwable t ? t : null);
        this.error = error;
    }

    /** What was emitted with {@code 'error'}. */
    public Object error() {
        return error;
    }

    private static String describe(Object error) {
        if (error instanceof Throwable t) {
            return t.toString();
        }
        return error instanceof String s ? "'" + s + "'" : String.valueOf(error);
    }
}
