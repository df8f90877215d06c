// Lab 03 - The event loop: the classroom walkthrough.
// Run it with the lab's classes on the class path: ./workbook notebook 3
// Every number on the screen is measured live, on the machine in front of you. Nothing here checks a
// number: they differ from machine to machine, and the lab sheet explains why. Everything it starts
// (loops, a server, pool threads) it also closes. Code that is timed sits in one { block }: JShell
// compiles every snippet before it runs it, which takes a few milliseconds of its own.

import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import cachetocluster.eventloop.*;

// "Node runs all of our JavaScript on one thread. So how does one thread serve ten thousand sockets, wait
//  for timers and read files? With a loop: ask the kernel what is ready, run the callbacks for it, repeat.
//  Here is that loop, in Java: one thread, one Selector, and libuv's phases in libuv's order."
EventLoop loop = EventLoop.create();
List<String> log = new ArrayList<>();
Runnable say(String what) { return () -> log.add(what); }
long msSince(long start) { return (System.nanoTime() - start) / 1_000_000; }
void spin(long ms) { long end = System.nanoTime() + ms * 1_000_000; while (System.nanoTime() < end) Thread.onSpinWait(); }

// "Node's favourite puzzle: a 0 ms timeout, an immediate, a nextTick and a microtask, all scheduled by the
//  main script. Who goes first? Place your bets."
{
    loop.setTimeout(say("setTimeout 0"), 0);
    loop.setImmediate(say("setImmediate"));
    loop.nextTick(say("nextTick"));
    loop.queueMicrotask(say("queueMicrotask"));
    log.add("main script");
    loop.run();
}
IO.println(String.join(" > ", log));

// "The main script finishes first: it is a callback too, and nothing interrupts a callback. Right after
//  it, every nextTick, then every microtask. Then the first turn of the loop: timers, pending, poll,
//  check (the immediates), close. A 0 ms timeout is really 1 ms: it runs in the first timers phase only
//  if the loop's clock has moved 1 ms since setTimeout, so either of the last two can come first. Which
//  one? Give the main script 2 ms more work after setTimeout, and watch."
for (int busy : new int[] {0, 2}) {
    log.clear();
    loop.setTimeout(say("setTimeout 0"), 0);
    loop.setImmediate(say("setImmediate"));
    spin(busy);
    loop.run();
    IO.println(busy + " ms of work after setTimeout: " + String.join(" > ", log));
}

// "That is why Node's guide calls the order 'non-deterministic' from the main module. Inside an I/O
//  callback it is not: poll runs the callback, check comes right after poll, timers only next turn. We
//  read a file on the worker pool (fs.readFile) and schedule both from its callback."
Path file = Files.writeString(Files.createTempFile("c2c-lab03-", ".txt"), "hello from the disk\n");
{
    log.clear();
    Fs.readFile(loop, file, (error, bytes) -> {
        log.add("readFile callback");
        loop.setTimeout(say("setTimeout 0"), 0);
        loop.setImmediate(say("setImmediate"));
    });
    loop.run();
}
IO.println(String.join(" > ", log));

// "When does run() return? When nothing could ever happen again: no timer, no immediate, no watched
//  socket, no work on the pool. That is exactly when a Node process exits on its own."
{
    long start = System.nanoTime();
    loop.run();
    IO.println("nothing to do:   run() returned after " + msSince(start) + " ms");
    start = System.nanoTime();
    loop.setTimeout(say("the 50 ms timer"), 50);
    loop.run();
    IO.println("one 50 ms timer: run() returned after " + msSince(start) + " ms");
}

// "A timer that should not keep the process alive, say a cache cleanup every minute, is unref'd: it
//  still fires while something else keeps the loop running, but on its own it does not keep run()
//  going. Node's setInterval(...).unref(); the delay monitor we use later works the same way."
{
    var cleanup = loop.setInterval(say("cleanup"), 60_000).unref();
    long start = System.nanoTime();
    loop.run();
    IO.println("an unref'd 60 s interval: run() returned after " + msSince(start) + " ms; still scheduled: "
            + cleanup.isActive() + ", keeps the loop alive: " + cleanup.hasRef());
    loop.clearInterval(cleanup);
}

// "Microtasks run after EVERY callback, and there is no limit to how many. A microtask that queues
//  itself again keeps the loop from ever reaching its timers: not one long callback, but an endless
//  chain of short ones. This one stops itself after 200,000 rounds; a bug would not."
{
    int[] rounds = {0};
    int[] seenByTimer = {-1};
    Runnable[] again = new Runnable[1];
    again[0] = () -> { if (++rounds[0] < 200_000) loop.queueMicrotask(again[0]); };
    loop.setTimeout(() -> seenByTimer[0] = rounds[0], 0);
    loop.queueMicrotask(again[0]);
    loop.run();
    IO.println("the 0 ms timer ran after " + seenByTimer[0] + " microtasks");
}

// "Now the real job: HTTP. http.createServer on our loop, on a free port. The loop runs on a thread of
//  its own, so this notebook can be the client. From now on only the loop thread touches the loop; we
//  hand it work with loop.execute(...)."
HttpServer server = HttpServer.create(loop, HttpServer.Handler.named("hello",
        (req, res) -> res.end("Hello, " + req.path() + " from thread " + Thread.currentThread().getName() + "\n"))).listen(0);
Thread loopThread = Thread.ofPlatform().name("event-loop").start(loop::run);
String exchange(String requests) throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", server.port())) {
        socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
        socket.shutdownOutput(); // "that's all": the server answers what was asked, then closes
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
}
IO.println(exchange("GET /first HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));

// "One request, one response, and the connection could stay open for the next (keep-alive). HTTP/1.1
//  also lets a client send several requests without waiting: pipelining. Here three arrive in ONE read,
//  and the parser has to find where each ends. The answers leave in request order."
exchange("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c HTTP/1.1\r\nHost: x\r\n\r\n").lines().filter(line -> line.startsWith("HTTP/") || line.startsWith("Hello")).forEach(line -> IO.println("  " + line));

// "How long does a request take when the loop is free? A thousand GETs, one after the other, on one
//  keep-alive connection, after two thousand to warm up (the first ones load and compile code)."
try (var client = new cachetocluster.eventloop.demo.DemoClient(server.port(), 5_000)) {
    for (int i = 0; i < 2_000; i++) client.get("/");
    long start = System.nanoTime();
    for (int i = 0; i < 1_000; i++) client.get("/");
    IO.println(String.format(Locale.ROOT, "1000 GETs on one connection: %.0f us each, round trip included", (System.nanoTime() - start) / 1e3 / 1000));
}

// "server.close(): stop accepting, close the idle connections. With the listening socket gone nothing
//  keeps the loop alive, so run() returns and the loop thread ends on its own."
{
    loop.execute(server::close);
    loopThread.join(5_000);
    IO.println("loop thread alive after server.close(): " + loopThread.isAlive());
}

// "Now let's break it. One callback that works for 300 ms: resizing an image, a big JSON.parse, a
//  synchronous query. perf_hooks.monitorEventLoopDelay() measures how late a 10 ms timer gets to run;
//  our DelayMonitor also names every callback that held the loop for more than 100 ms."
DelayMonitor monitor = DelayMonitor.monitorEventLoopDelay(loop).onBlocked(report -> IO.println("  report: " + report));
{
    monitor.enable();
    loop.setTimeout(EventLoop.named("resize images", () -> spin(300)), 100);
    loop.setTimeout(monitor::disable, 600);
    loop.run();
}
IO.println("loop delay: " + monitor.summary());

// "Read it like Node's histogram: it holds the INTERVALS between the monitor's 10 ms ticks. An idle
//  loop records about 10 ms; the 300 ms callback made one interval of about 300 ms, and that is the
//  max. Everything else on this loop, every request of every client, waited those 300 ms too.
//
//  The fix: give blocking work to the worker pool, libuv's threadpool (4 threads: UV_THREADPOOL_SIZE in
//  Node, C2C_THREADPOOL_SIZE here). The loop only starts the job and, later, runs its callback. Five
//  jobs of 200 ms each: watch the fifth."
{
    monitor.reset();
    monitor.enable();
    long start = System.nanoTime();
    for (int job = 1; job <= 5; job++) {
        int n = job;
        loop.workerPool().submit(() -> { Thread.sleep(200); return Thread.currentThread().getName(); },
                (error, worker) -> IO.println("  job " + n + " done after " + msSince(start) + " ms on " + worker
                        + ", its callback on " + Thread.currentThread().getName()));
    }
    loop.run();
    monitor.disable();
}
IO.println("loop delay meanwhile: " + monitor.summary() + ", blocked callbacks: " + monitor.blockedCount());

// "Four threads, so the fifth job waited for a free one: about 400 ms. And the loop? Never late: the
//  waiting happened on the pool's threads. That is the whole trick of Node: one thread for your code,
//  epoll for the sockets, a small pool for whatever can only block."
{
    loop.close();
    Files.deleteIfExists(file);
    IO.println("loop closed, its pool threads too. Next: ./workbook run 3, then responsive, blocked, offloaded.");
}
