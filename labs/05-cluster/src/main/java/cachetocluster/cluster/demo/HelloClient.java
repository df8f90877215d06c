package cachetocluster.cluster.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /} on a connection of its own ({@code Connection: close}), as {@code curl} does once per run: every
 * request is a new connection, so every request is a new scheduling decision (round-robin hands out connections,
 * not requests; a keep-alive client would stay with one worker).
 */
public final class HelloClient {

    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private HelloClient() {}

    /** The worker id in the body of {@code GET /} ("worker 2 pid 4242"); IOException on anything else. */
    public static int workerOf(int port, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(REQUEST);
            String response = readAll(socket.getInputStream());
            if (!response.startsWith("HTTP/1.1 200")) {
                throw new IOException("not a 200: " + response.lines().findFirst().orElse("(nothing)"));
            }
            String body = response.substring(response.indexOf("\r\n\r\n") + 4).strip();
            String[] words = body.split(" ");
            if (words.length < 2 || !words[0].equals("worker")) {
                throw new IOException("not a hello body: " + body);
            }
            return Integer.parseInt(words[1]);
        }
    }

    /** The server closes after the response (Connection: close), so read to the end. Hello responses are small. */
    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
}
