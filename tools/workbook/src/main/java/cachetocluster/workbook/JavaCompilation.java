package cachetocluster.workbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles a few source files in this JVM (javax.tools), so grading a learner's file costs a
 * compile, not a Maven run. Errors come back as javac prints them: "File.java:12: error: ...".
 */
public final class JavaCompilation {

    public record Result(boolean ok, List<String> errors) {
        /** The first error, with how many more there are: what the learner reads first. */
        public String firstError() {
            if (errors.isEmpty()) return "the compiler failed without a message";
            return errors.getFirst() + (errors.size() > 1 ? "  (and " + (errors.size() - 1) + " more)" : "");
        }
    }

    private JavaCompilation() {
    }

    public static Result compile(List<Path> sources, List<Path> classPath, Path outputDir, Project project) {
        var compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new UserError("workbook: this Java has no compiler (a JRE?); run through ./workbook, which picks a JDK 25");
        }
        try {
            Files.createDirectories(outputDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (var files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = new ArrayList<>(List.of(
                    "-d", outputDir.toString(), "-proc:none", "-implicit:none", "-encoding", "UTF-8", "-Xlint:none", "-nowarn"));
            if (!classPath.isEmpty()) {
                options.add("-classpath");
                options.add(String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
            }
            var units = files.getJavaFileObjectsFromPaths(sources);
            boolean ok = compiler.getTask(null, files, diagnostics, options, null, units).call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> format(d, project))
                    .toList();
            return new Result(ok, errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String format(Diagnostic<? extends JavaFileObject> d, Project project) {
        String where = d.getSource() == null ? "" : project.display(Path.of(d.getSource().toUri())) + ":" + d.getLineNumber() + ": ";
        String message = d.getMessage(Locale.ROOT);
        int newline = message.indexOf('\n');
        return where + "error: " + (newline < 0 ? message : message.substring(0, newline));
    }

    /** True when some file under {@code sources} (or one of the files) is newer than {@code stamp}. */
    public static boolean newerThan(List<Path> sources, Path stamp) {
        if (!Files.exists(stamp)) return true;
        try {
            long built = Files.getLastModifiedTime(stamp).toMillis();
            for (Path source : sources) {
                if (!Files.exists(source)) continue;
                try (var walk = Files.walk(source)) {
                    boolean newer = walk.filter(Files::isRegularFile).anyMatch(p -> {
                        try {
                            return Files.getLastModifiedTime(p).toMillis() > built;
                        } catch (IOException e) {
                            return true;
                        }
                    });
                    if (newer) return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
