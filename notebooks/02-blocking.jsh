// Lab 02 - One thread, one stack: the classroom walkthrough.
// Run it with the lab's classes on the class path: ./workbook notebook 2
// Every number on the screen is measured live, on the machine in front of you, in about 10 s. Nothing
// here checks a number: they differ from machine to machine, and the lab sheet explains why.

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.*;
import java.util.stream.*;
import cachetocluster.blocking.*;

// "JavaScript runs our code on one thread, with one call stack. While a function runs, nothing else
//  runs. Node is fine with that because no function ever waits: I/O goes to the event loop. Today we
//  ask what would happen if the one thread DID wait. We build a blocking HTTP server with exactly one
//  thread, and give it a handler that sleeps 200 ms, like a slow database query."

// (First a few hundred quick requests, so that the JIT has compiled the HTTP code before we time it.)
try (var warm = BlockingServer.start(new Mode.VirtualThreads(), Handlers.hello(), 0)) { ClosedLoopLoad.run(warm.port(), 4, 100, Duration.ofSeconds(20)); }

var single = BlockingServer.start(new Mode.SingleThreaded(), Handlers.slow(Duration.ofMillis(200)), 0);
IO.println("listening on 127.0.0.1:" + single.port() + ", " + single.mode().label());

// "One client, one request: 200 ms, the handler's sleep. Nothing surprising."
IO.println(ClosedLoopLoad.run(single.port(), 1, 1, Duration.ofSeconds(10)));

// "Now five clients at the same moment. Each one's request needs 200 ms of the server. How long does
//  each client wait? Guess before we run it."
var five = ClosedLoopLoad.run(single.port(), 5, 1, Duration.ofSeconds(10));
String waits(ClosedLoopLoad.Result r) {
    var list = new ArrayList<String>();
    r.latency().recordedValues().forEach(v -> { for (long i = 0; i < v.getCountAtValueIteratedTo(); i++) list.add(Math.round(v.getValueIteratedTo() / 1e6) + " ms"); });
    return String.join(", ", list);
}
IO.println(five + "\neach request waited: " + waits(five) + "\nhandlers at once: " + single.maxConcurrentRequests());

// "200, 400, 600, 800, 1000. The last client waited five times the work, and the server was asleep
//  almost the whole time: sleeping uses no CPU. The thread was not busy, it was BLOCKED, and while it
//  was blocked nobody else could be served. That is JavaScript's one stack, if JavaScript could block."
single.close();

// "Which thread runs a handler? Let's ask it. The 'where' handler names its thread before and after a
//  10 ms sleep. A small client that sends one request and closes:"
String get(int port) throws Exception {
    try (var socket = new Socket("127.0.0.1", port)) {
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return answer.substring(answer.indexOf("\r\n\r\n") + 4).strip();
    }
}
for (Mode mode : List.of(new Mode.SingleThreaded(), new Mode.ThreadPool(4), new Mode.VirtualThreads())) {
    try (var server = BlockingServer.start(mode, Handlers.where(Duration.ofMillis(10)), 0)) {
        IO.println(mode.label() + ":\n  " + get(server.port()).replace("\n", "\n  "));
    }
}

// "The single server's handler runs on the thread that also accepts connections: one thread for
//  everything. The pool's runs on one of its four platform threads. The virtual one runs on a virtual
//  thread, and the text after the @ is its CARRIER, the platform thread it was mounted on. When a virtual
//  thread blocks (a sleep, a socket read), the JDK unmounts it: its stack is saved on the heap and the
//  carrier runs another virtual thread. After the sleep it may come back on another carrier."

// "So: give each connection a thread. First a pool of 4 platform threads, 10 clients."
try (var pool = BlockingServer.start(new Mode.ThreadPool(4), Handlers.slow(Duration.ofMillis(200)), 0)) {
    var r = ClosedLoopLoad.run(pool.port(), 10, 1, Duration.ofSeconds(10));
    IO.println(r + "\neach request waited: " + waits(r) + "\nhandlers at once: " + pool.maxConcurrentRequests());
}

// "Waves: four answered after 200 ms, four after 400, two after 600. A connection holds its thread until
//  it closes; the others wait in the pool's queue. Tomcat's classic connector works this way, with 200
//  threads: the 201st client waits. Now a virtual thread per connection, with no bound."
try (var virtual = BlockingServer.start(new Mode.VirtualThreads(), Handlers.slow(Duration.ofMillis(200)), 0)) {
    var r = ClosedLoopLoad.run(virtual.port(), 10, 1, Duration.ofSeconds(10));
    IO.println(r + "\nhandlers at once: " + virtual.maxConcurrentRequests());
    var many = ClosedLoopLoad.run(virtual.port(), 500, 1, Duration.ofSeconds(20));
    IO.println(many + "\nhandlers at once: " + virtual.maxConcurrentRequests());
}

// "Everyone at once: 10 clients in 200 ms, and 500 in about the same. 500 handlers were asleep at the
//  same moment, on a couple of carriers. (500 platform threads would work too; the difference is what
//  each costs: a platform thread is a kernel thread with a stack of its own, a virtual thread is an
//  object on the heap.) But now make the handler COMPUTE 50 ms instead of sleeping."
int cores = Runtime.getRuntime().availableProcessors();
for (Mode mode : List.of(new Mode.ThreadPool(4), new Mode.VirtualThreads())) {
    try (var server = BlockingServer.start(mode, Handlers.cpu(Duration.ofMillis(50)), 0)) {
        var r = ClosedLoopLoad.run(server.port(), 10, 1, Duration.ofSeconds(20));
        IO.println(String.format(Locale.ROOT, "%-9s cpu:50ms on %d cores: %.1f req/s, longest wait %.0f ms, handlers at once %d",
                mode.label(), cores, r.requestsPerSecond(), r.maxMillis(), server.maxConcurrentRequests()));
    }
}

// "Both near cores x 1000 / 50 requests per second. Virtual threads make WAITING cheap, not computing:
//  a computing thread needs a core, and there are only so many. Look at 'handlers at once' for the
//  virtual server: about the number of cores. The JDK does not time-slice virtual threads, so one keeps
//  its carrier until it blocks. Node has the same limit: one busy callback stops its whole loop."

// "One more way to wait: a client that connects and says nothing. Our single server waits in read()
//  for its request, up to the idle timeout (Node's keepAliveTimeout is 5 s; here 1 s)."
try (var patient = BlockingServer.start(new Mode.SingleThreaded(), Handlers.hello(), 0, Duration.ofSeconds(1));
     var silent = new Socket("127.0.0.1", patient.port())) {
    long start = System.nanoTime();
    String answer = get(patient.port());
    IO.println(String.format(Locale.ROOT, "\"%s\" after %.0f ms: the silent client held the only thread until it timed out", answer, (System.nanoTime() - start) / 1e6));
}

// "A slow client does the same with the header lines, one byte a second: that attack is 'slowloris'.
//  Last: can we predict all this? Throughput (your exercise) computes the model of the lab sheet.
//  Predict, then verify:"
for (var scenario : List.of(new Scenario(new Mode.SingleThreaded(), new Work.Waits(100), 8, 2),
        new Scenario(new Mode.ThreadPool(3), new Work.Waits(100), 8, 2),
        new Scenario(new Mode.VirtualThreads(), new Work.Waits(100), 8, 2))) {
    var p = Throughput.predict(scenario);
    try (var server = BlockingServer.start(scenario.mode(), scenario.work().handler(), 0)) {
        var r = ClosedLoopLoad.run(server.port(), scenario.clients(), scenario.requestsEach(), Duration.ofSeconds(20));
        IO.println(String.format(Locale.ROOT, "%-36s predicted %5.1f req/s, longest wait %5.0f ms | measured %5.1f req/s, longest wait %5.0f ms",
                scenario, p.requestsPerSecond(), p.worstWaitMillis(), r.requestsPerSecond(), r.maxMillis()));
    }
}

// "Node's answer to all of this is the other way round: never block the one thread. The thread hands
//  every wait to the kernel (epoll) or to a small pool (libuv's four threads for files and DNS) and
//  goes on with the next callback. Lab 03 builds that loop on NIO."
IO.println("who waits: on one thread, everybody; on a pool, whoever is past its size; on virtual threads, nobody, unless they compute. Next: ./workbook run 2, then lab 03.");
