package cachetocluster.workbook;

import java.nio.charset.StandardCharsets;

/**
 * Colour and symbols for a terminal, plain text for everything else (pipes, CI logs, files).
 * NO_COLOR (no-color.org) and TERM=dumb turn colour off; C2C_COLOR=always|never overrides.
 */
public record Style(boolean colour, boolean unicode) {

    public static Style detect() {
        String forced = System.getenv("C2C_COLOR");
        boolean terminal = System.console() != null && System.console().isTerminal();
        boolean colour = switch (forced == null ? "" : forced) {
            case "always" -> true;
            case "never" -> false;
            default -> terminal && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
        };
        String encoding = System.getProperty("stdout.encoding", "");
        boolean unicode = encoding.equalsIgnoreCase(StandardCharsets.UTF_8.name());
        return new Style(colour, unicode);
    }

    public static Style plain() {
        return new Style(false, false);
    }

    private String paint(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    public String bold(String text) { return paint("1", text); }
    public String dim(String text) { return paint("2", text); }
    public String green(String text) { return paint("32", text); }
    public String red(String text) { return paint("31", text); }
    public String yellow(String text) { return paint("33", text); }
    public String cyan(String text) { return paint("36", text); }

    public String pass() { return green(unicode ? "✓" : "ok"); }
    public String fail() { return red(unicode ? "✗" : "FAIL"); }
    public String dot() { return dim(unicode ? "·" : "-"); }
}
