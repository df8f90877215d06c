package cachetocluster.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Why a request got no reply, by name. loadtest counts every one of these as {@code -1} (its issues #204 and
 * #226: "all my requests fail with -1"); the name tells you whether to look at the server (refused, reset,
 * timeout), the network, or the generator's settings. Codes are the errno names Node and artillery print
 * ({@code errors.ECONNREFUSED} ...), so a report reads the same as theirs.
 */
public enum ErrorKind {
    REFUSED("ECONNREFUSED", "connection refused (nothing listening on the port, or its backlog is full)"),
    RESET("ECONNRESET", "connection reset by the server"),
    TIMEOUT("ETIMEDOUT", "no complete reply within the timeout (-d)"),
    CLOSED("ECONNCLOSED", "server closed the connection before the reply was complete (socket hang up)"),
    BROKEN_PIPE("EPIPE", "server closed the connection while the request was being sent"),
    TLS("ETLS", "TLS handshake or record failed"),
    PROTOCOL("EPROTO", "reply was not valid HTTP/1.1"),
    UNREACHABLE("EHOSTUNREACH", "no route to the host"),
    UNFINISHED("EUNFINISHED", "still waiting for its reply when the run ended"),
    OTHER("EOTHER", "other I/O error");

    private final String code;
    private final String description;

    ErrorKind(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The errno-style name: {@code ECONNREFUSED}. */
    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    /**
     * The kind of a failed connect, read or write. The JDK says "Connection refused" with a
     * {@link ConnectException} and everything else with a plain {@link IOException} whose message is the C
     * library's {@code strerror}, so the message decides.
     */
    public static ErrorKind of(Throwable error) {
        if (error instanceof ConnectException) return REFUSED;
        if (error instanceof NoRouteToHostException) return UNREACHABLE;
        if (error instanceof UnresolvedAddressException) return UNREACHABLE;
        if (error instanceof SSLException) return TLS;
        if (error instanceof java.io.EOFException) return CLOSED;
        String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("connection reset")) return RESET;
        if (message.contains("broken pipe")) return BROKEN_PIPE;
        if (message.contains("connection refused")) return REFUSED;
        if (message.contains("no route to host") || message.contains("network is unreachable")) return UNREACHABLE;
        return OTHER;
    }
}
