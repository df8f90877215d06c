package cachetocluster.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jload [options] URL}: loadtest's flags and defaults, plus reports and thresholds. */
@Command(name = "jload", mixinStandardHelpOptions = true, version = "jload " + Jload.VERSION, sortOptions = false,
        usageHelpWidth = 100,
        description = {"A load tester with loadtest's flags, and artillery's quick and run, that does not hide stalls.",
                "Closed model by default: -c connections, each sends again when its reply is in. --rps gives the",
                "open model: requests at fixed times, latency counted from when each was due.", ""},
        footer = {"", "Exit status: 0 done, every threshold passed; 1 a threshold (--max-p99, --max-error-rate) failed;",
                "2 bad usage; 3 the run could not be done (e.g. a report file could not be written); 130 Ctrl-C.",
                "", "Examples:",
                "  jload -n 1000 -c 100 --rps 200 http://127.0.0.1:8080/",
                "  jload -k -c 50 -t 10 --json out.json --html out.html http://127.0.0.1:8080/",
                "  jload quick --count 10 -n 20 http://127.0.0.1:8080/",
                "  jload run scenario.yml"})
final class JloadCommand implements Callable<Integer> {

    private final PrintStream out;
    private final PrintStream err;

    JloadCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Parameters(arity = "0..1", paramLabel = "URL", description = "http:// or https:// URL to load")
    String url;

    @Option(names = {"-n", "--maxRequests"}, paramLabel = "N", description = "Send exactly N requests (and report N results)")
    Long maxRequests;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", description = "Connections (loadtest's clients); default 10. With --rps: the cap on connections (default 1000)")
    Integer concurrency;

    @Option(names = "--rps", paramLabel = "R", description = "Open model: R requests per second in total (may be fractional)")
    Double rps;

    @Option(names = {"-t", "--maxSeconds"}, paramLabel = "S", description = "Stop sending after S seconds, then wait for replies in flight; default 10 when neither -n nor -t is given")
    Double maxSeconds;

    @Option(names = {"-k", "--keepalive", "--agent"}, description = "Keep connections open between requests (else one connection per request, Connection: close)")
    boolean keepAlive;

    @Option(names = {"-r", "--recover"}, hidden = true, description = "loadtest's: go on after errors. jload always does")
    boolean recover;

    @Option(names = {"-m", "--method"}, paramLabel = "METHOD", description = "GET (default), POST, PUT, PATCH, DELETE, HEAD ...")
    String method;

    @Option(names = {"-T", "--contentType"}, paramLabel = "TYPE", description = "Content-Type of the body; default text/plain")
    String contentType = "text/plain";

    @Option(names = {"-H", "--headers"}, paramLabel = "NAME:VALUE", description = "A request header; repeatable")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-C", "--cookies"}, paramLabel = "NAME=VALUE", description = "A cookie; repeatable")
    List<String> cookies = new ArrayList<>();

    @Option(names = {"-P", "--postBody"}, paramLabel = "BODY", description = "POST this body")
    String postBody;

    @Option(names = {"-p", "--postFile"}, paramLabel = "FILE", description = "POST the bytes of FILE")
    Path postFile;

    @Option(names = {"-u", "--putFile"}, paramLabel = "FILE", description = "PUT the bytes of FILE")
    Path putFile;

    @Option(names = {"-A", "--patchBody"}, paramLabel = "BODY", description = "PATCH this body")
    String patchBody;

    @Option(names = {"-a", "--patchFile"}, paramLabel = "FILE", description = "PATCH the bytes of FILE")
    Path patchFile;

    @Option(names = "--data", paramLabel = "BODY", description = "Send this body (method: -m, else POST)")
    String data;

    @Option(names = {"-d", "--timeout"}, paramLabel = "MS", description = "Per-request timeout in ms; 0 (default): none")
    Long timeout;

    @Option(names = "--insecure", description = "Accept any TLS certificate (self-signed test servers)")
    boolean insecure;

    @Option(names = "--quiet", description = "No progress line and no report (use --json); errors still go to stderr")
    boolean quiet;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON (schema: jload --help-json)")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report (charts inline, works offline)")
    Path html;

    @Option(names = "--threads", paramLabel = "N", description = "Event loops (threads); default: the CPUs this process may use (${DEFAULT-VALUE})")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--max-p99", paramLabel = "MS", description = "Exit with 1 if the p99 response time is above MS")
    Double maxP99;

    @Option(names = "--max-error-rate", paramLabel = "PCT", description = "Exit with 1 if more than PCT percent of requests failed")
    Double maxErrorRate;

    @Option(names = "--loop", hidden = true, description = "lean (default) or lab03: which event loop to run on")
    Reactor.Kind loop = Reactor.Kind.LEAN;

    @Option(names = "--help-json", description = "Describe the --json output and exit")
    boolean helpJson;

    @Override
    public Integer call() throws IOException {
        if (helpJson) {
            out.print(JsonReport.SCHEMA);
            return Jload.EXIT_OK;
        }
        LoadOptions options = options();
        if (maxP99 != null && !(maxP99 > 0)) throw new Jload.UsageException("--max-p99 must be a positive number of milliseconds, not " + TextReport.num(maxP99));
        if (maxErrorRate != null && !(maxErrorRate >= 0 && maxErrorRate <= 100)) throw new Jload.UsageException("--max-error-rate must be a percentage from 0 to 100, not " + TextReport.num(maxErrorRate));
        LoadTest test = new LoadTest(options);
        Jload.onInterrupt(test::abort);
        boolean live = !quiet && Jload.interactive();
        long start = System.nanoTime();
        LoadResult result = test.run(timeline -> {
            if (live) err.print("\r" + TextReport.progress((System.nanoTime() - start) / 1e9, timeline) + "   ");
        });
        if (live) err.print("\r" + " ".repeat(100) + "\r");
        List<Thresholds.Check> checks = Thresholds.check(result, maxP99, maxErrorRate);
        if (!quiet) {
            TextReport.print(result, out);
            for (Thresholds.Check c : checks) out.println(TextReport.threshold(c));
        }
        if (json != null) JsonReport.write(result, checks, json);
        if (html != null) HtmlReport.write(result, checks, html);
        for (Thresholds.Check c : checks) {
            if (!c.passed()) {
                if (quiet) err.println("jload: " + TextReport.threshold(c).strip());
                return Thresholds.EXIT_FAILED;
            }
        }
        return Jload.EXIT_OK;
    }

    LoadOptions options() {
        if (url == null) throw new Jload.UsageException("give a URL to load, e.g. jload -n 100 http://127.0.0.1:8080/ (jload --help lists the options)");
        LoadOptions.Builder b = LoadOptions.builder(url);
        int bodies = 0;
        String bodyMethod = null;
        byte[] body = null;
        if (postBody != null) { bodies++; body = postBody.getBytes(StandardCharsets.UTF_8); bodyMethod = "POST"; }
        if (postFile != null) { bodies++; body = read("-p", postFile); bodyMethod = "POST"; }
        if (putFile != null) { bodies++; body = read("-u", putFile); bodyMethod = "PUT"; }
        if (patchBody != null) { bodies++; body = patchBody.getBytes(StandardCharsets.UTF_8); bodyMethod = "PATCH"; }
        if (patchFile != null) { bodies++; body = read("-a", patchFile); bodyMethod = "PATCH"; }
        if (data != null) { bodies++; body = data.getBytes(StandardCharsets.UTF_8); }
        if (bodies > 1) throw new Jload.UsageException("give one body: -P, -p, -u, -A, -a and --data exclude each other");
        b.body(body).method(method != null ? method : bodyMethod).contentType(contentType).keepAlive(keepAlive)
                .insecure(insecure).threads(threads).quiet(quiet).loop(loop);
        headers.forEach(b::header);
        cookies.forEach(b::cookie);
        if (concurrency != null) b.concurrency(concurrency);
        if (maxRequests != null) {
            if (maxRequests < 1) throw new Jload.UsageException("-n must be at least 1, not " + maxRequests);
            b.maxRequests(maxRequests);
        }
        if (maxSeconds != null) {
            if (!(maxSeconds > 0)) throw new Jload.UsageException("-t must be a positive number of seconds, not " + TextReport.num(maxSeconds));
            b.maxSeconds(maxSeconds);
        }
        if (rps != null) {
            if (!(rps > 0)) throw new Jload.UsageException("--rps must be a positive number of requests per second, not " + TextReport.num(rps));
            b.rps(rps);
        }
        if (timeout != null) b.timeoutMillis(timeout);
        return b.build();
    }

    private static byte[] read(String flag, Path file) {
        if (file.getFileName() != null && file.getFileName().toString().endsWith(".js")) {
            throw new Jload.UsageException(flag + " " + file + ": loadtest runs .js files as body generators; jload sends bytes: give a data file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Jload.UsageException(flag + ": cannot read '" + file + "' (" + reason(e) + ")");
        }
    }

    static String reason(IOException e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException x -> "no such file";
            case java.nio.file.AccessDeniedException x -> "permission denied";
            default -> e.getMessage() != null && e.getMessage().contains("Is a directory") ? "it is a directory" : String.valueOf(e.getMessage());
        };
    }
}
