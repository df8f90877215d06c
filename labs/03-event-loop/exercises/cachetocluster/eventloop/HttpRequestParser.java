package cachetocluster.eventloop;

import java.nio.ByteBuffer;

/**
 * Lab 03 exercise: an incremental HTTP/1.1 request parser, the piece of Node that llhttp is.
 *
 * <p>TCP delivers a stream of bytes, not messages. One read may bring half a request line; the next, the rest of
 * it and two more requests (pipelining). So the parser keeps its state between calls: {@link #parse} consumes the
 * bytes it is given and returns a {@link Request} as soon as one is complete, leaving the bytes after it in the
 * buffer; or it consumes everything and returns null because the request is not complete yet. The server calls it
 * after every read, and again while it returns requests.
 *
 * <p>A request (RFC 9112): a request line {@code METHOD SP TARGET SP HTTP/1.1 CRLF}, header lines
 * {@code Name: value CRLF}, an empty line {@code CRLF}, then the body. The body is framed by
 * {@code Content-Length: n} (exactly n bytes), or {@code Transfer-Encoding: chunked} (chunks of
 * {@code <hex size>[;extensions] CRLF <data> CRLF}, ending with a zero size, optional trailer lines and an empty
 * line), or it is absent.
 *
 * <p>Read the lab sheet, labs/03-event-loop/README.md, section "Tasks". Grade with ./workbook grade 3;
 * stuck? ./workbook hint 3. The ByteBuffer you get may be a direct buffer: use its position and limit
 * ({@code get()}, {@code remaining()}), not {@code array()}.
 */
public final class HttpRequestParser {

    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private final int maxHeaderBytes;
    private final int maxBodyBytes;

    public HttpRequestParser() {
        this(DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_BODY_BYTES);
    }

    /** A parser with its own limits: the request line and headers at most maxHeaderBytes, a body at most maxBodyBytes. */
    public HttpRequestParser(int maxHeaderBytes, int maxBodyBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Consumes bytes from input until one request is complete and returns it; returns null when every byte was
     * consumed and the request is not complete yet. Bytes after a complete request stay in the buffer.
     *
     * @throws HttpParseException with the status to answer (400, 413, 431, 501, 505), then and on every later call
     */
    public Request parse(ByteBuffer input) {
        // TODO task 7: collect the head (request line + headers) into a byte[] until the empty line (CRLF CRLF), then
        //              parse it in one pass: method, target, version (HTTP/1.1 or HTTP/1.0), then each header line
        //              (name before the colon, value with spaces and tabs trimmed; store names in lower case).
        //              Build the result with new Request(method, target, version, headers, body) and new Headers().add(...).
        //              Keep the state in fields: the next call continues where this one stopped.
        // TODO task 8: after the head, read the body: Content-Length bytes, or chunked (a small state machine:
        //              size line, data, CRLF, ... size 0, trailer lines, empty line). Then get ready for the next request.
        // TODO task 9: limits and errors: a head longer than maxHeaderBytes is 431 (throw as soon as it passes the
        //              limit, do not buffer without end); a body over maxBodyBytes is 413 (for Content-Length, before
        //              reading it); malformed input is 400; Transfer-Encoding other than chunked is 501; HTTP/x.y other
        //              than 1.0 and 1.1 is 505. After an error, every later call throws the same exception.
        throw new UnsupportedOperationException("TODO: HttpRequestParser.parse, lab 03 tasks 7-9 (labs/03-event-loop/README.md)");
    }

    /** Whether part of a request has arrived but not all of it. */
    public boolean isMidRequest() {
        // TODO task 7
        throw new UnsupportedOperationException("TODO: HttpRequestParser.isMidRequest, lab 03 task 7 (labs/03-event-loop/README.md)");
    }
}
