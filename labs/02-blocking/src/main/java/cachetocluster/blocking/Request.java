package cachetocluster.blocking;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP/1.x request as the server read it off the socket: the request line, the header fields in
 * the order they came, and the body (empty unless a Content-Length said otherwise).
 */
public record Request(String method, String target, String version, List<Header> headers, byte[] body) {

    /** One header field; names compare case-insensitively, as HTTP says. */
    public record Header(String name, String value) {}

    public Request {
        headers = List.copyOf(headers);
    }

    /** A GET with no headers, for handlers called outside a server (tests, the notebook). */
    public static Request get(String target) {
        return new Request("GET", target, "HTTP/1.1", List.of(), new byte[0]);
    }

    /** The first value of a header field, if the request has it. */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    /** The target without its query string: "/slow?ms=5" has the path "/slow". */
    public String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /**
     * Whether the client wants to send another request on this connection: HTTP/1.1 keeps a
     * connection open unless it says "Connection: close"; HTTP/1.0 closes it unless it says
     * "Connection: keep-alive".
     */
    public boolean keepAlive() {
        List<String> options = headers.stream().filter(h -> h.name().equalsIgnoreCase("Connection"))
                .flatMap(h -> List.of(h.value().split(",")).stream())
                .map(o -> o.strip().toLowerCase(Locale.ROOT)).toList();
        if (options.contains("close")) {
            return false;
        }
        return "HTTP/1.1".equals(version) || options.contains("keep-alive");
    }
}
