package cachetocluster.eventloop;

/**
 * Input that is not an acceptable HTTP/1.x request, with the status code to answer it with: 400 Bad Request
 * (malformed), 413 Content Too Large (body over the limit), 431 Request Header Fields Too Large, 501 Not
 * Implemented (a transfer coding other than chunked), 505 HTTP Version Not Supported.
 */
public final class HttpParseException extends RuntimeException {

    private final int status;

    public HttpParseException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The status code the server answers with before it closes the connection. */
    public int status() {
        return status;
    }
}
