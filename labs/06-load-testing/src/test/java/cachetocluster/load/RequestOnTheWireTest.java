package cachetocluster.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What loadtest's flags put on the wire, as the server reads it. */
@Timeout(60)
class RequestOnTheWireTest {

    @TempDir
    Path dir;

    private final List<TestServer.Request> seen = new CopyOnWriteArrayList<>();

    private TestServer server() throws Exception {
        return TestServer.start((r, s, out, server) -> {
            seen.add(r);
            return TestServer.reply(r, out, 200, "ok");
        });
    }

    @Test
    @DisplayName("Defaults: GET, Host, Accept, User-Agent, Connection: close without -k")
    void defaults() throws Exception {
        try (TestServer server = server()) {
            assertThat(JloadCliTest.jload("-n", "1", "--quiet", server.url() + "path?q=1").status()).isZero();
            TestServer.Request r = seen.getFirst();
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.target()).isEqualTo("/path?q=1");
            assertThat(r.headers()).containsEntry("host", "127.0.0.1:" + server.port()).containsEntry("accept", "*/*")
                    .containsEntry("user-agent", "jload/" + Jload.VERSION).containsEntry("connection", "close")
                    .doesNotContainKey("content-length");
        }
    }

    @Test
    @DisplayName("-H (repeatable, replacing a default), -C (joined into one Cookie), -k")
    void headersAndCookies() throws Exception {
        try (TestServer server = server()) {
            JloadCliTest.jload("-n", "1", "-k", "--quiet", "-H", "x-trace:abc", "-H", "user-agent: mine/1", "-C", "a=1", "-C", "b=2", server.url());
            TestServer.Request r = seen.getFirst();
            assertThat(r.headers()).containsEntry("x-trace", "abc").containsEntry("user-agent", "mine/1")
                    .containsEntry("cookie", "a=1; b=2").containsEntry("connection", "keep-alive");
        }
    }

    @Test
    @DisplayName("-P posts, -u puts a file, -A patches, -T sets the type, -m overrides the method")
    void bodies() throws Exception {
        Path file = dir.resolve("body.json");
        Files.writeString(file, "{\"put\":true}");
        try (TestServer server = server()) {
            JloadCliTest.jload("-n", "1", "--quiet", "-P", "hello", server.url());
            JloadCliTest.jload("-n", "1", "--quiet", "-u", file.toString(), "-T", "application/json", server.url());
            JloadCliTest.jload("-n", "1", "--quiet", "-A", "patch me", server.url());
            JloadCliTest.jload("-n", "1", "--quiet", "-m", "delete", server.url());
            JloadCliTest.jload("-n", "1", "--quiet", "-m", "PUT", "--data", "d", server.url());
            assertThat(seen).extracting(TestServer.Request::method).containsExactly("POST", "PUT", "PATCH", "DELETE", "PUT");
            assertThat(new String(seen.get(0).body())).isEqualTo("hello");
            assertThat(seen.get(0).headers()).containsEntry("content-type", "text/plain").containsEntry("content-length", "5");
            assertThat(new String(seen.get(1).body())).isEqualTo("{\"put\":true}");
            assertThat(seen.get(1).headers()).containsEntry("content-type", "application/json");
            assertThat(new String(seen.get(2).body())).isEqualTo("patch me");
            assertThat(new String(seen.get(4).body())).isEqualTo("d");
        }
    }
}
