package cachetocluster.child.demo;

import cachetocluster.child.ChildProcess;
import cachetocluster.child.ChildProcesses;
import cachetocluster.child.ForkOptions;
import cachetocluster.child.Parent;
import cachetocluster.child.Signal;
import cachetocluster.child.Stdio;
import cachetocluster.child.demo.Demos.DemoFailure;
import cachetocluster.eventloop.demo.Options;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lab 04, step 2: a forked child has a heap of its own. One static field, {@link #counter}, exists once per JVM: the
 * parent counts in its copy, the child in its own, and neither sees the other's. Node says the same of a forked
 * child, "with its own memory, with their own V8 instances": a module-level {@code let counter = 0} is one variable
 * per process, and so is every cache, connection pool and singleton.
 *
 * <p>Two more consequences, shown as well. A message is a copy (JSON text, parsed anew), so the child changing what it
 * got changes nothing in the parent. And the child's heap has its own limit: it is started with {@code -Xmx64m}
 * (Node: {@code execArgv: ['--max-old-space-size=64']}) while the parent keeps its own.
 */
public final class SeparateHeaps {

    /** The counter this demo is about: one per JVM. */
    static int counter;

    /** The forked child: the same class, so the same static field, in another JVM. */
    public static final class Child {
        private Child() {}

        public static void main(String[] args) {
            Parent.onMessage(message -> {
                Map<?, ?> m = (Map<?, ?>) message;
                switch ((String) m.get("op")) {
                    case "increment" -> Parent.send(Demos.ordered("counter", ++counter));
                    case "append" -> {
                        @SuppressWarnings("unchecked")
                        List<Object> list = (List<Object>) m.get("list");
                        list.add(4); // the child's copy: the parent's list is in another heap
                        Parent.send(Demos.ordered("list", list));
                    }
                    default -> Parent.send(Demos.ordered("unknown", m.get("op")));
                }
            });
            Runtime rt = Runtime.getRuntime();
            Parent.send(Demos.ordered("pid", ProcessHandle.current().pid(), "counter", counter,
                    "maxHeap", rt.maxMemory(), "usedHeap", rt.totalMemory() - rt.freeMemory()));
        }
    }

    /** What one process reported about itself. */
    public record Heap(long pid, long maxHeapBytes, long usedHeapBytes) {}

    /**
     * @param parentCounts    the parent's counter after each of its steps
     * @param childCounts     the child's counter as it reported it after each increment message
     * @param sentList        the list the parent sent, as it is in the parent after the child's answer
     * @param childsList      the list the child answered with, after appending 4 to what it got
     */
    public record Result(Heap parent, Heap child, int rounds, int parentStep, int childStep, List<Integer> parentCounts,
                         List<Integer> childCounts, List<Integer> sentList, Object childsList) {}

    private SeparateHeaps() {}

    /**
     * {@code rounds} times: the parent adds {@code parentStep} to its counter and asks the child to increment its own
     * {@code childStep} times; then the list experiment.
     */
    public static Result run(int rounds, int parentStep, int childStep) throws IOException, InterruptedException, DemoFailure {
        counter = 0;
        ChildProcess child = ChildProcesses.fork(Child.class, List.of(),
                new ForkOptions().execArgv("-Xmx64m").stdio(Stdio.IGNORE, Stdio.INHERIT, Stdio.INHERIT));
        try {
            Demos.Inbox inbox = Demos.Inbox.of(child);
            Map<?, ?> hello = inbox.nextMap("the child's hello");
            Heap childHeap = new Heap(((Number) hello.get("pid")).longValue(), ((Number) hello.get("maxHeap")).longValue(),
                    ((Number) hello.get("usedHeap")).longValue());
            List<Integer> parentCounts = new ArrayList<>();
            List<Integer> childCounts = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                counter += parentStep;
                parentCounts.add(counter);
                int reported = -1;
                for (int i = 0; i < childStep; i++) {
                    child.send(Demos.ordered("op", "increment"));
                    reported = ((Number) inbox.nextMap("the child's counter").get("counter")).intValue();
                }
                childCounts.add(reported);
            }
            List<Integer> sent = new ArrayList<>(List.of(1, 2, 3));
            child.send(Demos.ordered("op", "append", "list", sent));
            Object childsList = inbox.nextMap("the child's list").get("list");
            Runtime rt = Runtime.getRuntime();
            Heap parentHeap = new Heap(ProcessHandle.current().pid(), rt.maxMemory(), rt.totalMemory() - rt.freeMemory());
            child.disconnect(); // nothing else keeps the child alive: it exits 0, as a Node child would
            Demos.await(child.exited(), "the child's exit after disconnect");
            return new Result(parentHeap, childHeap, rounds, parentStep, childStep, parentCounts, childCounts, sent, childsList);
        } finally {
            child.kill(Signal.SIGKILL); // false (and harmless) once it has exited
        }
    }

    /** The step's command line: {@code [--rounds N]}. */
    public static int command(String[] args, PrintStream out, PrintStream err) {
        String usage = "usage: heaps [--rounds N]   (default 3: the parent adds 10 per round, the child 1 per message, 2 messages)";
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.println(usage);
                    return 0;
                }
                case "--rounds" -> {
                    Integer n = Options.count(i + 1 < args.length ? args[++i] : null, 1, 1000);
                    if (n == null) {
                        err.println("heaps: --rounds needs a whole number from 1 to 1000 (" + usage + ")");
                        return 2;
                    }
                    rounds = n;
                }
                default -> {
                    err.println("heaps: unknown option '" + args[i] + "' (" + usage + ")");
                    return 2;
                }
            }
        }
        out.println("Lab 04, step 2: one static field, two JVMs, two heaps");
        out.println();
        try {
            print(run(rounds, 10, 2), out);
            return 0;
        } catch (DemoFailure | IOException | RuntimeException e) {
            err.println("heaps: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    public static void print(Result r, PrintStream out) {
        out.println("  the field: static int SeparateHeaps.counter, 0 when each JVM loads the class");
        out.println("  each round: the parent adds " + r.parentStep() + " to its counter; it sends the child "
                + r.childStep() + " {\"op\":\"increment\"} messages, and the child adds 1 to ITS counter for each");
        out.println();
        out.println(String.format("  %-7s %-26s %s", "round", "parent pid " + r.parent().pid(), "child pid " + r.child().pid()));
        for (int i = 0; i < r.rounds(); i++) {
            out.println(String.format("  %-7d counter = %-16d counter = %d", i + 1, r.parentCounts().get(i), r.childCounts().get(i)));
        }
        out.println();
        out.println("  a message is a copy: the parent sent " + Demos.json(r.sentList()) + ", the child appended 4 to what it got");
        out.println("    the child's list: " + Demos.json(r.childsList()) + "   the parent's list, after: " + Demos.json(r.sentList()));
        out.println();
        out.println("  each heap has its own limit (-Xmx):");
        out.println("    parent  max " + mib(r.parent().maxHeapBytes()) + ", in use " + mib(r.parent().usedHeapBytes()));
        out.println("    child   max " + mib(r.child().maxHeapBytes()) + " (forked with execArgv -Xmx64m), in use "
                + mib(r.child().usedHeapBytes()) + " at its start");
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
