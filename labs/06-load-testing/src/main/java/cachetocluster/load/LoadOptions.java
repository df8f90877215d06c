package cachetocluster.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What to run: loadtest's options, with its defaults. Build with {@link #builder(String)}:
 * <pre>{@code
 * LoadResult r = LoadTest.run(LoadOptions.builder("http://127.0.0.1:8080/")
 *         .concurrency(50).keepAlive(true).maxSeconds(10).build());
 * }</pre>
 * {@link Builder#build()} checks everything and throws {@link IllegalArgumentException} with one line a user can
 * act on ("-c must be at least 1, not 0"); the command line prints that line and exits with 2.
 *
 * @param maxRequests {@code -n}; 0: no limit
 * @param maxSeconds  {@code -t}; 0: no limit. 10 when neither {@code -n} nor {@code -t} is given (loadtest 8)
 * @param rps         {@code --rps}, total for the run, may be fractional; 0: the closed model
 * @param concurrency {@code -c}: connections of the closed model; with {@code --rps}, the cap on connections
 *                    opened on demand (1000 when {@code -c} is not given: loadtest then ignores {@code -c})
 * @param timeoutMillis {@code -d}: per request; 0: none (loadtest's default)
 * @param drainMillis how long to wait for replies in flight when the time limit stops sending: the timeout when
 *                    there is one, else 5000
 */
public record LoadOptions(URI url, String method, List<String> headers, List<String> cookies, byte[] body,
                          String contentType, boolean keepAlive, int concurrency, boolean concurrencyGiven,
                          long maxRequests, double maxSeconds, double rps, long timeoutMillis, boolean insecure,
                          int threads, boolean quiet, Reactor.Kind loop, long drainMillis) {

    public static final int DEFAULT_CONCURRENCY = 10;
    public static final double DEFAULT_SECONDS = 10;
    public static final int OPEN_MODEL_CONNECTION_CAP = 1000;
    public static final long DEFAULT_DRAIN_MILLIS = 5000;

    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** Whether requests follow a schedule ({@code --rps}) rather than the replies. */
    public boolean openModel() {
        return rps > 0;
    }

    /** Connections the run may open at most. */
    public int maxConnections() {
        return openModel() && !concurrencyGiven ? OPEN_MODEL_CONNECTION_CAP : concurrency;
    }

    /** Event loops the run uses: never more than connections. */
    public int loops() {
        return Math.min(threads, maxConnections());
    }

    public RequestTemplate template() {
        return RequestTemplate.of(method, url, headers, body, contentType, cookies, keepAlive);
    }

    public static final class Builder {
        private final String url;
        private String method;
        private final List<String> headers = new ArrayList<>();
        private final List<String> cookies = new ArrayList<>();
        private byte[] body;
        private String contentType = "text/plain";
        private boolean keepAlive;
        private Integer concurrency;
        private long maxRequests;
        private double maxSeconds;
        private double rps;
        private long timeoutMillis;
        private boolean insecure;
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean quiet;
        private Reactor.Kind loop = Reactor.Kind.LEAN;
        private Long drainMillis;

        private Builder(String url) {
            this.url = url;
        }

        /** {@code -m}: GET by default, POST when a body is given. */
        public Builder method(String method) { this.method = method; return this; }
        /** {@code -H}, repeatable: "name:value". */
        public Builder header(String header) { headers.add(header); return this; }
        /** {@code -C}, repeatable: "name=value". */
        public Builder cookie(String cookie) { cookies.add(cookie); return this; }
        /** The request body ({@code -P}, {@code -p}, ...); null for none. */
        public Builder body(byte[] body) { this.body = body; return this; }
        /** {@code -T}: text/plain by default. */
        public Builder contentType(String type) { this.contentType = type; return this; }
        /** {@code -k}: reuse connections; without it every request opens its own (and sends Connection: close). */
        public Builder keepAlive(boolean on) { this.keepAlive = on; return this; }
        /** {@code -c}. */
        public Builder concurrency(int n) { this.concurrency = n; return this; }
        /** {@code -n}. */
        public Builder maxRequests(long n) { this.maxRequests = n; return this; }
        /** {@code -t}. */
        public Builder maxSeconds(double s) { this.maxSeconds = s; return this; }
        /** {@code --rps}. */
        public Builder rps(double r) { this.rps = r; return this; }
        /** {@code -d}. */
        public Builder timeoutMillis(long ms) { this.timeoutMillis = ms; return this; }
        /** {@code --insecure}. */
        public Builder insecure(boolean on) { this.insecure = on; return this; }
        /** {@code --threads}: event loops; the CPUs this JVM may use by default. */
        public Builder threads(int n) { this.threads = n; return this; }
        /** {@code --quiet}. */
        public Builder quiet(boolean on) { this.quiet = on; return this; }
        /** Which event loop to run on (for measuring lab 03's against the lean one). */
        public Builder loop(Reactor.Kind kind) { this.loop = kind; return this; }
        /** How long to wait for replies after a time limit stopped sending. */
        public Builder drainMillis(long ms) { this.drainMillis = ms; return this; }

        public LoadOptions build() {
            URI uri = checkUrl(url);
            if (concurrency != null && concurrency < 1) throw bad("-c must be at least 1, not " + concurrency);
            if (maxRequests < 0) throw bad("-n must be at least 1, not " + maxRequests);
            if (maxSeconds < 0 || Double.isNaN(maxSeconds) || Double.isInfinite(maxSeconds)) throw bad("-t must be a positive number of seconds, not " + maxSeconds);
            if (rps < 0 || Double.isNaN(rps) || Double.isInfinite(rps)) throw bad("--rps must be a positive number of requests per second, not " + format(rps));
            if (timeoutMillis < 0) throw bad("-d must be 0 (no timeout) or a number of milliseconds, not " + timeoutMillis);
            if (threads < 1) throw bad("--threads must be at least 1, not " + threads);
            if (drainMillis != null && drainMillis < 0) throw bad("the drain time must not be negative");
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (colon <= 0 || h.substring(0, colon).isBlank() || h.substring(0, colon).strip().contains(" ")) {
                    throw bad("-H needs name:value, not '" + h + "'");
                }
                if (h.contains("\r") || h.contains("\n")) throw bad("-H must not contain line breaks");
            }
            for (String c : cookies) {
                if (c.indexOf('=') <= 0) throw bad("-C needs name=value, not '" + c + "'");
            }
            String m = method != null ? method.toUpperCase(Locale.ROOT) : body != null ? "POST" : "GET";
            if (!m.matches("[A-Z]+")) throw bad("-m needs an HTTP method such as GET, POST, PUT, PATCH or DELETE, not '" + method + "'");
            double seconds = maxRequests == 0 && maxSeconds == 0 ? DEFAULT_SECONDS : maxSeconds;
            long drain = drainMillis != null ? drainMillis : timeoutMillis > 0 ? timeoutMillis : DEFAULT_DRAIN_MILLIS;
            return new LoadOptions(uri, m, List.copyOf(headers), List.copyOf(cookies), body, contentType, keepAlive,
                    concurrency == null ? DEFAULT_CONCURRENCY : concurrency, concurrency != null, maxRequests, seconds,
                    rps, timeoutMillis, insecure, threads, quiet, loop, drain);
        }

        /** http:// or https://, a host; ws:// and scheme-less URLs say what is wrong. */
        static URI checkUrl(String url) {
            if (url == null || url.isBlank()) throw bad("give a URL to load, e.g. http://127.0.0.1:8080/");
            if (!url.contains("://")) {
                throw bad("the URL needs a scheme: http://" + url + " or https://" + url + ", not '" + url + "'");
            }
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw bad("'" + url + "' is not a URL: " + e.getReason());
            }
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme == null || uri.isOpaque() && !scheme.equals("http") && !scheme.equals("https")) {
                throw bad("the URL needs a scheme: http://" + url + " or https://" + url + ", not '" + url + "'");
            }
            if (scheme.equals("ws") || scheme.equals("wss")) {
                throw bad("jload speaks HTTP/1.1, not WebSocket: use an http:// or https:// URL, not '" + url + "'");
            }
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw bad("the URL must start with http:// or https://, not '" + url + "'");
            }
            if (uri.getHost() == null) throw bad("the URL has no host: '" + url + "'");
            return uri;
        }

        private static IllegalArgumentException bad(String message) {
            return new IllegalArgumentException(message);
        }

        private static String format(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
