package cachetocluster.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A tiny HTTP/1.1 client over a plain socket, so that the tests decide exactly when connections open and close. */
final class Http {

    /** A response: status code, the header block as text, the body. */
    record Response(int status, String headers, String body) {
        boolean closesConnection() {
            return headers.toLowerCase(java.util.Locale.ROOT).contains("connection: close");
        }
    }

    private Http() {}

    /** One GET on a connection of its own, {@code Connection: close}: a new connection per request. */
    static Response get(int port, String path) throws IOException {
        try (Socket socket = open(port)) {
            send(socket, path, false);
            return read(socket.getInputStream());
        }
    }

    /** The body of {@code GET /} on a new connection; fails unless the status is 200. */
    static String hello(int port) throws IOException {
        Response r = get(port, "/");
        if (r.status() != 200) {
            throw new IOException("GET / answered " + r.status() + ": " + r.body());
        }
        return r.body().strip();
    }

    static Socket open(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(30_000); // a test that hangs fails instead
        return socket;
    }

    static void send(Socket socket, String path, boolean keepAlive) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (keepAlive ? "" : "Connection: close\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one response with a Content-Length body. */
    static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before a full response header (" + head + ")");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int status = Integer.parseInt(headers.substring(9, 12));
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        byte[] body = in.readNBytes(length);
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** The worker id in a hello body ({@code worker 2 pid 4242}). */
    static int workerId(String body) {
        return Integer.parseInt(body.split(" ")[1]);
    }

    /** The pid in a hello body. */
    static long pid(String body) {
        return Long.parseLong(body.split(" ")[3]);
    }
}
