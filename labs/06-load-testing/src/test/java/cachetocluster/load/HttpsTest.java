package cachetocluster.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * https:// through SSLEngine, against the JDK's own HttpsServer with a self-signed certificate that keytool
 * makes for this test (run as a process, as a user would).
 */
@Timeout(90)
class HttpsTest {

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static ExecutorService executor;
    private static final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void startServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "jload-test", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(p.exitValue()).as("keytool: %s", output).isZero();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "secure ok\n".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Test
    @DisplayName("--insecure: a self-signed server answers every request, on kept-alive TLS connections")
    void insecureKeepAlive() {
        int before = requests.get();
        LoadResult r = LoadTest.run(LoadOptions.builder(url()).insecure(true).keepAlive(true).maxRequests(300)
                .concurrency(4).threads(2).timeoutMillis(10_000).build());
        assertThat(r.replies()).as("errors: %s", r.errors().rows()).isEqualTo(300);
        assertThat(r.connectionsOpened()).isEqualTo(4);
        assertThat(requests.get() - before).isEqualTo(300);
        assertThat(r.bodyBytes()).isEqualTo(300L * "secure ok\n".length());
    }

    @Test
    @DisplayName("--insecure without keep-alive: a TLS handshake per request, all of them complete")
    void insecureNewConnectionEachTime() {
        LoadResult r = LoadTest.run(LoadOptions.builder(url()).insecure(true).maxRequests(40).concurrency(4)
                .threads(2).timeoutMillis(10_000).build());
        assertThat(r.replies()).as("errors: %s", r.errors().rows()).isEqualTo(40);
        assertThat(r.connectionsOpened()).isEqualTo(40);
    }

    @Test
    @DisplayName("Without --insecure the self-signed certificate is refused, and the error is named ETLS")
    void untrustedCertificate() {
        LoadResult r = LoadTest.run(LoadOptions.builder(url()).maxRequests(5).concurrency(1).threads(1)
                .timeoutMillis(10_000).build());
        assertThat(r.replies()).isZero();
        assertThat(r.errors().rows()).extracting(ErrorTable.Row::name).containsExactly("ETLS");
        assertThat(r.errors().rows().getFirst().count()).isEqualTo(5);
        assertThat(r.errors().rows().getFirst().example()).as("the reason").containsIgnoringCase("certif");
    }
}
