package cachetocluster.blocking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Just enough HTTP/1.1 for this lab, on blocking streams: read a request head (request line and
 * header fields), read a Content-Length body, write a response with a Content-Length. Lab 03 does
 * HTTP properly, on an event loop; here the point is what a thread does while it reads.
 *
 * <p>Every read here may block: {@code in.read()} returns only when the kernel has bytes, which is
 * when the client sends them. A slow client holds the reading thread for as long as it likes.
 *
 * <p>What it refuses, with a status and a one-line reason (then the server closes the connection):
 * a malformed request line or header field, a head over {@value #MAX_HEAD_BYTES} bytes, a bad or
 * conflicting Content-Length (400); a body over {@value #MAX_BODY_BYTES} bytes (413); a
 * Transfer-Encoding, which this server does not decode (501).
 */
public final class Http1 {

    public static final int MAX_HEAD_BYTES = 8 * 1024;
    public static final int MAX_BODY_BYTES = 1 << 20;

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern VERSION = Pattern.compile("HTTP/1\\.[01]");

    /** The request cannot be served; {@link #status()} says how to refuse it. */
    public static final class BadRequest extends Exception {
        private final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }

        BadRequest(String message) {
            this(400, message);
        }

        public int status() {
            return status;
        }

        /** The response that refuses the request: the status and the reason, as text. */
        public Response response() {
            return Response.text(status, "bad request: " + getMessage() + "\n");
        }
    }

    private Http1() {}

    /**
     * Reads the next request from a connection. Returns null when the client closed the connection
     * cleanly before sending any byte of a new request (the normal end of a keep-alive connection).
     *
     * @throws BadRequest if what came is not a request this server can serve
     * @throws IOException if the connection fails or times out
     */
    public static Request read(InputStream in) throws IOException, BadRequest {
        int[] budget = {MAX_HEAD_BYTES};
        String requestLine = readLine(in, budget, true);
        while (requestLine != null && requestLine.isEmpty()) { // RFC 9112: ignore empty lines before a request
            requestLine = readLine(in, budget, true);
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || !TOKEN.matcher(parts[0]).matches() || parts[1].isEmpty()) {
            throw new BadRequest("the request line must be METHOD SP TARGET SP VERSION, not \"" + printable(requestLine) + "\"");
        }
        if (!VERSION.matcher(parts[2]).matches()) {
            throw new BadRequest("this server speaks HTTP/1.0 and HTTP/1.1, not \"" + printable(parts[2]) + "\"");
        }
        List<Request.Header> headers = new ArrayList<>();
        for (String line = readLine(in, budget, false); !line.isEmpty(); line = readLine(in, budget, false)) {
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new BadRequest("a header line may not start with white space (obsolete line folding)");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
                throw new BadRequest("a header field must be NAME: VALUE, not \"" + printable(line) + "\"");
            }
            headers.add(new Request.Header(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        Request head = new Request(parts[0], parts[1], parts[2], headers, new byte[0]);
        if (head.header("Transfer-Encoding").isPresent()) {
            throw new BadRequest(501, "Transfer-Encoding is not supported here; send a Content-Length");
        }
        int length = contentLength(headers);
        if (length == 0) {
            return head;
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new BadRequest("the body ended after " + body.length + " of " + length + " bytes");
        }
        return new Request(parts[0], parts[1], parts[2], headers, body);
    }

    private static int contentLength(List<Request.Header> headers) throws BadRequest {
        String seen = null;
        for (Request.Header h : headers) {
            if (!h.name().equalsIgnoreCase("Content-Length")) continue;
            String value = h.value();
            if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new BadRequest("Content-Length must be a number of bytes, not \"" + printable(value) + "\"");
            }
            if (seen != null && !seen.equals(value)) {
                throw new BadRequest("two different Content-Length values: " + seen + " and " + value);
            }
            seen = value;
        }
        if (seen == null) {
            return 0;
        }
        long length = Long.parseLong(seen);
        if (length > MAX_BODY_BYTES) {
            throw new BadRequest(413, "a body of " + length + " bytes is over this server's " + MAX_BODY_BYTES);
        }
        return (int) length;
    }

    /**
     * One line of the head, without its CRLF (a bare LF is accepted too). At the start of a request,
     * an end of stream before any byte gives null; anywhere else it is a bad request.
     */
    private static String readLine(InputStream in, int[] budget, boolean startOfRequest) throws IOException, BadRequest {
        var line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read(); // blocks until the client sends a byte, closes, or the timeout fires
            if (b < 0) {
                if (startOfRequest && line.size() == 0) {
                    return null;
                }
                throw new BadRequest("the connection closed in the middle of the request head");
            }
            if (--budget[0] < 0) {
                throw new BadRequest("the request head is longer than " + MAX_HEAD_BYTES + " bytes");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (b == 0) {
                throw new BadRequest("a NUL byte in the request head");
            }
            line.write(b);
        }
    }

    /**
     * The bytes of a response, head and body together, so the server sends them with one write: a
     * head and a body in two small writes can wait on Nagle's algorithm and the client's delayed ACK.
     *
     * @param keepAlive whether the connection stays open after this response
     * @param headOnly  a response to HEAD: the same head, no body
     */
    public static byte[] encode(Response response, boolean keepAlive, boolean headOnly) {
        String head = "HTTP/1.1 " + response.status() + " " + response.reason() + "\r\n"
                + "Content-Type: " + response.contentType() + "\r\n"
                + "Content-Length: " + response.body().length + "\r\n"
                + (keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n")
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        if (headOnly) {
            return headBytes;
        }
        byte[] all = new byte[headBytes.length + response.body().length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(response.body(), 0, all, headBytes.length, response.body().length);
        return all;
    }

    private static String printable(String text) {
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        StringBuilder out = new StringBuilder();
        for (char c : shown.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return out.toString();
    }
}
