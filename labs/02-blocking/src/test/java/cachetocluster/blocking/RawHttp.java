package cachetocluster.blocking;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A test's side of a connection: raw bytes out, whole responses back, with a deadline on every read. */
final class RawHttp implements AutoCloseable {

    record Reply(int status, Map<String, String> headers, String body) {}

    private final Socket socket;
    private final InputStream in;

    RawHttp(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n";
    }

    RawHttp send(String raw) throws IOException {
        socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    Reply reply() throws IOException {
        return reply(false);
    }

    /** Reads one response; for an answer to HEAD, there is no body whatever Content-Length says. */
    Reply reply(boolean head) throws IOException {
        String status = line();
        if (status == null) throw new IOException("the server closed the connection without an answer");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        int length = head ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Reply(Integer.parseInt(status.split(" ")[1]), headers, body);
    }

    /** Says "no more requests" the TCP way (a FIN, shutdownOutput), and keeps reading possible. */
    void finish() throws IOException {
        socket.shutdownOutput();
    }

    /** True when the server closed its side: the next read finds the end of the stream. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketException e) {
            return true; // reset: closed too
        }
    }

    private String line() throws IOException {
        var out = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) return out.size() == 0 ? null : out.toString(StandardCharsets.ISO_8859_1);
            if (b != '\r') out.write(b);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
