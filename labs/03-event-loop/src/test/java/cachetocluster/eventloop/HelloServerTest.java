package cachetocluster.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The measurement server's command line, and one real run in its own JVM, stopped with SIGTERM. */
class HelloServerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return HelloServer.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void anUnknownFlagIsOneLineOfUsageAndExitCodeTwo() {
        assertThat(run("--nope")).isEqualTo(2);
        assertThat(errLines()).singleElement().asString().startsWith("hello-server: unknown option '--nope' (usage: HelloServer");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aBadPortIsExitCodeTwo() {
        assertThat(run("--port", "http")).isEqualTo(2);
        assertThat(run("--port", "70000")).isEqualTo(2);
        assertThat(run("--port")).isEqualTo(2);
        assertThat(errLines()).hasSize(3).allMatch(line -> line.startsWith("hello-server: --port needs a number"));
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: HelloServer").contains("--port", "--host");
    }

    @Test
    void aPortInUseIsOneLineOnStderrAndExitCodeOne() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThat(run("--port", String.valueOf(taken.getLocalPort()))).isEqualTo(1);
            assertThat(errLines()).containsExactly("hello-server: listen EADDRINUSE: address already in use 127.0.0.1:" + taken.getLocalPort());
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        }
    }

    @Test
    void servesHelloWorldUntilSigtermThenClosesAndSaysSo() throws Exception {
        String classPath = "target/classes" + java.io.File.pathSeparator + Files.readString(Path.of("target/classpath-runtime.txt")).strip();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, HelloServer.class.getName(), "--port", "0")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String first = stdout.readLine(); // blocks until the server is ready (or the process died: null)
            Matcher m = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)").matcher(String.valueOf(first));
            assertThat(m.matches()).as("first line: %s", first).isTrue();
            int port = Integer.parseInt(m.group(1));
            try (RawClient client = new RawClient(port)) {
                RawClient.Reply hello = client.get("/");
                assertThat(hello.status()).isEqualTo(200);
                assertThat(hello.text()).isEqualTo("Hello, world\n");
                assertThat(hello.header("content-type")).isEqualTo("text/plain");
                assertThat(client.get("/elsewhere").status()).isEqualTo(404);
            }
            process.toHandle().destroy(); // SIGTERM (Process.destroy() would also close our end of its stdout)
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("the server exits after SIGTERM").isTrue();
            assertThat(stdout.readLine()).isEqualTo("hello-server: closed after 2 requests");
            assertThat(stdout.readLine()).isNull();
            assertThat(process.exitValue()).as("exit status after SIGTERM (128 + 15)").isEqualTo(143);
        } finally {
            process.destroyForcibly();
        }
    }
}
