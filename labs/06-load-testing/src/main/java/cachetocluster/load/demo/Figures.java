package cachetocluster.load.demo;

import cachetocluster.load.PercentileTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A small text table for the demos: a header, rows of cells, columns as wide as their widest cell. */
final class Figures {

    private final List<String[]> rows = new ArrayList<>();

    Figures(String... header) {
        rows.add(header);
    }

    Figures row(Object... cells) {
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = switch (cells[i]) {
                case Double d -> PercentileTable.millis(d);
                case null -> "";
                default -> cells[i].toString();
            };
        }
        rows.add(text);
        return this;
    }

    /** The table, first column left-aligned, the others right-aligned (numbers). */
    List<String> lines() {
        int columns = rows.getFirst().length;
        int[] width = new int[columns];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        List<String> lines = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < r.length; i++) {
                String format = i == 0 ? " %-" + width[i] + "s" : "  %" + width[i] + "s";
                line.append(String.format(Locale.ROOT, format, r[i]));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /**
     * A short run against a server that answers at once, measured by nobody: the JIT compiles jload's hot paths
     * here, in this JVM, instead of during the run whose figures we print (a cold first second has 100 ms pauses).
     */
    static void warmUp() throws java.io.IOException {
        try (DemoServer server = DemoServer.fixed(DemoServer.Workers.MANY, 0)) {
            cachetocluster.load.LoadTest.run(cachetocluster.load.LoadOptions.builder(server.url()).keepAlive(true)
                    .concurrency(10).maxRequests(3000).quiet(true).build());
        }
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }
}
