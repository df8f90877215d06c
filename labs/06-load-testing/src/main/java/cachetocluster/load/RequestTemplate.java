package cachetocluster.load;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request, encoded to bytes once, before the run: every send then writes the same read-only buffer (each
 * connection through its own {@link ByteBuffer#duplicate() view}, so positions do not clash). Building the bytes
 * per request, as most Node tools do, costs more CPU than the server spends answering a hello world.
 *
 * <p>Default headers are loadtest's: {@code Host}, {@code Accept: *}{@code /*} and {@code User-Agent}; a header
 * given by the user replaces the default of the same name (case-insensitive). {@code Connection: keep-alive} or
 * {@code close} says which the run uses, and a body brings its {@code Content-Type} and {@code Content-Length}.
 */
public final class RequestTemplate {

    public static final String USER_AGENT = "jload/" + Jload.VERSION;

    private final String method;
    private final String target;
    private final boolean keepAlive;
    private final ByteBuffer bytes;

    private RequestTemplate(String method, String target, boolean keepAlive, byte[] encoded) {
        this.method = method;
        this.target = target;
        this.keepAlive = keepAlive;
        this.bytes = ByteBuffer.allocateDirect(encoded.length).put(encoded).flip().asReadOnlyBuffer();
    }

    /**
     * Encodes {@code method url} with {@code headers} ("Name: value", or loadtest's "name:value"), a body (or
     * null) of {@code contentType}, and cookies ("name=value").
     */
    public static RequestTemplate of(String method, URI url, List<String> headers, byte[] body, String contentType,
                                     List<String> cookies, boolean keepAlive) {
        String target = requestTarget(url);
        Map<String, String> all = new LinkedHashMap<>();
        put(all, "Host", hostHeader(url));
        put(all, "Accept", "*/*");
        put(all, "User-Agent", USER_AGENT);
        if (body != null) {
            put(all, "Content-Type", contentType);
        }
        if (!cookies.isEmpty()) {
            put(all, "Cookie", String.join("; ", cookies));
        }
        for (String header : headers) {
            int colon = header.indexOf(':');
            put(all, header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        // These two are the run's, not the user's: they decide how we read the reply and reuse the connection.
        remove(all, "Content-Length");
        remove(all, "Connection");
        remove(all, "Transfer-Encoding");
        if (body != null || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            all.put("Content-Length", Integer.toString(body == null ? 0 : body.length));
        }
        all.put("Connection", keepAlive ? "keep-alive" : "close");

        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] encoded = headBytes;
        if (body != null && body.length > 0) {
            encoded = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, encoded, 0, headBytes.length);
            System.arraycopy(body, 0, encoded, headBytes.length, body.length);
        }
        return new RequestTemplate(method, target, keepAlive, encoded);
    }

    /** A new view of the encoded bytes, positioned at the start: one per connection, rewound for each send. */
    public ByteBuffer view() {
        return bytes.duplicate();
    }

    public int size() {
        return bytes.capacity();
    }

    public String method() {
        return method;
    }

    /** The request target: path and query, as on the request line. */
    public String target() {
        return target;
    }

    public boolean keepAlive() {
        return keepAlive;
    }

    public boolean isHead() {
        return method.equals("HEAD");
    }

    /** The request as text (for --help examples and tests). */
    public String text() {
        ByteBuffer view = view();
        byte[] all = new byte[view.remaining()];
        view.get(all);
        return new String(all, StandardCharsets.UTF_8);
    }

    static String requestTarget(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    static String hostHeader(URI url) {
        String host = url.getHost();
        if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
        int port = url.getPort();
        boolean defaultPort = port == -1 || (port == 80 && url.getScheme().equals("http")) || (port == 443 && url.getScheme().equals("https"));
        return defaultPort ? host : host + ":" + port;
    }

    private static void put(Map<String, String> headers, String name, String value) {
        remove(headers, name);
        headers.put(name, value);
    }

    private static void remove(Map<String, String> headers, String name) {
        headers.keySet().removeIf(existing -> existing.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)));
    }
}
