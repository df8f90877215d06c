package cachetocluster.eventloop;

import java.nio.charset.StandardCharsets;

/**
 * One parsed HTTP/1.x request: Node's {@code IncomingMessage} once its body has arrived.
 *
 * @param method  the method as sent ({@code GET}, {@code POST} ...; methods are case-sensitive)
 * @param target  the request target as sent: {@code /path?query}
 * @param version {@link #HTTP_1_1} or {@link #HTTP_1_0}
 * @param headers the header fields, names in lower case
 * @param body    the body (empty, never null); do not modify it
 */
public record Request(String method, String target, String version, Headers headers, byte[] body) {

    public static final String HTTP_1_1 = "HTTP/1.1";
    public static final String HTTP_1_0 = "HTTP/1.0";

    /** The target without its query: {@code /search} of {@code /search?q=loop}. */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The query without the {@code ?}, or an empty string. */
    public String query() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    /** The first value of a header, any case: {@code header("content-type")}. */
    public String header(String name) {
        return headers.get(name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Whether the client wants the connection kept open after the response: by default in HTTP/1.1 unless it
     * says {@code Connection: close}; in HTTP/1.0 only if it says {@code Connection: keep-alive} (RFC 9112 9.3).
     */
    public boolean keepAlive() {
        return HTTP_1_1.equals(version)
                ? !headers.hasToken("connection", "close")
                : headers.hasToken("connection", "keep-alive");
    }

    @Override
    public String toString() {
        return method + " " + target + " " + version + " " + headers + (body.length > 0 ? " + " + body.length + " bytes" : "");
    }
}
