package cachetocluster.eventloop.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a small JavaScript program with Node, when Node is installed, so a step can print what Node does beside
 * what our loop does. Node is a peer here, never a requirement: {@link #version()} is empty when it is missing,
 * and the caller says so and goes on.
 */
public final class NodeRunner {

    private static final long TIMEOUT_SECONDS = 10;
    private final List<String> command;

    /** {@code command} starts Node; the script's path is appended. {@code List.of("node")} uses the PATH. */
    public NodeRunner(List<String> command) {
        this.command = List.copyOf(command);
        if (this.command.isEmpty()) {
            throw new IllegalArgumentException("the command is empty");
        }
    }

    public static NodeRunner onPath() {
        return new NodeRunner(List.of("node"));
    }

    /** {@code node --version} ({@code v20.20.2}), or empty if Node cannot be started. */
    public Optional<String> version() {
        List<String> versionCommand = new ArrayList<>(command);
        versionCommand.add("--version");
        try {
            List<String> lines = run(versionCommand);
            return lines.isEmpty() ? Optional.empty() : Optional.of(lines.getFirst().strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes {@code program} to a temporary .js file, runs it, and returns its standard output's lines. */
    public List<String> runProgram(String program) throws IOException {
        Objects.requireNonNull(program, "program");
        Path script = Files.createTempFile("c2c-node-", ".js");
        try {
            Files.writeString(script, program);
            List<String> scriptCommand = new ArrayList<>(command);
            scriptCommand.add(script.toString());
            return run(scriptCommand);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static List<String> run(List<String> command) throws IOException {
        // Output to a file, not a pipe: a program that never exits must not hang us in a read.
        Path out = Files.createTempFile("c2c-node-", ".out");
        Process process = null;
        try {
            process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close(); // no input: a program that reads stdin sees its end
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + process.exitValue());
            }
            return Files.readString(out, StandardCharsets.UTF_8).lines().toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + String.join(" ", command), e);
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(out);
        }
    }
}
