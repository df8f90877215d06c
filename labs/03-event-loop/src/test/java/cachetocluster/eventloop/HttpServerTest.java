package cachetocluster.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP server over real sockets on 127.0.0.1: framing, pipelining, keep-alive, limits and errors. Idle and
 * half-closed connections, sockets made elsewhere and closing are in {@link HttpServerConnectionsTest}.
 */
class HttpServerTest extends HttpServerFixture {

    @Test
    void answersAGetWithContentLengthAndKeepAlive() throws IOException {
        int port = start(echo);
        try (RawClient client = new RawClient(port)) {
            RawClient.Reply reply = client.get("/hello?x=1");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.text()).isEqualTo("GET /hello?x=1 0 ");
            assertThat(reply.header("content-length")).isEqualTo(String.valueOf(reply.body().length));
            assertThat(reply.header("content-type")).isEqualTo("text/plain");
            assertThat(reply.header("connection")).isEqualTo("keep-alive");
            assertThat(reply.header("keep-alive")).isEqualTo("timeout=5");
            assertThat(reply.header("date")).endsWith(" GMT");
        }
        assertThat(uncaught).isEmpty();
    }

    @Test
    void aRequestSentOneByteAtATimeIsAnswered() throws IOException {
        int port = start(echo);
        String post = "POST /bytes HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nabcde";
        try (RawClient client = new RawClient(port)) {
            RawClient.Reply reply = client.sendByteByByte(post).read();
            assertThat(reply.text()).isEqualTo("POST /bytes 5 abcde");
            // and the connection is still good for the next one
            assertThat(client.get("/next").text()).isEqualTo("GET /next 0 ");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderEvenWhenTheFirstAnswersLater() throws IOException {
        int port = start((req, res) -> {
            if (req.path().equals("/slow")) {
                loop.setTimeout(() -> res.end("slow"), 100); // ended later, from a timer
            } else {
                res.end(req.path().substring(1));
            }
        });
        try (RawClient client = new RawClient(port)) {
            client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /fast1 HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "POST /fast2 HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nok"
                    + "GET /fast3 HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(List.of(client.read().text(), client.read().text(), client.read().text(), client.read().text()))
                    .containsExactly("slow", "fast1", "fast2", "fast3");
        }
        assertThat(uncaught).isEmpty();
    }

    @Test
    void keepAliveReusesOneConnection() throws IOException {
        Set<String> connections = ConcurrentHashMap.newKeySet();
        int port = start((req, res) -> {
            connections.add(String.valueOf(server.connections()));
            res.end("n=" + server.connections());
        });
        try (RawClient client = new RawClient(port)) {
            for (int i = 0; i < 5; i++) {
                assertThat(client.get("/" + i).status()).isEqualTo(200);
            }
        }
        assertThat(connections).as("open connections seen by the handler").containsExactly("1");
    }

    @Test
    void connectionCloseIsHonoured() throws IOException {
        int port = start(echo);
        try (RawClient client = new RawClient(port)) {
            RawClient.Reply reply = client.send("GET /bye HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").read();
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("connection")).isEqualTo("close");
            assertThat(client.closedByServer()).as("the server closed its side after the response").isTrue();
        }
    }

    @Test
    void http10ClosesUnlessKeepAliveIsAsked() throws IOException {
        int port = start(echo);
        try (RawClient client = new RawClient(port)) {
            RawClient.Reply reply = client.send("GET /old HTTP/1.0\r\n\r\n").read();
            assertThat(reply.header("connection")).isEqualTo("close");
            assertThat(client.closedByServer()).isTrue();
        }
        try (RawClient client = new RawClient(port)) {
            RawClient.Reply reply = client.send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertThat(reply.header("connection")).isEqualTo("keep-alive");
            assertThat(client.send("GET /again HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read().text()).isEqualTo("GET /again 0 ");
        }
    }

    @Test
    void aChunkedBodyArrivesWhole() throws IOException {
        int port = start(echo);
        try (RawClient client = new RawClient(port)) {
            RawClient.Reply reply = client.send("POST /up HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").read();
            assertThat(reply.text()).isEqualTo("POST /up 9 Wikipedia");
        }
    }

    @Test
    void headAnswersHaveNoBody() throws IOException {
        int port = start(echo);
        try (RawClient client = new RawClient(port)) {
            client.send("HEAD /h HTTP/1.1\r\nHost: t\r\n\r\n");
            RawClient.Reply head = client.readHeadOnly();
            assertThat(head.header("content-length")).isEqualTo(String.valueOf("HEAD /h 0 ".length()));
            assertThat(client.get("/after").text()).as("the next response starts right after the head").isEqualTo("GET /after 0 ");
        }
    }

    @Test
    void aTooLargeBodyGets413AndTheConnectionClosesWhileOthersAreServed() throws IOException {
        int port = start(echo);
        try (RawClient bystander = new RawClient(port); RawClient offender = new RawClient(port)) {
            assertThat(bystander.get("/before").status()).isEqualTo(200);
            RawClient.Reply reply = offender.send("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: 2000000\r\n\r\n").read();
            assertThat(reply.status()).isEqualTo(413);
            assertThat(reply.header("connection")).isEqualTo("close");
            assertThat(reply.text()).contains("exceeds");
            assertThat(offender.closedByServer()).isTrue();
            assertThat(bystander.get("/after").text()).isEqualTo("GET /after 0 ");
        }
        assertThat(handled).as("the handler never saw the oversized request").hasValue(2);
    }

    @Test
    void aChunkedBodyOverTheLimitGets413EvenWhileTheClientKeepsSending() throws IOException {
        int port = start(echo, s -> s.maxBodyBytes(64 * 1024));
        try (RawClient client = new RawClient(port)) {
            client.send("POST /stream HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = ("4000\r\n" + "x".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 8; i++) { // 128 KiB: the server refuses after 64 KiB and keeps reading to drain
                    client.send(chunk);
                }
            } catch (IOException sendFailed) {
                // Had the server closed at once, this would fail with a reset; the reply must be readable anyway.
            }
            RawClient.Reply reply = client.read();
            assertThat(reply.status()).isEqualTo(413);
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(handled).hasValue(0);
    }

    @Test
    void headersOverTheLimitGet431AndGarbageGets400() throws IOException {
        int port = start(echo);
        try (RawClient bystander = new RawClient(port)) {
            assertThat(bystander.get("/1").status()).isEqualTo(200);
            try (RawClient offender = new RawClient(port)) {
                RawClient.Reply reply = offender.send("GET / HTTP/1.1\r\nHost: t\r\nCookie: " + "c".repeat(20_000) + "\r\n\r\n").read();
                assertThat(reply.status()).isEqualTo(431);
                assertThat(offender.closedByServer()).isTrue();
            }
            assertThat(bystander.get("/2").status()).isEqualTo(200);
            try (RawClient offender = new RawClient(port)) {
                RawClient.Reply reply = offender.send("THIS IS NOT HTTP\r\n\r\n").read();
                assertThat(reply.status()).isEqualTo(400);
                assertThat(reply.header("connection")).isEqualTo("close");
                assertThat(offender.closedByServer()).isTrue();
            }
            assertThat(bystander.get("/3").status()).isEqualTo(200);
        }
    }

    @Test
    void aResponseCanEndFromAWorkerPoolCompletion(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("page.txt"), "from the disk\n");
        int port = start((req, res) -> Fs.readFile(loop, file, (error, bytes) -> {
            if (error != null) {
                res.status(500).end(error.toString());
            } else {
                res.end(bytes);
            }
        }));
        try (RawClient client = new RawClient(port)) {
            assertThat(client.get("/file").text()).isEqualTo("from the disk\n");
            assertThat(client.get("/file").text()).isEqualTo("from the disk\n");
        }
        assertThat(uncaught).isEmpty();
    }

    @Test
    void aLargeResponseIsWrittenInPiecesAsTheClientReads() throws IOException {
        byte[] big = new byte[8 * 1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        int port = start((req, res) -> res.end(big));
        try (RawClient client = new RawClient(port)) {
            client.send("GET /big HTTP/1.1\r\nHost: t\r\n\r\n");
            RawClient.Reply reply = client.read(); // far more than a socket buffer: the server needed OP_WRITE
            assertThat(reply.body()).isEqualTo(big);
            assertThat(client.get("/again").body()).hasSize(big.length);
        }
    }

    @Test
    void aThrowingHandlerGets500AndTheLoopsHandlerHearsOfIt() throws IOException {
        int port = start((req, res) -> {
            if (req.path().equals("/boom")) {
                throw new IllegalStateException("handler failed");
            }
            res.end("fine");
        });
        try (RawClient client = new RawClient(port)) {
            RawClient.Reply reply = client.get("/boom");
            assertThat(reply.status()).isEqualTo(500);
            assertThat(client.closedByServer()).isTrue();
        }
        try (RawClient client = new RawClient(port)) {
            assertThat(client.get("/ok").text()).isEqualTo("fine");
        }
        assertThat(uncaught).singleElement().extracting(Throwable::getMessage).isEqualTo("handler failed");
        uncaught.clear(); // seen, as expected

    }

    @Test
    void aHandlerThatBlocksTheLoopIsReportedByName() throws IOException {
        List<DelayMonitor.BlockedCallback> reports = new CopyOnWriteArrayList<>();
        DelayMonitor monitor = DelayMonitor.monitorEventLoopDelay(loop, 10).onBlocked(reports::add);
        int port = start(HttpServer.Handler.named("report generator", (req, res) -> {
            long end = System.nanoTime() + 150_000_000L;
            while (System.nanoTime() < end) {
                Thread.onSpinWait(); // the loop is blocked: every other connection waits too
            }
            res.end("done");
        }), s -> monitor.enable());
        try (RawClient client = new RawClient(port)) {
            assertThat(client.get("/report?month=11").text()).isEqualTo("done");
        }
        // The response left during the callback; the report comes right after it returns, on the loop thread.
        await().atMost(Duration.ofSeconds(5)).until(() -> !reports.isEmpty());
        assertThat(reports).singleElement().extracting(DelayMonitor.BlockedCallback::callback)
                .isEqualTo("HTTP GET /report?month=11 (handler report generator)");
    }

    @Test
    void aClientThatPipelinesWithoutReadingIsNotAnsweredWithoutEnd() throws IOException {
        byte[] megabyte = new byte[1024 * 1024];
        int port = start((req, res) -> {
            handled.incrementAndGet();
            res.end(megabyte);
        });
        int requests = 40;
        try (RawClient client = new RawClient(port)) {
            client.send("GET /mb HTTP/1.1\r\nHost: t\r\n\r\n".repeat(requests));
            // Nothing is read: once the socket buffers are full the server stops parsing, far short of 40 MiB queued.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).until(() -> handled.get() < requests / 2);
            for (int i = 0; i < requests; i++) {
                assertThat(client.read().body()).as("response %d", i).hasSize(megabyte.length);
            }
        }
        assertThat(handled).hasValue(requests);
    }
}
