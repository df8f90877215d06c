package cachetocluster.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The command line: bad input in one line with status 2, thresholds as the exit status, the report files. */
@Timeout(90)
class JloadCliTest {

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {}

    static Run jload(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Jload.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "localhost:8080                       | the URL needs a scheme",
            "-c 0 http://127.0.0.1:1/             | -c must be at least 1, not 0",
            "--rps -5 http://127.0.0.1:1/         | --rps must be a positive number of requests per second, not -5",
            "-p /no/such/file http://127.0.0.1:1/ | -p: cannot read '/no/such/file' (no such file)",
            "--frobnicate http://127.0.0.1:1/     | Unknown option: '--frobnicate'",
            "--proxy http://p:3128 http://127.0.0.1:1/ | --proxy (it sends the requests through an HTTP proxy) is not supported by jload",
            "--cores=2 http://127.0.0.1:1/        | --cores (it runs that many processes; jload runs --threads event loops",
            "-n 0 http://127.0.0.1:1/             | -n must be at least 1",
            "-H nocolon http://127.0.0.1:1/       | -H needs name:value",
            "ws://127.0.0.1:1/                    | not WebSocket",
            "quick --count 0 http://127.0.0.1:1/  | --count must be at least 1",
            "run /no/such/scenario.yml            | cannot read it (no such file)",
    })
    @DisplayName("Bad input: one clear line on stderr, exit status 2, nothing on stdout")
    void badInput(String args, String message) {
        Run r = jload(args.strip().split("\\s+"));
        assertThat(r.status()).as("exit status of jload %s", args).isEqualTo(2);
        assertThat(r.err().lines().toList()).as("stderr of jload %s", args).hasSize(1);
        assertThat(r.err()).startsWith("jload").contains(message);
        assertThat(r.out()).isEmpty();
    }

    @Test
    @DisplayName("loadtest's -r (go on after errors) and --agent (old name of -k) are taken, so its command lines run as they are")
    void loadtestAliases() throws Exception {
        Path json = dir.resolve("aliases.json");
        try (TestServer server = TestServer.start(TestServer.ok())) {
            Run r = jload("-r", "--agent", "-c", "1", "-n", "20", "--quiet", "--json", json.toString(), server.url());
            assertThat(r.status()).as(r.err()).isZero();
        }
        JsonNode j = JsonMapper.builder().build().readTree(json.toFile());
        assertThat(j.get("settings").get("keepAlive").asBoolean()).as("--agent turned keep-alive on").isTrue();
        assertThat(j.get("connections").get("opened").asLong()).as("connections for 20 requests on one keep-alive client").isEqualTo(1);
    }

    @Test
    @DisplayName("A scenario with a wrong field: one line naming it, exit status 2")
    void badScenario() throws Exception {
        Path yml = dir.resolve("scenario.yml");
        Files.writeString(yml, "config:\n  target: http://127.0.0.1:1\n  phases:\n    - duration: 1\n      arrivalRatee: 5\nscenarios:\n  - flow:\n      - get: {url: /}\n");
        Run r = jload("run", yml.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).contains("config.phases[0].arrivalRatee: unknown field");
    }

    @Test
    @DisplayName("--max-p99 and --max-error-rate set the exit status: 1 when broken, 0 when kept")
    void thresholds() throws Exception {
        try (TestServer server = TestServer.start(TestServer.delay(30))) {
            Run slow = jload("-n", "20", "-c", "2", "-k", "--max-p99", "5", server.url());
            assertThat(slow.status()).as("p99 of a 30 ms server against --max-p99 5").isEqualTo(1);
            assertThat(slow.out()).contains("max-p99 <= 5 ms").contains("FAILED");
            Run fine = jload("-n", "20", "-c", "2", "-k", "--max-p99", "5000", "--max-error-rate", "0", server.url());
            assertThat(fine.status()).as("%s", fine.out()).isZero();
            assertThat(fine.out()).contains("passed");
        }
        try (TestServer server = TestServer.start(TestServer.status(500))) {
            Run failing = jload("-n", "10", "--quiet", "--max-error-rate", "50", server.url());
            assertThat(failing.status()).isEqualTo(1);
            assertThat(failing.out()).as("--quiet prints no report").isEmpty();
            assertThat(failing.err()).contains("max-error-rate <= 50%").contains("FAILED");
        }
    }

    @Test
    @DisplayName("The report names the model, the counts and how the run ended; --json and --html are written")
    void reportsAndFiles() throws Exception {
        Path json = dir.resolve("out.json");
        Path html = dir.resolve("out.html");
        try (TestServer server = TestServer.start(TestServer.ok())) {
            Run r = jload("-n", "300", "--rps", "300", "-k", "--json", json.toString(), "--html", html.toString(), server.url());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).contains("open: 300 requests/s").contains("300 sent, 300 replies, 0 errors")
                    .contains("response time").contains("service time").contains("all 300 requests (-n) were sent");
        }
        JsonNode j = JsonMapper.builder().build().readTree(json.toFile());
        assertThat(j.get("schema").asString()).isEqualTo("jload/1");
        assertThat(j.get("requests").get("sent").asLong()).isEqualTo(300);
        assertThat(j.get("requests").get("replies").asLong()).isEqualTo(300);
        assertThat(j.get("model").asString()).isEqualTo("open");
        assertThat(j.get("latencyMs").get("responseTime").get("p99").isNumber()).isTrue();
        assertThat(j.get("statusCodes").get("200").asLong()).isEqualTo(300);
        assertThat(j.get("timeline").isArray()).isTrue();
        assertThat(j.get("rate").get("target").asDouble()).isEqualTo(300.0);
        assertThat(j.get("generator").get("cpuSeconds").asDouble()).as("jload's own CPU during the run").isGreaterThan(0.0);
        for (String field : List.of("settings", "errors", "durationSeconds", "queue", "connections", "bytes", "generator", "stop", "spectrum", "thresholds")) {
            assertThat(j.has(field)).as("JSON field %s", field).isTrue();
        }
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg").contains("Percentile spectrum").contains("Errors");
        assertThat(page).as("no external scripts or stylesheets").doesNotContain("<script").doesNotContain("<link").doesNotContain("src=\"http");
    }

    @Test
    @DisplayName("Stopped by a signal (SIGTERM, as Ctrl-C's SIGINT), jload prints the report of what it measured so far")
    void interruptedRunStillReports() throws Exception {
        try (TestServer server = TestServer.start(TestServer.ok())) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Jload.class.getName(),
                    "-k", "-c", "2", "-t", "120", server.url())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(dir.resolve("out.txt").toFile()).start();
            try {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> server.requests.get() > 100);
                p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its pipes)
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                String out = Files.readString(dir.resolve("out.txt"));
                assertThat(p.exitValue()).as("exit status after SIGTERM").isEqualTo(143);
                assertThat(out).contains("interrupted: sending stopped at").contains("replies");
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    @DisplayName("The jload process: bad input prints one line and no stack trace, exit 2; --version works")
    void asAProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Process p = new ProcessBuilder(java, "-cp", cp, Jload.class.getName(), "-c", "0", "http://127.0.0.1:1/").start();
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("jload: -c must be at least 1, not 0");
        Process v = new ProcessBuilder(java, "-cp", cp, Jload.class.getName(), "--version").start();
        String out = new String(v.getInputStream().readAllBytes());
        assertThat(v.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(v.exitValue()).isZero();
        assertThat(out.strip()).isEqualTo("jload " + Jload.VERSION);
        try (TestServer server = TestServer.start(TestServer.ok())) {
            for (String loop : List.of("lean", "lab03")) {
                Process run = new ProcessBuilder(java, "-cp", cp, Jload.class.getName(), "--loop", loop, "-n", "50", "-k", "--quiet", server.url()).start();
                String runErr = new String(run.getErrorStream().readAllBytes());
                assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(run.exitValue()).as("exit status, --loop %s", loop).isZero();
                assertThat(runErr).as("stderr of a clean run that exits, --loop %s", loop).isEmpty();
            }
        }
    }
}
