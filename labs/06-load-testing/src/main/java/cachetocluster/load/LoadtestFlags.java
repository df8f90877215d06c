package cachetocluster.load;

import java.util.Map;

/**
 * loadtest's flags that jload does not take, each with what it does there, so that a command line copied from a
 * loadtest script fails with a line that says what is missing instead of picocli's "Unknown option". (loadtest's
 * {@code -r}/{@code --recover} and {@code --agent} are taken: the first is what jload always does, the second an old
 * name of {@code -k}.)
 */
final class LoadtestFlags {

    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("--index", "replaces a substring of the URL or body with each request's index"),
            Map.entry("--proxy", "sends the requests through an HTTP proxy"),
            Map.entry("--key", "presents a client TLS certificate (with --cert)"),
            Map.entry("--cert", "presents a client TLS certificate (with --key)"),
            Map.entry("-R", "builds each request with a JavaScript function (--requestGenerator)"),
            Map.entry("--requestGenerator", "builds each request with a JavaScript function"),
            Map.entry("-s", "picks the TLS protocol (--secureProtocol); the JDK negotiates it here"),
            Map.entry("--secureProtocol", "picks the TLS protocol; the JDK negotiates it here"),
            Map.entry("--tcp", "sends over raw TCP sockets (experimental there)"),
            Map.entry("--cores", "runs that many processes; jload runs --threads event loops in one process"),
            Map.entry("--debug", "printed debug output (deprecated there)"));

    private LoadtestFlags() {}

    /** The line to print for {@code arg} ({@code --cores=2} counts as {@code --cores}), or null if it is not one of them. */
    static String explain(String arg) {
        String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        String what = UNSUPPORTED.get(flag);
        return what == null ? null : "loadtest's " + flag + " (it " + what + ") is not supported by jload";
    }
}
