package cachetocluster.latency;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The native reference of the pointer chase: {@code labs/01-latency/native/chase.c}, compiled with the
 * machine's C compiler and run on the same working sets as the Java chase.
 *
 * <p>Why a C program in a Java course: to check the JVM. If the JIT's chase and gcc's chase print the
 * same nanoseconds per load, the number is the machine's, not the language's. The C program has two
 * modes. {@link Mode#INT} walks an {@code int32} array exactly as {@link ChaseChain#walk} does, and
 * the two should agree. {@link Mode#POINTER} follows raw pointers ({@code p = *p}); on x86 an L1 hit
 * with that simpler addressing takes a cycle less, a difference no Java array code can close.
 *
 * <p>A machine without a C compiler is normal: {@link #compile} then returns an empty result and
 * {@link #NO_COMPILER} says why, and the lab goes on without the reference.
 */
public final class NativeChase {

    /** What to print when there is no compiler. */
    public static final String NO_COMPILER = "no C compiler (gcc or cc) on PATH, skipping the native reference";

    /** Where the C source is, relative to the repository's root. */
    public static final Path SOURCE = Path.of("labs", "01-latency", "native", "chase.c");

    private static final Duration COMPILE_TIMEOUT = Duration.ofMinutes(1);

    /** How the C program walks. */
    public enum Mode {
        /** {@code p = a[p]} over 32-bit ints: the same code as the Java chase. */
        INT("int"),
        /** {@code p = *(void **) p}: raw pointers, the simplest addressing x86 has. */
        POINTER("ptr");

        private final String flag;

        Mode(String flag) {
            this.flag = flag;
        }

        /** The value of chase.c's {@code -m} option. */
        public String flag() {
            return flag;
        }
    }

    private final Path binary;

    private NativeChase(Path binary) {
        this.binary = binary;
    }

    /** The compiled program. */
    public Path binary() {
        return binary;
    }

    /** The first {@code gcc}, else the first {@code cc}, on this process's PATH. */
    public static Optional<Path> findCompiler() {
        return findCompiler(System.getenv().getOrDefault("PATH", ""));
    }

    /** The first {@code gcc}, else the first {@code cc}, in the directories of {@code path}. */
    static Optional<Path> findCompiler(String path) {
        for (String name : List.of("gcc", "cc")) {
            for (String directory : path.split(File.pathSeparator)) {
                if (directory.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Finds {@link #SOURCE} from {@code start} or one of its parents (a lab runs from the repository's
     * root, Maven's tests from the module's directory).
     */
    public static Optional<Path> findSource(Path start) {
        for (Path directory = start.toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(SOURCE);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Compiles {@code source} into {@code directory}/chase with the compiler on PATH, unless the
     * binary there is already newer than the source.
     *
     * @return the program, or empty when there is no C compiler (print {@link #NO_COMPILER})
     * @throws IllegalStateException if the compiler rejects the source (its message is included)
     */
    public static Optional<NativeChase> compile(Path source, Path directory) throws IOException, InterruptedException {
        Optional<Path> compiler = findCompiler();
        if (compiler.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(compile(compiler.get(), source, directory));
    }

    static NativeChase compile(Path compiler, Path source, Path relativeOrAbsolute) throws IOException, InterruptedException {
        // The compiler runs in this directory, so every path it is given must not be relative to ours.
        Path directory = relativeOrAbsolute.toAbsolutePath();
        source = source.toAbsolutePath();
        Path binary = directory.resolve("chase");
        if (Files.isExecutable(binary)
                && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) > 0) {
            return new NativeChase(binary);
        }
        Files.createDirectories(directory);
        // Build beside the target and move it into place, so a run never sees half a binary.
        Path partial = Files.createTempFile(directory, "chase-", ".partial");
        try {
            Result result = execute(List.of(compiler.toString(), "-O2", "-o", partial.toString(), source.toString()),
                    directory, COMPILE_TIMEOUT);
            if (result.exitCode() != 0) {
                throw new IllegalStateException(compiler + " could not compile " + source + " (exit code "
                        + result.exitCode() + "):\n" + result.stdout() + result.stderr());
            }
            Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return new NativeChase(binary);
    }

    /** {@link #run(List, Mode, boolean, Duration)} with small pages, the kernel's default. */
    public List<ChasePoint> run(List<Long> workingSetBytes, Mode mode, Duration timeout)
            throws IOException, InterruptedException {
        return run(workingSetBytes, mode, false, timeout);
    }

    /**
     * Runs the chase for each working set, in the order given.
     *
     * @param workingSetBytes the sizes, each a positive multiple of the 64-byte line
     * @param hugePages       ask the kernel for transparent huge pages (chase.c's {@code -H})
     * @param timeout         how long the whole run may take before it is killed
     * @return one point per size, in the same order
     * @throws IllegalStateException if the program fails, times out, or prints something else than
     *                               one point per size
     */
    public List<ChasePoint> run(List<Long> workingSetBytes, Mode mode, boolean hugePages, Duration timeout)
            throws IOException, InterruptedException {
        if (workingSetBytes.isEmpty()) {
            throw new IllegalArgumentException("no working sets to measure");
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-m", mode.flag()));
        if (hugePages) {
            command.add("-H");
        }
        for (long bytes : workingSetBytes) {
            if (bytes < ChaseChain.LINE_BYTES || bytes % ChaseChain.LINE_BYTES != 0) {
                throw new IllegalArgumentException("a working set must be a positive multiple of "
                        + ChaseChain.LINE_BYTES + " bytes, got " + bytes);
            }
            command.add(Long.toString(bytes));
        }
        Result result = execute(command, binary.getParent(), timeout);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit code " + result.exitCode()
                    + "): " + result.stderr().strip());
        }
        List<ChasePoint> points = parse(result.stdout());
        List<Long> measured = points.stream().map(ChasePoint::workingSetBytes).toList();
        if (!measured.equals(workingSetBytes)) {
            throw new IllegalStateException("asked the native chase for " + workingSetBytes + " bytes, it measured "
                    + measured);
        }
        return points;
    }

    /**
     * Reads chase.c's output: one {@code "bytes ns_per_load"} line per size; blank lines and lines
     * starting with {@code #} are skipped.
     *
     * @throws IllegalStateException on any other line, quoting it
     */
    public static List<ChasePoint> parse(String output) {
        List<ChasePoint> points = new ArrayList<>();
        for (String line : output.lines().toList()) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] fields = text.split("\\s+");
            try {
                if (fields.length != 2) {
                    throw new IllegalArgumentException("expected 2 fields, found " + fields.length);
                }
                points.add(new ChasePoint(Long.parseLong(fields[0]), Double.parseDouble(fields[1])));
            } catch (IllegalArgumentException e) { // NumberFormatException too
                throw new IllegalStateException("malformed line from the native chase: \"" + line
                        + "\" (expected \"bytes ns_per_load\"; " + e.getMessage() + ")", e);
            }
        }
        return points;
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    /** Runs a command with its output in files (no pipe to fill up), killing it after the timeout. */
    private static Result execute(List<String> command, Path directory, Duration timeout)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(directory, "chase-", ".out");
        Path err = Files.createTempFile(directory, "chase-", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            process.getOutputStream().close(); // nothing to say on its standard input
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
                        + "; killed it");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
