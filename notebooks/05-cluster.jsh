// Lab 05 - The cluster: the classroom walkthrough.
// Run it with the lab's classes on the class path: ./workbook notebook 5
// Every number on the screen is measured live, on the machine in front of you; nothing here checks one. Every worker
// it forks it also ends. A worker is a whole JVM: starting a cluster takes a second or more, not a hang.

import java.io.File;
import java.util.*;
import java.util.concurrent.*;
import java.util.stream.Collectors;
import cachetocluster.child.Signal;
import cachetocluster.cluster.*;
import cachetocluster.cluster.demo.*;

// "Workers are forked JVMs, and they need our classes on THEIR class path: fork() passes this JVM's java.class.path
//  on. JShell loads the lab's classes through a class loader of its own, so we put their path where fork looks."
String labClassPath() {
    if (Cluster.class.getClassLoader() instanceof java.net.URLClassLoader loader && loader.getURLs().length > 0) {
        return Arrays.stream(loader.getURLs()).map(u -> new File(java.net.URI.create(u.toString())).getPath()).collect(Collectors.joining(File.pathSeparator));
    }
    return System.getProperty("java.class.path");
}
System.setProperty("java.class.path", labClassPath());

// "Node: if (cluster.isPrimary) { cluster.fork(); cluster.fork(); } else { http.createServer(...).listen(3000); }
//  One program, two roles: what tells them apart is an environment variable the primary sets for its workers."
IO.println("this JShell is the primary? " + Cluster.isPrimary() + "  (a worker has " + Primary.UNIQUE_ID_ENV + " in its environment)");

// "Round-robin, without sockets: the primary's scheduler (your exercise 1). Three workers join; connections come.
//  Each worker may have ONE hand-off in flight; the next waits for its answer."
RoundRobinScheduler<String> rr = new RoundRobinScheduler<>();
for (int w = 1; w <= 3; w++) rr.addWorker(w);
IO.println("free: " + rr.freeWorkers());
for (String c : List.of("c1", "c2", "c3", "c4", "c5")) IO.println("connection " + c + " -> " + rr.connection(c));
IO.println("pending: " + rr.pendingCount() + "  (every worker is busy: c4 and c5 wait in the primary)");
IO.println("worker 2 answers 'accepted' -> " + rr.accepted(2));
IO.println("worker 1 answers 'refused' (it is closing) -> " + rr.refused(1));
// "c1 went back to the head of the queue; no other worker was free, so it bounced straight back to worker 1, as in
//  Node: it bounces until someone else is free or the refuser leaves (removeWorker)."

// "A real cluster: a primary of our own, 2 workers running the hello server, round-robin. The events as Node names them."
DemoCluster cluster = new DemoCluster(SchedulingPolicy.RR, List.of());
int port = cluster.start(2);
cluster.events().forEach(e -> IO.println("  " + e));

// "curl, ten times, a new connection each. The body names the worker."
List<Integer> who = new ArrayList<>();
for (int i = 0; i < 10; i++) who.add(HelloClient.workerOf(port, 10_000));
IO.println("served by: " + who);
IO.println("the primary's books (accepted, refused per worker): " + cluster.primary().roundRobinCounts());

// "Kill one. SIGKILL: no handler runs. The primary sees 'disconnect' and 'exit' (null, 'SIGKILL'); the port is the
//  primary's, so it keeps answering, from the worker that is left."
cluster.primary().workers().get(1).kill(Signal.SIGKILL);
for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); System.nanoTime() < until
        && cluster.events().stream().noneMatch(e -> e.name().equals("exit")); ) Thread.sleep(50);
cluster.events().stream().filter(e -> e.worker() == 1).forEach(e -> IO.println("  " + e));
List<Integer> after = new ArrayList<>();
for (int i = 0; i < 6; i++) after.add(HelloClient.workerOf(port, 10_000));
IO.println("served by, after the kill: " + after);
cluster.close();

// "How even? Fairness (your exercise 3). The Node docs, on the shared handle: 'over 70% of all connections in just
//  two processes, out of eight'. As counts, against a perfect split:"
Fairness docs = Fairness.of(360, 355, 45, 45, 45, 50, 50, 50);
Fairness even = Fairness.of(125, 125, 125, 125, 125, 125, 125, 125);
IO.println("docs' case:  " + docs.summary());
IO.println("even:        " + even.summary());

// "Now measured: the three modes, 4 workers each, 600 short connections from 8 client threads. (About 30 s: three
//  clusters start, one after the other.)"
List<Distribution.ModeResult> modes = new ArrayList<>();
for (SchedulingPolicy p : SchedulingPolicy.values()) modes.add(Distribution.runMode(p, 4, 600, 8, List.of()));
Distribution.print(modes, System.out);

// "rr is even by design; none and reuseport are as even as the kernel makes them, here. Why the docs saw 70% in two
//  workers, and why reuseport is different again: the lab sheet, 'Three ways to share a port'. Next:
//  ./workbook run 5 serve, then who-served, distribution, crash; and ./workbook grade 5."
