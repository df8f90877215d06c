package cachetocluster.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real JShell sessions: each test costs a second or two for JShell's own JVM. */
class NotebookCheckTest {

    @Test
    void aCleanNotebookRunsEverySnippetAndSkipsJShellCommands(@TempDir Path dir) throws Exception {
        Path notebook = dir.resolve("ok.jsh");
        Files.writeString(notebook, """
                // the instructor says: count the CPUs
                int cpus = Runtime.getRuntime().availableProcessors();
                /vars
                String twice(String s) {
                    return s + s;
                }
                System.out.println(twice("ab") + " " + (cpus > 0));
                """);
        var result = NotebookCheck.run(notebook, List.of(), new Project(dir));
        assertThat(result.problem()).isNull();
        assertThat(result.snippets()).isEqualTo(3);
        assertThat(result.output()).contains("abab true");
    }

    @Test
    void aRejectedSnippetIsReportedWithItsLine(@TempDir Path dir) throws Exception {
        Path notebook = dir.resolve("bad.jsh");
        Files.writeString(notebook, "int a = 1;\n\n// next line is wrong\nint b = a + undefinedThing;\n");
        var result = NotebookCheck.run(notebook, List.of(), new Project(dir));
        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).startsWith("bad.jsh:4: ").contains("undefinedThing");
    }

    @Test
    void aSnippetThatThrowsFailsTheCheck(@TempDir Path dir) throws Exception {
        Path notebook = dir.resolve("throws.jsh");
        Files.writeString(notebook, "int x = Integer.parseInt(\"12Q\");\n");
        var result = NotebookCheck.run(notebook, List.of(), new Project(dir));
        assertThat(result.problem()).contains("threw java.lang.NumberFormatException");
    }

    @Test
    void aLineThatCompletesAStatementRunsAtOnceAsInTheJshellTool(@TempDir Path dir) throws Exception {
        // jshell runs "var n = List.of(3, 1, 2)" as soon as the line ends; the next line is then a
        // snippet of its own that does not compile. The check must fail as the projector would.
        Path notebook = dir.resolve("split.jsh");
        Files.writeString(notebook, "var n = java.util.List.of(3, 1, 2)\n    .size();\n");
        var result = NotebookCheck.run(notebook, List.of(), new Project(dir));
        assertThat(result.problem()).startsWith("split.jsh:2: ").contains("JShell rejected");
        Files.writeString(notebook, "var n = java.util.List.of(3, 1, 2).\n    size();\nSystem.out.println(n);\n");
        var joined = NotebookCheck.run(notebook, List.of(), new Project(dir));
        assertThat(joined.problem()).isNull();
        assertThat(joined.output()).contains("3");
    }
}
