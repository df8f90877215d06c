package cachetocluster.child.demo;

import cachetocluster.child.ChildProcess;
import cachetocluster.child.ChildProcesses;
import cachetocluster.child.Exit;
import cachetocluster.child.ForkOptions;
import cachetocluster.child.Parent;
import cachetocluster.child.Signal;
import cachetocluster.child.Stdio;
import cachetocluster.child.demo.Demos.DemoFailure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Lab 04, step 5: how a child ends, as Node reports it. Five children, each ended another way: {@code kill()}
 * (SIGTERM), {@code kill('SIGINT')}, {@code kill('SIGKILL')}, {@code kill('SIGUSR2')} to a child that handles it, and
 * a child that calls {@code System.exit(143)} itself. For each: what the child still said over the channel, Node's
 * {@code 'exit' (code, signal)}, and what the JDK's {@code Process.exitValue()} says, which cannot tell SIGTERM from
 * {@code exit(143)} (see ExitStatus for how the toolkit can).
 *
 * <p>Two things to see. A JVM catches TERM and INT and runs its shutdown hooks, so a child killed politely still says
 * goodbye, over a channel that {@code kill} leaves open (Node changed exactly this in #34312: kill used to disconnect
 * first, and the goodbye was lost). SIGKILL cannot be caught: no hook runs, nothing more is said.
 *
 * <p>Started in the background ({@code ... &}), this process ignores SIGINT, and the table shows that its children do
 * not: ChildMain sets an inherited ignored signal back to its default, as libuv does for a Node child.
 */
public final class Signals {

    /** The child: says goodbye from a shutdown hook, handles USR2 if asked to, exits on request. */
    public static final class Child {
        private Child() {}

        public static void main(String[] args) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Parent.send("bye (from a shutdown hook)")));
            if (List.of(args).contains("usr2")) {
                sun.misc.Signal.handle(new sun.misc.Signal("USR2"),
                        s -> Parent.send("caught SIG" + s.getName() + ", still running"));
            }
            Parent.onMessage(message -> {
                if (message instanceof Map<?, ?> m && "exit".equals(m.get("cmd"))) {
                    System.exit(((Number) m.get("code")).intValue());
                }
            });
            Parent.send(Demos.ordered("ready", ProcessHandle.current().pid(),
                    "ignores", ignoredHere().stream().map(Signal::name).sorted().toList()));
        }
    }

    /** How the demo ends one child. */
    public enum Ending {
        TERM("kill()  (SIGTERM)", Signal.SIGTERM),
        INT("kill('SIGINT')", Signal.SIGINT),
        KILL("kill('SIGKILL')", Signal.SIGKILL),
        USR2("kill('SIGUSR2'), handled; then exit(0)", null), // the child installs its own handler
        EXIT_143("no signal: System.exit(143)", null);

        private final String label;
        private final Signal signal;

        Ending(String label, Signal signal) {
            this.label = label;
            this.signal = signal;
        }

        public String label() {
            return label;
        }

        /** The signal that ends the child at its default disposition, or null. */
        public Signal signal() {
            return signal;
        }
    }

    /**
     * One child's end. {@code ignores}: the signals the child ignored when it was ready (Linux); {@code said}: the
     * messages after its ready, in order; {@code connectedAfterKill}: the channel right after {@code kill} returned
     * (null when no signal was sent).
     */
    public record Outcome(Ending ending, long pid, List<String> ignores, Boolean connectedAfterKill, List<Object> said,
            Exit exit, int exitValue) {}

    private Signals() {}

    /**
     * The signals this process ignores: a shell starts a background job ({@code cmd &}) with SIGINT and SIGQUIT
     * ignored, and {@code nohup} ignores SIGHUP. Every process it starts inherits them, across exec. A JVM started so
     * would install no handler for SIGINT, and {@code kill('SIGINT')} would do nothing to it; so a forked child sets
     * them back to their defaults first thing (ChildMain, InheritedSignals), as libuv does in every Node child
     * (uv__process_child_init). Read from the SigIgn mask of /proc/self/status (Linux; elsewhere: none).
     */
    public static Set<Signal> ignoredHere() {
        try {
            return ignoredIn(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /** The signals in the {@code SigIgn:} line of a /proc status text (bit n - 1 is signal n). */
    static Set<Signal> ignoredIn(String procStatus) {
        Set<Signal> ignored = EnumSet.noneOf(Signal.class);
        procStatus.lines().filter(line -> line.startsWith("SigIgn:")).findFirst().ifPresent(line -> {
            long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
            for (Signal signal : Signal.values()) {
                if ((mask & (1L << (signal.number() - 1))) != 0) {
                    ignored.add(signal);
                }
            }
        });
        return ignored;
    }

    /** Forks one child per ending (side by side), ends each its way, and waits for every 'exit'. */
    public static List<Outcome> run(List<Ending> endings) throws IOException, InterruptedException, DemoFailure {
        List<ChildProcess> children = new ArrayList<>();
        List<List<Object>> said = new ArrayList<>();
        List<CompletableFuture<Object>> firstWords = new ArrayList<>();
        try {
            List<CompletableFuture<Map<?, ?>>> ready = new ArrayList<>();
            for (Ending ending : endings) {
                ChildProcess child = ChildProcesses.fork(Child.class, ending == Ending.USR2 ? List.of("usr2") : List.of(),
                        new ForkOptions().stdio(Stdio.IGNORE, Stdio.INHERIT, Stdio.INHERIT));
                List<Object> messages = Collections.synchronizedList(new ArrayList<>());
                CompletableFuture<Map<?, ?>> isReady = new CompletableFuture<>();
                CompletableFuture<Object> first = new CompletableFuture<>();
                child.onMessage(m -> { // the events of one child run one at a time, in order
                    if (!isReady.isDone()) {
                        isReady.complete((Map<?, ?>) m);
                    } else {
                        messages.add(m);
                        first.complete(m);
                    }
                });
                child.onDisconnect(() -> isReady.completeExceptionally(new IOException("the channel closed before the child was ready")));
                children.add(child);
                said.add(messages);
                ready.add(isReady);
                firstWords.add(first);
            }
            List<List<String>> ignores = new ArrayList<>();
            for (CompletableFuture<Map<?, ?>> r : ready) {
                List<?> names = (List<?>) Demos.await(r, "a child's ready message").get("ignores");
                ignores.add(names.stream().map(String::valueOf).toList());
            }
            List<Boolean> connected = new ArrayList<>();
            for (int i = 0; i < children.size(); i++) {
                ChildProcess child = children.get(i);
                Ending ending = endings.get(i);
                switch (ending) {
                    case TERM -> child.kill();
                    case INT -> child.kill("SIGINT");
                    case KILL -> child.kill(Signal.SIGKILL);
                    case USR2 -> child.kill(Signal.SIGUSR2);
                    case EXIT_143 -> child.send(Demos.ordered("cmd", "exit", "code", 143));
                }
                connected.add(ending == Ending.EXIT_143 ? null : child.connected());
            }
            // The USR2 child lives on: wait for its answer, then ask it to exit.
            int usr2 = endings.indexOf(Ending.USR2);
            if (usr2 >= 0) {
                Demos.await(firstWords.get(usr2), "the answer of the child sent SIGUSR2");
                children.get(usr2).send(Demos.ordered("cmd", "exit", "code", 0));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < children.size(); i++) {
                ChildProcess child = children.get(i);
                Exit exit = Demos.await(child.exited(), "the 'exit' of the child ended by " + endings.get(i).label());
                outcomes.add(new Outcome(endings.get(i), child.pid(), ignores.get(i), connected.get(i), List.copyOf(said.get(i)), exit,
                        child.process().exitValue()));
            }
            return outcomes;
        } finally {
            children.forEach(child -> child.kill(Signal.SIGKILL));
        }
    }

    public static int command(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0) {
            if (args[0].equals("--help") || args[0].equals("-h")) {
                out.println("usage: signals   (no options)");
                return 0;
            }
            err.println("signals: unknown option '" + args[0] + "' (usage: signals, no options)");
            return 2;
        }
        out.println("Lab 04, step 5: one child per ending, as Node's 'exit' (code, signal) reports it");
        out.println();
        try {
            print(run(List.of(Ending.values())), out);
            return 0;
        } catch (DemoFailure | IOException | RuntimeException e) {
            err.println("signals: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    public static void print(List<Outcome> outcomes, PrintStream out) {
        String format = "  %-38s %-10s %-62s %-18s %s";
        out.println(String.format(Locale.ROOT, format, "how it ended", "connected", "what it said after, over the channel",
                "'exit' (code, sig)", "exitValue()"));
        for (Outcome o : outcomes) {
            String said = o.said().isEmpty() ? "nothing" : String.join(", ", o.said().stream().map(Demos::json).toList());
            out.println(String.format(Locale.ROOT, format, o.ending().label(),
                    o.connectedAfterKill() == null ? "-" : String.valueOf(o.connectedAfterKill()), said,
                    "(" + o.exit().code() + ", " + o.exit().signal() + ")", o.exitValue()));
        }
        out.println("  (connected: child.connected right after kill() returned)");
        Set<Signal> ignored = ignoredHere();
        if (!ignored.isEmpty()) {
            List<String> childrenIgnore = outcomes.stream().flatMap(o -> o.ignores().stream()).distinct().sorted().toList();
            out.println("  This process ignores " + ignored.stream().map(Signal::name).sorted().toList() + " (a shell starts a"
                    + " background job, cmd &, so), and its children would inherit that.");
            out.println("  They ignore " + (childrenIgnore.isEmpty() ? "nothing" : childrenIgnore) + ": ChildMain set the"
                    + " inherited ones back to their defaults, as libuv does for a Node child.");
        }
    }
}
