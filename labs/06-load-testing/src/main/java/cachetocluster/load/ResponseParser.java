package cachetocluster.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An HTTP/1.1 response parser fed with whatever bytes the socket had: half a status line, three responses'
 * worth of a chunked body, one byte at a time. It answers one question a load generator needs, fast: where does
 * this response end? Three ways (RFC 9112, section 6.3):
 * <ol>
 *   <li>{@code Content-Length: n}: after n body bytes;</li>
 *   <li>{@code Transfer-Encoding: chunked}: after the zero-size chunk and its (usually empty) trailer;</li>
 *   <li>neither: when the server closes the connection ({@link #endOfInput()}).</li>
 * </ol>
 * No body at all for {@code HEAD}, 204 and 304; interim {@code 1xx} responses are skipped.
 *
 * <p>Lines (status, headers, chunk sizes) are gathered in a small per-connection array; body bytes are only
 * counted and skipped, never copied: the load generator does not need them.
 *
 * <p>After a response, {@link #keepAlive()} says whether the connection may carry the next request: HTTP/1.1
 * keeps it unless the server said {@code Connection: close}; HTTP/1.0 closes it unless it said keep-alive.
 */
public final class ResponseParser {

    /** A response the parser cannot make sense of. */
    public static final class MalformedResponseException extends Exception {
        MalformedResponseException(String message) {
            super(message);
        }
    }

    private static final int MAX_LINE = 64 * 1024;

    private enum State { STATUS_LINE, HEADER_LINE, BODY_LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, UNTIL_CLOSE, DONE }

    private byte[] line = new byte[256];
    private int lineLength;
    private State state = State.STATUS_LINE;
    private boolean headRequest;
    private int status;
    private boolean http10;
    private long contentLength;
    private boolean chunked;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private long remaining;
    private long bodyBytes;
    private long bytes;

    /** Gets ready for the response to a new request ({@code head}: the request was a HEAD: no body follows). */
    public void reset(boolean head) {
        state = State.STATUS_LINE;
        headRequest = head;
        lineLength = 0;
        status = 0;
        bodyBytes = 0;
        bytes = 0;
        startHeaders();
    }

    private void startHeaders() {
        http10 = false;
        contentLength = -1;
        chunked = false;
        connectionClose = false;
        connectionKeepAlive = false;
    }

    /**
     * Consumes bytes from {@code in} (from its position) until the response is complete or the bytes run out.
     * Returns true when the response is complete; {@code in}'s position is then just after its last byte.
     */
    public boolean parse(ByteBuffer in) throws MalformedResponseException {
        int start = in.position();
        try {
            while (state != State.DONE && in.hasRemaining()) {
                switch (state) {
                    case BODY_LENGTH, CHUNK_DATA -> skipBody(in);
                    case UNTIL_CLOSE -> {
                        bodyBytes += in.remaining();
                        in.position(in.limit());
                    }
                    default -> {
                        if (readLine(in)) {
                            onLine();
                        }
                    }
                }
            }
        } finally {
            bytes += in.position() - start;
        }
        return state == State.DONE;
    }

    /** The peer closed the connection. True when that ends the response (a body without length); false: cut short. */
    public boolean endOfInput() {
        if (state == State.UNTIL_CLOSE) {
            state = State.DONE;
            connectionClose = true;
            return true;
        }
        return state == State.DONE;
    }

    public boolean isComplete() {
        return state == State.DONE;
    }

    /** Whether any byte of the response has arrived (a connection closed before that is a "socket hang up"). */
    public boolean started() {
        return bytes > 0;
    }

    public int status() {
        return status;
    }

    /** Whether the connection may be used again after this (complete) response. */
    public boolean keepAlive() {
        return !connectionClose && (!http10 || connectionKeepAlive);
    }

    /** Bytes of the body (after de-chunking: the chunk sizes are not counted). */
    public long bodyBytes() {
        return bodyBytes;
    }

    /** Every byte this response took on the wire, status line to the end. */
    public long bytes() {
        return bytes;
    }

    private void skipBody(ByteBuffer in) {
        int n = (int) Math.min(remaining, in.remaining());
        in.position(in.position() + n);
        remaining -= n;
        bodyBytes += n;
        if (remaining == 0) {
            state = state == State.BODY_LENGTH ? State.DONE : State.CHUNK_END;
        }
    }

    /** Adds bytes to the current line until its LF; true when the line is complete (without its CR LF). */
    private boolean readLine(ByteBuffer in) throws MalformedResponseException {
        if (in.hasArray()) {
            // The fast path: find the LF in the array, copy the line's bytes in one go.
            byte[] a = in.array();
            int base = in.arrayOffset();
            int from = in.position();
            int limit = in.limit();
            int i = from;
            while (i < limit && a[base + i] != '\n') i++;
            int n = i - from;
            if (lineLength + n > line.length) grow(lineLength + n);
            System.arraycopy(a, base + from, line, lineLength, n);
            lineLength += n;
            if (i == limit) {
                in.position(limit);
                return false;
            }
            in.position(i + 1);
            if (lineLength > 0 && line[lineLength - 1] == '\r') lineLength--;
            return true;
        }
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return true;
            }
            if (lineLength == line.length) grow(lineLength + 1);
            line[lineLength++] = b;
        }
        return false;
    }

    private void grow(int needed) throws MalformedResponseException {
        if (needed > MAX_LINE) {
            throw new MalformedResponseException("a line of the response is longer than " + MAX_LINE + " bytes");
        }
        line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(needed, line.length * 2)));
    }

    private void onLine() throws MalformedResponseException {
        int length = lineLength;
        lineLength = 0;
        switch (state) {
            case STATUS_LINE -> {
                if (length > 0) { // tolerate blank lines before the status line (RFC 9112, 2.2)
                    statusLine(length);
                    state = State.HEADER_LINE;
                }
            }
            case HEADER_LINE -> {
                if (length == 0) {
                    endOfHeaders();
                } else {
                    header(length);
                }
            }
            case CHUNK_SIZE -> {
                long size = chunkSize(length);
                if (size == 0) {
                    state = State.TRAILER;
                } else {
                    remaining = size;
                    state = State.CHUNK_DATA;
                }
            }
            case CHUNK_END -> {
                if (length != 0) {
                    throw new MalformedResponseException("a chunk is longer than its size said");
                }
                state = State.CHUNK_SIZE;
            }
            case TRAILER -> {
                if (length == 0) {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    // "HTTP/1.1 200 OK": the version, a space, three digits.
    private void statusLine(int length) throws MalformedResponseException {
        if (length < 12 || !startsWith("HTTP/1.") || line[8] != ' ' || !digit(line[9]) || !digit(line[10]) || !digit(line[11])
                || (length > 12 && line[12] != ' ')) {
            throw new MalformedResponseException("not an HTTP/1.x status line: '" + text(0, Math.min(length, 80)) + "'");
        }
        http10 = line[7] == '0';
        status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    }

    private void header(int length) throws MalformedResponseException {
        int colon = 0;
        while (colon < length && line[colon] != ':') {
            colon++;
        }
        if (colon == length || colon == 0) {
            throw new MalformedResponseException("a header line without a name and a colon: '" + text(0, Math.min(length, 80)) + "'");
        }
        int from = colon + 1;
        int to = length;
        while (from < to && (line[from] == ' ' || line[from] == '\t')) from++;
        while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) to--;
        // Only three headers matter, and their names differ in length: compare the length first, bytes after.
        if (nameIs(colon, "content-length")) {
            long n = 0;
            if (from == to) throw new MalformedResponseException("an empty Content-Length");
            for (int i = from; i < to; i++) {
                if (!digit(line[i]) || n > Long.MAX_VALUE / 10 - 10) {
                    throw new MalformedResponseException("a bad Content-Length: '" + text(from, to - from) + "'");
                }
                n = n * 10 + (line[i] - '0');
            }
            contentLength = n;
        } else if (nameIs(colon, "transfer-encoding")) {
            // chunked must be the last coding (RFC 9112, 6.1); "gzip, chunked" is chunked too.
            chunked = to - from >= 7 && equalsIgnoreCase(to - 7, to, "chunked") && (to - from == 7 || line[to - 8] == ' ' || line[to - 8] == ',');
        } else if (nameIs(colon, "connection")) {
            // A comma-separated list of tokens ("keep-alive", "close", "Upgrade"...), read in place: every reply
            // has this header, and a String per reply is a measurable share of a load generator's CPU.
            int i = from;
            while (i < to) {
                int end = i;
                while (end < to && line[end] != ',') end++;
                int a = i;
                int b = end;
                while (a < b && (line[a] == ' ' || line[a] == '\t')) a++;
                while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t')) b--;
                if (equalsIgnoreCase(a, b, "close")) connectionClose = true;
                else if (equalsIgnoreCase(a, b, "keep-alive")) connectionKeepAlive = true;
                i = end + 1;
            }
        }
    }

    private boolean equalsIgnoreCase(int from, int to, String lowerCase) {
        if (to - from != lowerCase.length()) return false;
        for (int i = from; i < to; i++) {
            int c = line[i];
            if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
            if (c != lowerCase.charAt(i - from)) return false;
        }
        return true;
    }

    private void endOfHeaders() {
        if (status >= 100 && status < 200 && status != 101) {
            state = State.STATUS_LINE; // 100 Continue and friends: the real response follows
            startHeaders();
            return;
        }
        if (headRequest || status == 204 || status == 304) {
            state = State.DONE;
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = contentLength == 0 ? State.DONE : State.BODY_LENGTH;
        } else {
            state = State.UNTIL_CLOSE;
        }
    }

    // "1a3f;name=value": hex digits, then optional extensions we ignore.
    private long chunkSize(int length) throws MalformedResponseException {
        long size = 0;
        int i = 0;
        for (; i < length; i++) {
            int d = Character.digit(line[i], 16);
            if (d < 0) break;
            if (size > (Long.MAX_VALUE >> 4)) throw new MalformedResponseException("a chunk size that overflows");
            size = size * 16 + d;
        }
        if (i == 0 || (i < length && line[i] != ';' && line[i] != ' ' && line[i] != '\t')) {
            throw new MalformedResponseException("a bad chunk size line: '" + text(0, Math.min(length, 40)) + "'");
        }
        return size;
    }

    private boolean nameIs(int nameLength, String lowerCaseName) {
        if (nameLength != lowerCaseName.length()) return false;
        for (int i = 0; i < nameLength; i++) {
            int c = line[i];
            if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
            if (c != lowerCaseName.charAt(i)) return false;
        }
        return true;
    }

    private boolean startsWith(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) return false;
        }
        return true;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private String text(int from, int length) {
        return new String(line, from, length, StandardCharsets.ISO_8859_1);
    }
}
