package cachetocluster.eventloop;

import java.nio.charset.StandardCharsets;

/**
 * The answer to one request: Node's {@code http.ServerResponse}, reduced to status, headers and one body.
 *
 * <p>The handler may call {@link #end} at once or later: from a timer, from a {@link WorkerPool} completion, from
 * any callback on the loop thread. Until it does, the connection waits, and so do the requests pipelined behind
 * this one: responses go out in request order. The server adds {@code Content-Length} (from the body),
 * {@code Date}, and {@code Connection}; a handler that sets {@code Connection: close} gets the connection closed
 * after the response.
 *
 * <p>Loop thread only: {@code end} from another thread must be posted with {@link EventLoop#execute}.
 */
public final class Response {

    private static final byte[] EMPTY = new byte[0];
    private static final byte[][] STATUS_LINES = new byte[1000][];
    private static final byte[] COLON_SPACE = {':', ' '};
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);

    private final HttpConnection connection;
    private final Request request;
    /** The request allows keep-alive (the server may still close: see {@link #keepAlive()}). */
    private final boolean keepAlive;
    private int status = 200;
    private Headers headers;
    private boolean ended;

    Response(HttpConnection connection, Request request, boolean keepAlive) {
        this.connection = connection;
        this.request = request;
        this.keepAlive = keepAlive;
    }

    public Request request() {
        return request;
    }

    /** Node's {@code res.statusCode = code}. */
    public Response status(int code) {
        checkOpen();
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("a status code has three digits: " + code);
        }
        this.status = code;
        return this;
    }

    public int status() {
        return status;
    }

    /**
     * Node's {@code res.setHeader(name, value)}: replaces any header of that name. A name must be a token and a
     * value must not contain CR, LF or other control characters (a value with CRLF in it would let whoever
     * controls it add headers of their own: response splitting). Content-Length and Transfer-Encoding are the
     * server's to set.
     */
    public Response setHeader(String name, String value) {
        checkOpen();
        if (!HttpSyntax.isToken(name)) {
            throw new IllegalArgumentException("not a header name: \"" + name + "\"");
        }
        if (!HttpSyntax.isFieldValue(value)) {
            throw new IllegalArgumentException("header " + name + ": the value contains a control character (or one above U+00FF)");
        }
        if (name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding")) {
            throw new IllegalArgumentException(name + " is set by the server from the body given to end()");
        }
        if (headers == null) {
            headers = new Headers(4);
        }
        headers.set(name, value);
        return this;
    }

    public String getHeader(String name) {
        return headers == null ? null : headers.get(name);
    }

    public Response removeHeader(String name) {
        checkOpen();
        if (headers != null) {
            headers.remove(name);
        }
        return this;
    }

    public void end() {
        end(EMPTY);
    }

    /** Ends with a UTF-8 body. */
    public void end(String body) {
        end(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Ends with this body; the array is sent as it is, later, so do not change it afterwards. */
    public void end(byte[] body) {
        connection.loop().checkThread("Response.end()");
        checkOpen();
        ended = true;
        connection.finish(this, body);
    }

    /** Node's {@code res.writableEnded}. */
    public boolean isEnded() {
        return ended;
    }

    /** Whether the connection stays open after this response. */
    boolean keepAlive() {
        return keepAlive && !connection.serverClosing() && (headers == null || !headers.hasToken("connection", "close"));
    }

    /** The status line, headers and body, as bytes, into {@code out}. */
    void writeTo(WriteQueue out, byte[] body, HttpServer server) {
        boolean bodyless = status < 200 || status == 204 || status == 304;
        out.put(statusLine(status));
        if (headers != null) {
            for (int i = 0; i < headers.size(); i++) {
                out.putLatin1(headers.name(i));
                out.put(COLON_SPACE);
                out.putLatin1(headers.value(i));
                out.put(CRLF);
            }
        }
        if (!bodyless) {
            out.put(CONTENT_LENGTH);
            out.putDecimal(body.length);
            out.put(CRLF);
        }
        if (headers == null || !headers.contains("date")) {
            out.put(server.dateLine());
        }
        if (headers == null || !headers.contains("connection")) {
            out.put(keepAlive() ? server.keepAliveLines() : server.closeLine());
        }
        out.put(CRLF);
        if (!bodyless && !"HEAD".equals(request.method())) {
            out.put(body);
        }
    }

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("the response has ended (Node: ERR_STREAM_WRITE_AFTER_END)");
        }
    }

    static byte[] statusLine(int status) {
        byte[] line = STATUS_LINES[status];
        if (line == null) {
            // Racy but harmless: two loops on two threads may both build the same immutable array.
            line = ("HTTP/1.1 " + status + " " + reason(status) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            STATUS_LINES[status] = line;
        }
        return line;
    }

    /** Node's {@code http.STATUS_CODES}, the ones a lab server meets. */
    static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 206 -> "Partial Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 413 -> "Payload Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "Unknown";
        };
    }
}
