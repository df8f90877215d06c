package cachetocluster.cluster;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Node's {@code cluster.settings}: how workers are started. {@link Primary#setupPrimary(Settings)} merges the fields
 * that are set into the current settings, and they apply to later forks only.
 *
 * <ul>
 *   <li>{@code exec}: the worker's main class (Node: the script, by default {@code process.argv[1]}, the primary's
 *       own; here by default the primary's main class, read from the JVM's {@code sun.java.command}).</li>
 *   <li>{@code args}: its arguments (Node: by default the primary's; here none, since a JVM cannot read its own
 *       arguments back reliably).</li>
 *   <li>{@code execArgv}: JVM options for the worker ({@code -Xmx64m}); by default none (Node copies the primary's,
 *       which would copy a debugger or coverage agent into every worker here).</li>
 *   <li>{@code silent}: pipe the worker's stdio to the primary instead of sharing the primary's; default false.</li>
 * </ul>
 *
 * @param exec     the worker's main class name, or null for "unchanged"
 * @param args     its arguments, or null
 * @param execArgv its JVM options, or null
 * @param silent   whether its stdio is piped, or null
 */
public record Settings(String exec, List<String> args, List<String> execArgv, Boolean silent) {

    public Settings {
        args = args == null ? null : List.copyOf(args);
        execArgv = execArgv == null ? null : List.copyOf(execArgv);
    }

    /** Nothing set: merging it changes nothing. */
    public static Settings none() {
        return new Settings(null, null, null, null);
    }

    /** Node's defaults, filled in: this JVM's main class, no args, no JVM options, not silent. */
    static Settings defaults() {
        return new Settings(primaryMainClass().orElse(null), List.of(), List.of(), false);
    }

    public Settings exec(String mainClass) {
        return new Settings(mainClass, args, execArgv, silent);
    }

    public Settings exec(Class<?> mainClass) {
        return exec(mainClass.getName());
    }

    public Settings args(List<String> arguments) {
        return new Settings(exec, arguments, execArgv, silent);
    }

    public Settings args(String... arguments) {
        return args(List.of(arguments));
    }

    public Settings execArgv(List<String> jvmOptions) {
        return new Settings(exec, args, jvmOptions, silent);
    }

    public Settings execArgv(String... jvmOptions) {
        return execArgv(List.of(jvmOptions));
    }

    public Settings silent(boolean pipeStdio) {
        return new Settings(exec, args, execArgv, pipeStdio);
    }

    /** These settings with every field {@code other} sets replaced by its value (Node's {@code {...settings, ...other}}). */
    Settings mergedWith(Settings other) {
        if (other == null) {
            return this;
        }
        return new Settings(other.exec != null ? other.exec : exec, other.args != null ? other.args : args,
                other.execArgv != null ? other.execArgv : execArgv, other.silent != null ? other.silent : silent);
    }

    /** The class the java launcher started, if it started a class (not {@code -jar}, not a source file). */
    static Optional<String> primaryMainClass() {
        return mainClassOf(System.getProperty("sun.java.command", ""));
    }

    /** The main class in a {@code sun.java.command} value: its first word, if that names a class. */
    static Optional<String> mainClassOf(String javaCommand) {
        String command = javaCommand.strip();
        if (command.isEmpty()) {
            return Optional.empty();
        }
        String first = command.split("\\s+")[0];
        boolean looksLikeClass = !first.toLowerCase(Locale.ROOT).endsWith(".jar") && !first.endsWith(".java")
                && first.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
        return looksLikeClass ? Optional.of(first) : Optional.empty();
    }
}
