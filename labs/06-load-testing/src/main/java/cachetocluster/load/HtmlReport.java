package cachetocluster.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

public final class HtmlReport {
    private HtmlReport() {}

    public static void write(LoadResult r, List<Thresholds.Check> checks, Path file) throws IOException {
        throw new IOException("todo");
    }
}
