package cachetocluster.eventloop;

import java.nio.charset.StandardCharsets;

/**
 * The byte-level vocabulary of HTTP/1.1 (RFC 9110 section 5.6): which bytes may form a token (a method, a header
 * name), which may appear in a header value; and the common methods and header names as constants, so that
 * parsing "GET" or "host" for the millionth time makes no new String. The parser and {@link Response} share it.
 */
final class HttpSyntax {

    /** tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA */
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private static final String[] METHODS = {"GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"};
    private static final String[] HEADER_NAMES = {"host", "user-agent", "accept", "accept-encoding", "accept-language",
        "connection", "content-length", "content-type", "transfer-encoding", "cookie", "cache-control", "expect",
        "origin", "referer", "upgrade", "authorization", "if-none-match", "if-modified-since"};

    private HttpSyntax() {}

    static boolean isTchar(int b) {
        return b >= 0 && b < 128 && TCHAR[b];
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A control character other than HT, or DEL: never allowed in a field value (bytes from 0x80 are obs-text). */
    static boolean isControl(int c) {
        return c >= 0 && c < ' ' && c != '\t' || c == 0x7f;
    }

    /** A header value we may send: no control characters, and one byte per character (up to U+00FF). */
    static boolean isFieldValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isControl(c) || c > 0xff) {
                return false;
            }
        }
        return true;
    }

    /** The method in {@code bytes[from, from + length)}: a constant for the common ones. */
    static String method(byte[] bytes, int from, int length) {
        for (String known : METHODS) {
            if (known.length() == length && regionMatches(bytes, from, known, false)) {
                return known;
            }
        }
        return new String(bytes, from, length, StandardCharsets.US_ASCII);
    }

    /** The header name in {@code bytes[from, to)} in lower case, as Node gives it; a constant for the common ones. */
    static String headerName(byte[] bytes, int from, int to) {
        int length = to - from;
        for (String known : HEADER_NAMES) {
            if (known.length() == length && regionMatches(bytes, from, known, true)) {
                return known;
            }
        }
        byte[] lower = new byte[length];
        for (int i = 0; i < length; i++) {
            lower[i] = toLower(bytes[from + i]);
        }
        return new String(lower, StandardCharsets.US_ASCII);
    }

    /** Whether {@code bytes} at {@code from} hold {@code ascii} (lower case {@code ascii} if ignoring case). */
    static boolean regionMatches(byte[] bytes, int from, String ascii, boolean ignoreCase) {
        for (int i = 0; i < ascii.length(); i++) {
            byte b = ignoreCase ? toLower(bytes[from + i]) : bytes[from + i];
            if (b != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static byte toLower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }
}
