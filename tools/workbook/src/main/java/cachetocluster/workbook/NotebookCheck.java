package cachetocluster.workbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Runs a JShell notebook top to bottom without a terminal, through the jdk.jshell API, and fails on
 * the first snippet JShell rejects or that throws: the check CI runs so a classroom walkthrough
 * never breaks on the projector. JShell commands (lines starting with '/') are for the interactive
 * session and are skipped here.
 */
public final class NotebookCheck {

    /** Null problem means the notebook ran clean; {@code snippets} counts what was evaluated. */
    public record Result(int snippets, String problem, String output) {
        public boolean ok() {
            return problem == null;
        }
    }

    private NotebookCheck() {
    }

    public static Result run(Path notebook, List<Path> classPath, Project project) throws IOException {
        String source = Files.readString(notebook);
        var captured = new ByteArrayOutputStream();
        var out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        try (JShell shell = JShell.builder().out(out).err(out)
                .remoteVMOptions("--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1").build()) {
            for (Path entry : classPath) {
                shell.addToClasspath(entry.toString());
            }
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            // Fed line by line, as the jshell tool reads a file: a line that completes a statement runs
            // at once, even if the next line starts with ".method()". Reading the whole file as one
            // text would join those two and pass a notebook that breaks on the projector.
            List<String> lines = source.lines().toList();
            String pending = "";
            int snippetLine = 0;
            int count = 0;
            boolean inBlockComment = false;
            for (int i = 0; i < lines.size(); i++) {
                String text = lines.get(i);
                if (pending.isBlank()) {
                    String stripped = text.strip();
                    if (inBlockComment || stripped.startsWith("/*")) {
                        inBlockComment = !stripped.contains("*/");
                        continue;
                    }
                    if (stripped.isEmpty() || stripped.startsWith("/")) { // a line comment, or a command such as /vars
                        continue;
                    }
                    snippetLine = i + 1;
                    pending = "";
                }
                pending += text + "\n";
                while (!pending.isBlank()) {
                    SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(pending);
                    if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                        pending = "";
                        break;
                    }
                    if (!info.completeness().isComplete()) {
                        break; // the snippet goes on on the next line
                    }
                    for (SnippetEvent event : shell.eval(info.source())) {
                        String problem = problemWith(shell, event);
                        if (problem != null) {
                            return new Result(count, where(notebook, snippetLine, project) + problem, captured.toString(StandardCharsets.UTF_8));
                        }
                    }
                    count++;
                    pending = info.remaining();
                    snippetLine = i + 1;
                }
            }
            if (!pending.isBlank()) {
                return new Result(count, where(notebook, snippetLine, project) + "the last snippet is incomplete", captured.toString(StandardCharsets.UTF_8));
            }
            return new Result(count, null, captured.toString(StandardCharsets.UTF_8));
        }
    }

    private static String problemWith(JShell shell, SnippetEvent event) {
        if (event.exception() != null) {
            var e = event.exception();
            String type = e instanceof EvalException ee ? ee.getExceptionClassName() : e.getClass().getName();
            return "threw " + type + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        Snippet.Status status = event.status();
        if (status == Snippet.Status.REJECTED || status == Snippet.Status.RECOVERABLE_NOT_DEFINED
                || status == Snippet.Status.RECOVERABLE_DEFINED) {
            String diagnostics = shell.diagnostics(event.snippet())
                    .map(d -> d.getMessage(Locale.ROOT).lines().findFirst().orElse(""))
                    .collect(Collectors.joining("; "));
            if (diagnostics.isEmpty() && event.snippet() instanceof jdk.jshell.DeclarationSnippet declaration) {
                diagnostics = shell.unresolvedDependencies(declaration)
                        .map(s -> "cannot find " + s).collect(Collectors.joining("; "));
            }
            return "JShell rejected `" + firstLine(event.snippet().source()) + "`: " + diagnostics;
        }
        return null;
    }

    private static String where(Path notebook, int line, Project project) {
        return project.display(notebook) + ":" + line + ": ";
    }

    private static String firstLine(String source) {
        String first = source.strip().lines().findFirst().orElse("");
        return first.length() > 60 ? first.substring(0, 57) + "..." : first;
    }
}
