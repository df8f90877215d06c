package cachetocluster.cluster.demo;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive connection sending {@code GET /} again and again, one request in flight (a closed loop: the next
 * request leaves when the answer is in, as wrk and autocannon do per connection). A connection stays with the
 * worker it was handed to, in every mode: the cluster balances connections, never requests.
 */
final class KeepAliveClient implements AutoCloseable {

    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] body = new byte[256];

    KeepAliveClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 4096);
    }

    /** One request and its response; returns the worker id in the body. */
    int request() throws IOException {
        out.write(REQUEST);
        out.flush();
        int length = -1;
        StringBuilder line = new StringBuilder();
        while (true) { // the header, a line at a time, up to the empty line
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection");
            }
            if (b == '\n') {
                String l = line.toString().strip();
                if (l.isEmpty()) {
                    break;
                }
                if (l.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(l.substring(15).strip());
                }
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }
        if (length < 0 || length > body.length) {
            throw new IOException("unexpected Content-Length " + length);
        }
        int read = in.readNBytes(body, 0, length);
        String text = new String(body, 0, read, StandardCharsets.US_ASCII); // "worker 2 pid 4242\n"
        return Integer.parseInt(text.split(" ")[1]);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
