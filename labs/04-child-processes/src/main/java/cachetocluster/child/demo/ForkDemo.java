package cachetocluster.child.demo;

import cachetocluster.child.ChildProcess;
import cachetocluster.child.ChildProcesses;
import cachetocluster.child.Exit;
import cachetocluster.child.ForkOptions;
import cachetocluster.child.Parent;
import cachetocluster.child.Stdio;
import cachetocluster.child.demo.Demos.DemoFailure;
import cachetocluster.eventloop.demo.Options;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lab 04, step 1: Node's first {@code child_process.fork} example, on the JVM.
 *
 * <pre>{@code
 * const child = fork('child.js');                        // ChildProcesses.fork(Child.class, ...)
 * child.on('message', m => console.log('parent got', m)); // child.onMessage(...)
 * child.send({ hello: 'world' });                        // child.send(Map.of("hello", "world"))
 * // child.js:
 * process.on('message', m => process.send({ saw: m }));  // Parent.onMessage(m -> Parent.send(...))
 * }</pre>
 *
 * <p>The parent sends values of several Java types; the child answers each with what it got and as which Java type.
 * What crosses is JSON text, so types do not: a record arrives as a map, a small long as an Integer, an Instant as a
 * String, exactly as a class instance arrives in Node as a plain object and a Date as a string. Then the child is
 * asked to {@code System.exit(3)}, and the parent reports {@code 'exit' (3, null)} as Node would. The child also
 * prints to its stdout, a pipe of its own: the channel is a separate socket, so printing never corrupts a message.
 */
public final class ForkDemo {

    /** The forked child: hello with its pid and its parent's, then an answer to every message, exit on request. */
    public static final class Child {
        private Child() {}

        public static void main(String[] args) {
            long pid = ProcessHandle.current().pid();
            long ppid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
            System.out.println("child " + pid + ": main started, forked: " + Parent.isForked());
            Parent.onMessage(message -> {
                if (message instanceof Map<?, ?> m && "exit".equals(m.get("cmd"))) {
                    System.out.println("child " + pid + ": asked to exit with " + m.get("code"));
                    System.exit(((Number) m.get("code")).intValue());
                }
                System.out.println("child " + pid + ": got " + message);
                Parent.send(Demos.ordered("saw", message, "javaType", typeName(message)));
            });
            Parent.send(Demos.ordered("hello", "from the child", "pid", pid, "ppid", ppid));
            // main returns here; the channel, with a 'message' listener, keeps this JVM alive (as in Node).
        }
    }

    /** A record: it leaves as a JSON object and arrives as a map. */
    public record Point(int x, int y) {}

    /** One message: what the parent sent, the JSON that travelled, what the child got and as which type. */
    public record Exchange(Object sent, String wire, Object got, String gotType) {}

    /** Everything the demo saw. {@code events} are the child's events in order, e.g. {@code "exit(3, null)"}. */
    public record Result(long parentPid, long childPid, long childsParentPid, long forkToHelloNanos,
                         List<Exchange> exchanges, int exitCodeAsked, Exit exit, Integer exitCode, String signalCode,
                         List<String> events, List<String> childStdout) {}

    /** What the parent sends, in order: one of each kind JSON has, and three it does not. */
    static List<Object> samples() {
        return List.of(42, 5L, 1L << 40, 2.5, "héllo, wörld ✓", new ArrayList<>(List.of(1, "two", 3.0)),
                new Point(3, 4), Instant.parse("2025-01-01T00:00:00Z"), true);
    }

    private ForkDemo() {}

    /** Forks the child, exchanges the samples, asks it to exit with {@code exitCode}, and waits for 'close'. */
    public static Result run(int exitCode) throws IOException, InterruptedException, DemoFailure {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        List<String> stdout = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        ChildProcess child = ChildProcesses.fork(Child.class, List.of(),
                new ForkOptions().stdio(Stdio.IGNORE, Stdio.PIPE, Stdio.INHERIT));
        try {
            Demos.Inbox inbox = Demos.Inbox.of(child);
            child.onStdoutLine(stdout::add)
                    .onSpawn(() -> events.add("spawn"))
                    .onMessage(m -> events.add("message"))
                    .onError(e -> events.add("error: " + e.getMessage()))
                    .onDisconnect(() -> events.add("disconnect"))
                    .onExit((code, signal) -> events.add("exit(" + code + ", " + signal + ")"))
                    .onClose((code, signal) -> events.add("close(" + code + ", " + signal + ")"));
            Map<?, ?> hello = inbox.nextMap("the child's hello");
            long forkToHello = System.nanoTime() - start;
            List<Exchange> exchanges = new ArrayList<>();
            for (Object sample : samples()) {
                child.send(sample);
                Map<?, ?> answer = inbox.nextMap("the child's answer to " + sample);
                exchanges.add(new Exchange(sample, Demos.json(sample), answer.get("saw"), (String) answer.get("javaType")));
            }
            child.send(Demos.ordered("cmd", "exit", "code", exitCode));
            Exit exit = Demos.await(child.closed(), "the child's 'close'");
            return new Result(ProcessHandle.current().pid(), child.pid(), ((Number) hello.get("ppid")).longValue(),
                    forkToHello, exchanges, exitCode, exit, child.exitCode(), child.signalCode(), List.copyOf(events),
                    List.copyOf(stdout));
        } finally {
            child.kill(cachetocluster.child.Signal.SIGKILL); // false (and harmless) once it has exited
        }
    }

    /** The step's command line: {@code [--exit-code N]}. */
    public static int command(String[] args, PrintStream out, PrintStream err) {
        String usage = "usage: fork [--exit-code N]   (the code the child exits with; default 3)";
        int exitCode = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.println(usage);
                    return 0;
                }
                case "--exit-code" -> {
                    Integer n = Options.count(i + 1 < args.length ? args[++i] : null, 0, 255);
                    if (n == null) {
                        err.println("fork: --exit-code needs a whole number from 0 to 255 (" + usage + ")");
                        return 2;
                    }
                    exitCode = n;
                }
                default -> {
                    err.println("fork: unknown option '" + args[i] + "' (" + usage + ")");
                    return 2;
                }
            }
        }
        out.println("Lab 04, step 1: fork a child JVM and talk to it over the IPC channel");
        out.println();
        try {
            print(run(exitCode), out);
            return 0;
        } catch (DemoFailure | IOException | RuntimeException e) {
            err.println("fork: " + e.getMessage()); // with --mine, an exercise's TODO names its method and task
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    public static void print(Result r, PrintStream out) {
        out.println("  parent   pid " + r.parentPid() + ": fork(ForkDemo.Child), stdin ignored, stdout piped, stderr inherited");
        out.println("  child    pid " + r.childPid() + "; its parent, as the child sees it: pid " + r.childsParentPid());
        out.println("           first message " + Demos.millis(r.forkToHelloNanos())
                + " after fork(): a whole JVM started, connected the channel and ran main");
        out.println();
        String row = "  %-32s %-26s %s";
        out.println(String.format(Locale.ROOT, row, "parent sent (Java)", "on the wire (JSON)", "child got (Java)"));
        for (Exchange e : r.exchanges()) {
            out.println(String.format(Locale.ROOT, row, e.sent() + " (" + typeName(e.sent()) + ")", e.wire(),
                    e.got() + " (" + e.gotType() + ")"));
        }
        out.println();
        out.println("  parent sent {\"cmd\":\"exit\",\"code\":" + r.exitCodeAsked() + "}; the child called System.exit("
                + r.exitCodeAsked() + ")");
        out.println("  'exit' (code, signal) = (" + r.exit().code() + ", " + r.exit().signal() + "); exitCode "
                + r.exitCode() + ", signalCode " + r.signalCode());
        out.println("  the child's events, in order: " + compress(r.events()));
        out.println();
        out.println("  the child's stdout (a pipe of its own; messages never travel on it):");
        r.childStdout().forEach(line -> out.println("    " + line));
    }

    /** "message, message, message" as "message x3". */
    static String compress(List<String> events) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < events.size(); ) {
            int j = i;
            while (j < events.size() && events.get(j).equals(events.get(i))) {
                j++;
            }
            out.add(events.get(i) + (j - i > 1 ? " x" + (j - i) : ""));
            i = j;
        }
        return String.join(", ", out);
    }

    static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
