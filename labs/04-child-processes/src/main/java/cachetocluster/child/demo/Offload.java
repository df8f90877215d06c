package cachetocluster.child.demo;

import cachetocluster.child.ChildProcess;
import cachetocluster.child.ChildProcesses;
import cachetocluster.child.ForkOptions;
import cachetocluster.child.Parent;
import cachetocluster.child.Rpc;
import cachetocluster.child.Signal;
import cachetocluster.child.Stdio;
import cachetocluster.child.demo.Demos.DemoFailure;
import cachetocluster.eventloop.DelayMonitor;
import cachetocluster.eventloop.EventLoop;
import cachetocluster.eventloop.Response;
import cachetocluster.eventloop.demo.ProbedServer;
import cachetocluster.eventloop.demo.ServerDemo;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Lab 04, step 3: CPU-heavy work moved to a forked child keeps lab 03's event loop responsive.
 *
 * <p>Lab 03 moved <em>blocking</em> work to the worker pool. Computation is different: on a pool thread it still
 * competes with the loop for the process's cores, and in Node it cannot go to the pool at all (JavaScript runs on one
 * thread). Node's answer is another process: {@code fork('fib.js')}, send it the job, get the answer as a message.
 *
 * <pre>{@code
 * app.get('/fib', (req, res) => res.end(String(fib(40))))                    // Where.LOOP: the loop computes
 * app.get('/fib', async (req, res) => res.end(String(await ask(child, 40))))  // Where.CHILD: a child computes
 * }</pre>
 *
 * <p>The same server runs twice with the same clients: one connection calls {@code GET /fib} back to back, and a
 * probe calls {@code GET /} every 10 ms. The first time the handler computes fib on the loop thread; the second time
 * it sends {@code {"n":40}} to a forked child through {@link Rpc} and answers when the reply comes back, posted to the
 * loop with {@code loop.execute} (as the worker pool posts its completions). The loop's {@link DelayMonitor} and the
 * probe show the difference.
 */
public final class Offload {

    /** Where {@code GET /fib} computes. */
    public enum Where { LOOP, CHILD }

    public record Settings(int n, long durationMs, long probeEveryMs) {
        public Settings {
            if (n < 1 || n > 50 || durationMs < 1 || probeEveryMs < 1) {
                throw new IllegalArgumentException("n must be 1 to 50, durationMs and probeEveryMs positive");
            }
        }
    }

    /** One run: what the clients saw (µs), and what the loop's delay monitor saw (nanoseconds). */
    public record Run(Where where, ServerDemo.Latencies fib, ServerDemo.Latencies hello, long delaySamples, long delayP50Nanos,
                      long delayP99Nanos, long delayMaxNanos, List<DelayMonitor.BlockedCallback> blocked) {}

    public record Result(Settings settings, long fibValue, long oneFibNanos, long childPid, Run onLoop, Run inChild) {}

    static final String HANDLER_NAME = ProbedServer.HANDLER_NAME;

    /** The child: answers {"n": k} with fib(k), one request at a time, on its own core. */
    public static final class Child {
        private Child() {}

        public static void main(String[] args) {
            for (int i = 0; i < 50; i++) {
                fib(25); // compile fib before the first request, as the parent's warm-up does for its own
            }
            Rpc.over(Parent.port()).serve(body -> fib(((Number) ((Map<?, ?>) body).get("n")).intValue()));
            Parent.onMessage(message -> { }); // a 'message' listener keeps a forked child alive, as in Node
            Parent.send(Demos.ordered("ready", ProcessHandle.current().pid()));
        }
    }

    private Offload() {}

    /** The computation: deliberately the slow recursive fib, about 1.6x more work for each n + 1. */
    public static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    /** Runs the server with fib on the loop, then with fib in a forked child. */
    public static Result run(Settings settings) throws IOException, InterruptedException, DemoFailure {
        for (int i = 0; i < 50; i++) {
            fib(25);
        }
        long start = System.nanoTime();
        long value = fib(settings.n());
        long oneFib = System.nanoTime() - start;
        Run onLoop = runServer(Where.LOOP, settings, null);
        ChildProcess child = ChildProcesses.fork(Child.class, List.of(),
                new ForkOptions().stdio(Stdio.IGNORE, Stdio.INHERIT, Stdio.INHERIT));
        try {
            Demos.await(Demos.firstMessage(child), "the fib child's ready message");
            Run inChild = runServer(Where.CHILD, settings, Rpc.over(child));
            return new Result(settings, value, oneFib, child.pid(), onLoop, inChild);
        } finally {
            child.kill(Signal.SIGKILL); // its work is done: no need for a graceful goodbye
        }
    }

    private static Run runServer(Where where, Settings settings, Rpc rpc) throws IOException, InterruptedException {
        ProbedServer.Measured m = ProbedServer.run("/fib", (loop, response) -> fib(loop, where, settings.n(), rpc, response),
                1, settings.probeEveryMs(), settings.durationMs());
        ServerDemo.LoopDelay d = m.loopDelay();
        return new Run(where, m.slow(), m.fast(), d.count(), d.p50Nanos(), d.p99Nanos(), d.maxNanos(), m.blocked());
    }

    private static void fib(EventLoop loop, Where where, int n, Rpc rpc, Response response) {
        switch (where) {
            case LOOP -> response.end(fib(n) + "\n"); // the loop thread computes; everybody else waits
            case CHILD -> rpc.request(Demos.ordered("n", n), Duration.ofSeconds(60))
                    // The reply arrives on the child's event thread; the response belongs to the loop: hand it over.
                    .whenCompleteAsync((value, error) -> {
                        if (error != null) {
                            response.status(500).end("the child failed: " + error + "\n");
                        } else {
                            response.end(value + "\n");
                        }
                    }, loop);
        }
    }
}
