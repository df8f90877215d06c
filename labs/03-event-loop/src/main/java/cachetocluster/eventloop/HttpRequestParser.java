package cachetocluster.eventloop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An incremental HTTP/1.1 request parser: Node's llhttp, reduced to what a server needs.
 *
 * <p>Incremental, because TCP delivers a byte stream, not messages: one {@code read} may hold half a request line,
 * the next the rest of it and two more requests (pipelining). So the parser keeps its state between calls.
 * {@link #parse(ByteBuffer)} consumes bytes and returns a {@link Request} as soon as one is complete, leaving
 * the bytes after it in the buffer for the next call; it returns null when it needs more bytes. Any split works:
 * after every single byte, in the middle of {@code \r\n}, inside a chunk size.
 *
 * <p>How: the request line and headers ("the head") are collected into an array until the empty line that ends
 * them, then parsed in one pass over the bytes (no regular expressions, no {@code String.split}: this runs for
 * every request). The body follows one of three framings (RFC 9112 section 6): {@code Content-Length: n}, exactly
 * n bytes; {@code Transfer-Encoding: chunked}, chunks of {@code <hex size>\r\n<data>\r\n} ending with a zero
 * size and optional trailer lines; or nothing, no body.
 *
 * <p>Limits and errors, each an {@link HttpParseException} with the status to answer:
 * <ul>
 *   <li>431 when the head exceeds {@code maxHeaderBytes} (16 KiB by default, Node's {@code --max-http-header-size});</li>
 *   <li>413 when a body would exceed {@code maxBodyBytes} (1 MiB by default; Node has no default limit, which
 *       is why every Node framework adds one);</li>
 *   <li>400 for anything malformed: a garbage request line, a header line without a colon or with a space before it,
 *       a folded header line, a line ending in LF without CR, a bad or conflicting Content-Length, both
 *       Content-Length and Transfer-Encoding (the classic request-smuggling ambiguity: llhttp refuses it too), a bad
 *       chunk size or a chunk not followed by CRLF;</li>
 *   <li>501 for a transfer coding other than {@code chunked}, 505 for an HTTP version other than 1.0 and 1.1.</li>
 * </ul>
 * After an exception the parser is done: every later call throws the same exception, and the server closes the
 * connection, because nothing after a framing error can be trusted to be where a request starts.
 *
 * <p>Not handled: {@code Expect: 100-continue} (curl waits a second before it sends a large body), and a missing
 * {@code Host} header is accepted (Node 20 answers 400).
 *
 * <p>This is a lab 03 exercise: {@code exercises/cachetocluster/eventloop/HttpRequestParser.java} is the learner's
 * copy; {@code HttpRequestParserGradedTest} grades it.
 */
public final class HttpRequestParser {

    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private static final byte[] EMPTY = new byte[0];
    private enum State { HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_CR, CHUNK_LF, TRAILERS }

    private final int maxHeaderBytes;
    private final int maxBodyBytes;

    private State state = State.HEAD;
    /** The head while it arrives; later reused for a chunk-size line and for trailer lines. */
    private byte[] line = new byte[512];
    private int lineLength;
    private int lineStart;

    private String method;
    private String target;
    private String version;
    private Headers headers;
    private byte[] body;
    private int bodyLength;
    private long remaining;
    private HttpParseException failure;
    /** The target and header values of the previous request on this connection, by position. */
    private String[] recent = new String[8];

    public HttpRequestParser() {
        this(DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_BODY_BYTES);
    }

    public HttpRequestParser(int maxHeaderBytes, int maxBodyBytes) {
        if (maxHeaderBytes < 16 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("limits too small: head " + maxHeaderBytes + ", body " + maxBodyBytes);
        }
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Consumes bytes from {@code input} (advancing its position) until one request is complete, and returns it;
     * returns null when all bytes were consumed and the request is not complete yet. Bytes after a complete
     * request stay in the buffer: call again for the next pipelined request.
     *
     * @throws HttpParseException if the input is not an acceptable request (then and on every later call)
     */
    public Request parse(ByteBuffer input) {
        if (failure != null) {
            throw failure;
        }
        try {
            while (input.hasRemaining()) {
                Request done = switch (state) {
                    case HEAD -> readHead(input);
                    case BODY -> readBody(input);
                    case CHUNK_SIZE -> readChunkSize(input);
                    case CHUNK_DATA -> readChunkData(input);
                    case CHUNK_CR -> expect(input, '\r', State.CHUNK_LF);
                    case CHUNK_LF -> expect(input, '\n', State.CHUNK_SIZE);
                    case TRAILERS -> readTrailers(input);
                };
                if (done != null) {
                    return done;
                }
            }
            return null;
        } catch (HttpParseException e) {
            failure = e;
            throw e;
        }
    }

    /** Whether part of a request has arrived but not all of it (a client that closes now cut a request short). */
    public boolean isMidRequest() {
        return state != State.HEAD || lineLength > 0;
    }

    // ---- the head ----------------------------------------------------------------------------------------

    /**
     * Copies what is there (up to the limit) into {@link #line} in one bulk get, then scans the new bytes for the
     * empty line. Bytes after the head are given back to the buffer: they are the body or the next request.
     */
    private Request readHead(ByteBuffer in) {
        if (lineLength == 0) {
            // RFC 9112 2.2: ignore empty lines before the request line (some clients send CRLF after a body).
            while (in.hasRemaining() && (in.get(in.position()) == '\r' || in.get(in.position()) == '\n')) {
                in.position(in.position() + 1);
            }
            if (!in.hasRemaining()) {
                return null;
            }
        }
        if (lineLength == maxHeaderBytes) {
            throw new HttpParseException(431, "the request line and headers exceed " + maxHeaderBytes + " bytes");
        }
        int n = Math.min(in.remaining(), maxHeaderBytes - lineLength);
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.min(maxHeaderBytes, Math.max(lineLength + n, line.length * 2)));
        }
        int from = lineLength;
        in.get(line, from, n);
        lineLength += n;
        for (int i = from; i < lineLength; i++) {
            if (line[i] != '\n') {
                continue;
            }
            if (i == 0 || line[i - 1] != '\r') {
                throw new HttpParseException(400, "a line ends with LF but no CR before it");
            }
            if (i + 1 - lineStart == 2) {
                in.position(in.position() - (lineLength - (i + 1))); // not ours: give it back
                lineLength = i + 1;
                return parseHead();
            }
            lineStart = i + 1;
        }
        if (lineLength == maxHeaderBytes && in.hasRemaining()) {
            throw new HttpParseException(431, "the request line and headers exceed " + maxHeaderBytes + " bytes");
        }
        return null;
    }

    /** Appends one byte of a chunk-size or trailer line (they are short: byte by byte is fine); true at CRLF. */
    private boolean appendLine(byte b, int limit) {
        if (lineLength == limit) {
            throw state == State.CHUNK_SIZE
                    ? new HttpParseException(413, "a chunk size line (with its extensions) exceeds " + limit + " bytes")
                    : new HttpParseException(431, "the trailers exceed " + limit + " bytes");
        }
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, Math.min(line.length * 2, limit));
        }
        line[lineLength++] = b;
        if (b != '\n') {
            return false;
        }
        if (lineLength < 2 || line[lineLength - 2] != '\r') {
            throw new HttpParseException(400, "a line ends with LF but no CR before it");
        }
        return true;
    }

    private Request parseHead() {
        int end = lineEnd(0);
        int sp1 = indexOf(' ', 0, end);
        if (sp1 <= 0) {
            throw bad("the request line is not METHOD TARGET VERSION");
        }
        for (int i = 0; i < sp1; i++) {
            if (!HttpSyntax.isTchar(line[i])) {
                throw bad("the method contains a character that is not allowed");
            }
        }
        int sp2 = indexOf(' ', sp1 + 1, end);
        if (sp2 < 0 || sp2 == sp1 + 1) {
            throw bad("the request line is not METHOD TARGET VERSION");
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            if (line[i] <= ' ' || line[i] == 0x7f) { // bytes >= 0x80 are negative: not allowed either
                throw bad("the request target contains a character that is not allowed");
            }
        }
        method = HttpSyntax.method(line, 0, sp1);
        target = recent(0, sp1 + 1, sp2);
        version = version(sp2 + 1, end);

        headers = new Headers();
        int pos = end + 2;
        while (pos < lineLength - 2) {
            int eol = lineEnd(pos);
            parseHeaderLine(pos, eol);
            pos = eol + 2;
        }
        return startBody();
    }

    private void parseHeaderLine(int from, int to) {
        if (line[from] == ' ' || line[from] == '\t') {
            throw bad("a header line starts with whitespace (obsolete line folding is not accepted)");
        }
        int colon = indexOf(':', from, to);
        if (colon < 0) {
            throw bad("a header line has no colon");
        }
        if (colon == from) {
            throw bad("a header line has no name");
        }
        for (int i = from; i < colon; i++) {
            if (!HttpSyntax.isTchar(line[i])) {
                throw bad("a header name contains a character that is not allowed (a space before the colon?)");
            }
        }
        int a = colon + 1;
        int b = to;
        while (a < b && (line[a] == ' ' || line[a] == '\t')) {
            a++;
        }
        while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t')) {
            b--;
        }
        for (int i = a; i < b; i++) {
            if (HttpSyntax.isControl(line[i])) {
                throw bad("a header value contains a control character");
            }
        }
        headers.add(HttpSyntax.headerName(line, from, colon), recent(headers.size() + 1, a, b));
    }

    /** Decides the body's framing from the headers (RFC 9112 6.3). */
    private Request startBody() {
        String contentLength = null;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.name(i).equals("content-length")) {
                String value = headers.value(i);
                if (contentLength != null && !contentLength.equals(value)) {
                    throw bad("two different Content-Length headers");
                }
                contentLength = value;
            }
        }
        String transferEncoding = headers.get("transfer-encoding");
        lineLength = 0;
        lineStart = 0;
        if (transferEncoding != null) {
            if (contentLength != null) {
                throw bad("both Content-Length and Transfer-Encoding");
            }
            if (headers.getAll("transfer-encoding").size() != 1 || !transferEncoding.strip().equalsIgnoreCase("chunked")) {
                throw new HttpParseException(501, "Transfer-Encoding \"" + transferEncoding + "\" is not supported (only chunked)");
            }
            body = new byte[Math.min(maxBodyBytes, 1024)];
            bodyLength = 0;
            state = State.CHUNK_SIZE;
            return null;
        }
        if (contentLength != null) {
            remaining = contentLength(contentLength);
            if (remaining > 0) {
                body = new byte[(int) remaining];
                bodyLength = 0;
                state = State.BODY;
                return null;
            }
        }
        return complete(EMPTY);
    }

    /** Digits only (no sign, no spaces, no "5, 5"); larger than the limit is 413 before any body byte is read. */
    private long contentLength(String value) {
        if (value.isEmpty()) {
            throw bad("Content-Length is empty");
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw bad("Content-Length is not a number: \"" + value + "\"");
            }
            n = n * 10 + (c - '0');
            if (n > maxBodyBytes) {
                // Keep checking the digits: "99999999999x" is malformed (400), not merely too large.
                for (int j = i + 1; j < value.length(); j++) {
                    if (value.charAt(j) < '0' || value.charAt(j) > '9') {
                        throw bad("Content-Length is not a number: \"" + value + "\"");
                    }
                }
                throw new HttpParseException(413, "the body (" + value + " bytes) exceeds " + maxBodyBytes + " bytes");
            }
        }
        return n;
    }

    // ---- the body ----------------------------------------------------------------------------------------

    private Request readBody(ByteBuffer in) {
        int n = (int) Math.min(remaining, in.remaining());
        in.get(body, bodyLength, n);
        bodyLength += n;
        remaining -= n;
        return remaining == 0 ? complete(body) : null;
    }

    private Request readChunkSize(ByteBuffer in) {
        while (in.hasRemaining()) {
            if (appendLine(in.get(), maxHeaderBytes)) {
                long size = chunkSize();
                lineLength = 0;
                if (size == 0) {
                    state = State.TRAILERS;
                    return null;
                }
                if (bodyLength + size > body.length) {
                    body = Arrays.copyOf(body, (int) Math.min(maxBodyBytes, Math.max(bodyLength + size, 2L * body.length)));
                }
                remaining = size;
                state = State.CHUNK_DATA;
                return null;
            }
        }
        return null;
    }

    /** {@code 1a;name=value\r\n}: hex digits, optional whitespace, optional extensions (ignored). */
    private long chunkSize() {
        int end = lineLength - 2;
        long size = 0;
        int i = 0;
        for (; i < end; i++) {
            int digit = Character.digit(line[i], 16);
            if (digit < 0) {
                break;
            }
            size = size * 16 + digit;
            if (bodyLength + size > maxBodyBytes) {
                throw new HttpParseException(413, "the chunked body exceeds " + maxBodyBytes + " bytes");
            }
        }
        if (i == 0) {
            throw bad("a chunk size is not a hexadecimal number");
        }
        while (i < end && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        if (i < end && line[i] != ';') {
            throw bad("a chunk size is followed by something other than an extension");
        }
        for (; i < end; i++) {
            if (HttpSyntax.isControl(line[i])) {
                throw bad("a chunk extension contains a control character");
            }
        }
        return size;
    }

    private Request readChunkData(ByteBuffer in) {
        int n = (int) Math.min(remaining, in.remaining());
        in.get(body, bodyLength, n);
        bodyLength += n;
        remaining -= n;
        if (remaining == 0) {
            state = State.CHUNK_CR;
        }
        return null;
    }

    private Request expect(ByteBuffer in, char c, State next) {
        if (in.get() != c) {
            throw bad("chunk data is not followed by CRLF");
        }
        state = next;
        return null;
    }

    /** Trailer fields after the last chunk, up to an empty line. They count against the header limit; ignored. */
    private Request readTrailers(ByteBuffer in) {
        while (in.hasRemaining()) {
            if (appendLine(in.get(), maxHeaderBytes)) {
                if (lineLength - lineStart == 2) {
                    return complete(Arrays.copyOf(body, bodyLength));
                }
                lineStart = lineLength;
            }
        }
        return null;
    }

    private Request complete(byte[] content) {
        Request request = new Request(method, target, version, headers, content);
        state = State.HEAD;
        lineLength = 0;
        lineStart = 0;
        headers = null;
        body = null;
        return request;
    }

    /**
     * The string for {@code line[from, to)}: the previous request's string at this position if the bytes are the same.
     * A keep-alive connection repeats its headers on every request (browsers and load testers alike), and comparing
     * a few bytes costs less than a new String each time.
     */
    private String recent(int slot, int from, int to) {
        if (slot >= recent.length) {
            recent = Arrays.copyOf(recent, slot * 2);
        }
        String previous = recent[slot];
        if (previous != null && previous.length() == to - from) {
            int i = 0;
            while (i < to - from && (line[from + i] & 0xff) == previous.charAt(i)) {
                i++;
            }
            if (i == to - from) {
                return previous;
            }
        }
        String fresh = new String(line, from, to - from, StandardCharsets.ISO_8859_1);
        recent[slot] = fresh;
        return fresh;
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /** The index of the CR of the CRLF ending the line that starts at {@code from}; a bare CR is an error. */
    private int lineEnd(int from) {
        int i = from;
        while (line[i] != '\r') {
            i++;
        }
        if (line[i + 1] != '\n') {
            throw bad("a CR inside a line");
        }
        return i;
    }

    private int indexOf(char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (line[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private String version(int from, int to) {
        if (to - from == 8 && HttpSyntax.regionMatches(line, from, "HTTP/1.", false)) {
            if (line[from + 7] == '1') {
                return Request.HTTP_1_1;
            }
            if (line[from + 7] == '0') {
                return Request.HTTP_1_0;
            }
        }
        if (to - from == 8 && HttpSyntax.regionMatches(line, from, "HTTP/", false) && isDigit(line[from + 5]) && line[from + 6] == '.' && isDigit(line[from + 7])) {
            throw new HttpParseException(505, "HTTP version " + new String(line, from + 5, 3, StandardCharsets.US_ASCII) + " is not supported");
        }
        throw bad("the request line does not end with HTTP/1.1 or HTTP/1.0");
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static HttpParseException bad(String why) {
        return new HttpParseException(400, why);
    }
}
