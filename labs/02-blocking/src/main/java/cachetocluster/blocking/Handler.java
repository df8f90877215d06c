package cachetocluster.blocking;

/**
 * The application: turns a request into a response, on whatever thread the server gives it. A
 * blocking handler simply blocks (sleeps, reads a file, queries a database); who else has to wait
 * meanwhile is the server's business, and the lesson of this lab. Ready-made ones are in
 * {@link Handlers}.
 */
@FunctionalInterface
public interface Handler {

    /** The answer; an exception becomes a 500, and the server goes on serving. */
    Response handle(Request request) throws Exception;
}
