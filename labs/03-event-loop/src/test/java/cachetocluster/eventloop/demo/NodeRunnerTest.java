package cachetocluster.eventloop.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * NodeRunner against a stand-in for node (a shell script), so the default test run needs no Node: it answers
 * --version, and otherwise prints the script it was given.
 */
class NodeRunnerTest {

    private static final List<String> FAKE_NODE = List.of("/bin/sh", "-c", "if [ \"$0\" = --version ]; then echo v99.1.0; else cat \"$0\"; fi");

    @BeforeEach
    void needsAShell() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh on this machine");
    }

    @Test
    void runsTheProgramFromATemporaryFileAndReturnsItsOutputLines() throws IOException {
        NodeRunner node = new NodeRunner(FAKE_NODE);
        assertThat(node.version()).hasValue("v99.1.0");
        assertThat(node.runProgram("main script\nnextTick\n")).containsExactly("main script", "nextTick");
    }

    @Test
    void aMissingNodeHasNoVersion() {
        assertThat(new NodeRunner(List.of("/nonexistent/node-c2c")).version()).isEmpty();
    }

    @Test
    void aProgramThatFailsIsAnIOException() {
        NodeRunner failing = new NodeRunner(List.of("/bin/sh", "-c", "exit 3"));
        assertThatThrownBy(() -> failing.runProgram("anything")).isInstanceOf(IOException.class).hasMessageContaining("exited with 3");
    }
}
