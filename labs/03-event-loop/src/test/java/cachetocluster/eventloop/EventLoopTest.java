package cachetocluster.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loop's phases, their order, when run() returns, and what happens to exceptions. */
class EventLoopTest {

    private final EventLoop loop = EventLoop.create();
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    private void runWithin(int seconds) {
        assertTimeoutPreemptively(Duration.ofSeconds(seconds), loop::run, "run() did not return");
    }

    private Runnable say(String what) {
        return () -> log.add(what);
    }

    @Test
    void nextTickRunsBeforeMicrotasksAndBothBeforeTimers() {
        loop.setTimeout(say("timeout"), 0);
        loop.queueMicrotask(say("microtask"));
        loop.nextTick(say("nextTick"));
        runWithin(5);
        assertThat(log).containsExactly("nextTick", "microtask", "timeout");
    }

    @Test
    void setImmediateBeatsATimeoutOfZeroInsideAnIoCallback() throws IOException {
        // Node: fs.readFile(__filename, () => { setTimeout(() => log('timeout'), 0); setImmediate(() => log('immediate')) })
        // always prints immediate first: the check phase follows poll, timers come on the next turn.
        for (int round = 0; round < 20; round++) {
            log.clear();
            Pipe pipe = loop.provider().openPipe();
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            loop.register(pipe.source(), SelectionKey.OP_READ, (handle, ready) -> {
                handle.close();
                loop.setTimeout(say("timeout"), 0);
                loop.setImmediate(say("immediate"));
            });
            runWithin(5);
            pipe.sink().close();
            assertThat(log).as("round %d", round).containsExactly("immediate", "timeout");
        }
    }

    @Test
    void microtasksDrainAfterEachCallbackNotAfterEachPhase() {
        // Node >= 11: two due timers and two immediates each let their microtasks run before the next callback.
        loop.setTimeout(() -> {
            log.add("timer 1");
            loop.queueMicrotask(say("microtask of timer 1"));
            loop.nextTick(say("tick of timer 1"));
        }, 1);
        loop.setTimeout(say("timer 2"), 1);
        loop.setImmediate(() -> {
            log.add("immediate 1");
            loop.queueMicrotask(say("microtask of immediate 1"));
        });
        loop.setImmediate(say("immediate 2"));
        runWithin(5);
        assertThat(log).containsSubsequence("timer 1", "tick of timer 1", "microtask of timer 1", "timer 2");
        assertThat(log).containsSubsequence("immediate 1", "microtask of immediate 1", "immediate 2");
    }

    @Test
    void phasesRunInLibuvOrder() {
        // From inside one timer: a deferred (pending) callback, an immediate (check), a close callback, a new timer.
        loop.setTimeout(() -> {
            try {
                Pipe pipe = loop.provider().openPipe();
                IoHandle handle = loop.register(pipe.source(), SelectionKey.OP_READ, (h, r) -> { });
                handle.close(say("close callback"));
                pipe.sink().close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            loop.setImmediate(say("check"));
            loop.defer(say("pending"));
            loop.setTimeout(say("next turn's timer"), 0);
        }, 0);
        runWithin(5);
        assertThat(log).containsExactly("pending", "check", "close callback", "next turn's timer");
    }

    @Test
    void anImmediateQueuedByAnImmediateRunsOnTheNextTurn() {
        loop.setImmediate(() -> {
            log.add("immediate 1");
            loop.setImmediate(say("immediate 3, queued by 1"));
        });
        loop.setImmediate(say("immediate 2"));
        runWithin(5);
        assertThat(log).containsExactly("immediate 1", "immediate 2", "immediate 3, queued by 1");
    }

    @Test
    void runReturnsAtOnceWhenThereIsNothingToDo() {
        long start = System.nanoTime();
        runWithin(5);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void runReturnsWhenTheLastTimerHasFired() {
        long start = System.nanoTime();
        loop.setTimeout(say("fired"), 50);
        runWithin(5);
        assertThat(log).containsExactly("fired");
        // Loop time has millisecond steps: a 50 ms timer may fire up to 1 ms before 50 ms of wall time.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(49));
    }

    @Test
    void timersFireInDeadlineOrder() {
        loop.setTimeout(say("30"), 30);
        loop.setTimeout(say("10"), 10);
        loop.setTimeout(say("20"), 20);
        loop.setTimeout(say("10 again"), 10);
        runWithin(5);
        assertThat(log).containsExactly("10", "10 again", "20", "30");
    }

    @Test
    void anUnrefdTimerDoesNotKeepTheLoopAlive() {
        Timer timer = loop.setTimeout(say("should not fire"), 10_000).unref();
        long start = System.nanoTime();
        runWithin(5);
        assertThat(log).isEmpty();
        assertThat(timer.hasRef()).isFalse();
        assertThat(timer.isActive()).as("the timer is still scheduled, just not keeping the loop alive").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_000));
    }

    @Test
    void anUnrefdTimerStillFiresWhileSomethingElseKeepsTheLoopAlive() {
        loop.setTimeout(say("unref'd, 20 ms"), 20).unref();
        loop.setTimeout(say("ref'd, 100 ms"), 100);
        runWithin(5);
        assertThat(log).containsExactly("unref'd, 20 ms", "ref'd, 100 ms");
    }

    @Test
    void refAfterUnrefKeepsTheLoopAliveAgain() {
        loop.setTimeout(say("fired"), 20).unref().ref();
        runWithin(5);
        assertThat(log).containsExactly("fired");
    }

    @Test
    void anIntervalRepeatsUntilCleared() {
        AtomicInteger runs = new AtomicInteger();
        Timer[] interval = new Timer[1];
        interval[0] = loop.setInterval(() -> {
            if (runs.incrementAndGet() == 3) {
                loop.clearInterval(interval[0]);
            }
        }, 5);
        runWithin(5);
        assertThat(runs).hasValue(3);
        assertThat(interval[0].isActive()).isFalse();
    }

    @Test
    void clearTimeoutInAnEarlierCallbackStopsADueTimer() {
        Timer[] second = new Timer[1];
        loop.setTimeout(() -> {
            log.add("first");
            loop.clearTimeout(second[0]);
        }, 10);
        second[0] = loop.setTimeout(say("second"), 10);
        runWithin(5);
        assertThat(log).containsExactly("first");
        loop.clearTimeout(second[0]); // twice, and after the fact: harmless
        loop.clearTimeout(null);
    }

    @Test
    void refreshRestartsTheCountdown() {
        long start = System.nanoTime();
        Timer timer = loop.setTimeout(say("fired"), 60);
        loop.setTimeout(timer::refresh, 40); // at 40 ms: due again 60 ms later, at ~100 ms
        runWithin(5);
        assertThat(log).containsExactly("fired");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(95));
    }

    @Test
    void clearImmediateTakesItBack() {
        Immediate immediate = loop.setImmediate(say("cleared"));
        loop.setImmediate(say("kept"));
        loop.clearImmediate(immediate);
        runWithin(5);
        assertThat(log).containsExactly("kept");
    }

    @Test
    void aMicrotaskThatRequeuesItselfStarvesTheTimersAndImmediates() {
        // No bound in Node, none here: the timer and the immediate wait for all 100,000 microtasks.
        int limit = 100_000;
        AtomicInteger runs = new AtomicInteger();
        List<Integer> seen = new ArrayList<>();
        loop.setTimeout(() -> seen.add(runs.get()), 0);
        loop.setImmediate(() -> seen.add(runs.get()));
        Runnable[] again = new Runnable[1];
        again[0] = () -> {
            if (runs.incrementAndGet() < limit) {
                loop.queueMicrotask(again[0]);
            }
        };
        loop.queueMicrotask(again[0]);
        runWithin(10);
        assertThat(seen).as("microtasks that had run when the timer and the immediate finally ran")
                .containsExactly(limit, limit);
    }

    @Test
    void theDefaultHandlerPrintsOneLineAndStopsTheLoop() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        loop.setUncaughtExceptionHandler(UncaughtExceptionHandler.printAndStop(new PrintStream(err, true, StandardCharsets.UTF_8)));
        loop.setTimeout(EventLoop.named("the failing timer", () -> {
            throw new IllegalStateException("boom");
        }), 1);
        loop.setTimeout(say("later timer"), 50);
        runWithin(5);
        assertThat(log).as("callbacks after the crash").isEmpty();
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines()).hasSize(1);
        assertThat(printed).contains("IllegalStateException: boom", "the failing timer", "stopping the loop");
        // What was queued stays queued: running again picks it up.
        runWithin(5);
        assertThat(log).containsExactly("later timer");
    }

    @Test
    void aHandlerThatDoesNotStopKeepsTheLoopGoingLikeAnUncaughtExceptionListener() {
        List<Throwable> seen = new ArrayList<>();
        loop.setUncaughtExceptionHandler((error, callback, l) -> seen.add(error));
        loop.setTimeout(() -> {
            loop.queueMicrotask(() -> {
                throw new IllegalArgumentException("in a microtask");
            });
            throw new IllegalStateException("in a timer");
        }, 1);
        loop.setTimeout(say("later timer"), 20);
        runWithin(5);
        assertThat(seen).extracting(Throwable::getMessage).containsExactly("in a timer", "in a microtask");
        assertThat(log).containsExactly("later timer");
    }

    @Test
    void executeFromAnotherThreadWakesABlockedPoll() throws Exception {
        Timer keepAlive = loop.setTimeout(say("should not fire"), 60_000);
        CountDownLatch running = new CountDownLatch(1);
        loop.setImmediate(running::countDown);
        List<String> threads = new CopyOnWriteArrayList<>();
        Thread loopThread = Thread.ofPlatform().name("the-loop").start(loop::run);
        assertThat(running.await(5, TimeUnit.SECONDS)).as("the loop started").isTrue();
        // The loop now sleeps in select() for up to 60 s; execute must wake it.
        Thread.ofPlatform().start(() -> loop.execute(() -> {
            threads.add(Thread.currentThread().getName());
            loop.clearTimeout(keepAlive);
        }));
        loopThread.join(Duration.ofSeconds(5));
        assertThat(loopThread.isAlive()).as("the loop thread is still running").isFalse();
        assertThat(threads).containsExactly("the-loop");
        assertThat(log).isEmpty();
    }

    @Test
    void aWakeupSwallowedByTheClosePhaseDoesNotSilenceTheNextExecute() throws Exception {
        // Found by lab 05's cluster primary. A task posted from another thread runs in the same poll-phase batch that
        // closes a channel; its wakeup is still pending in the selector, and the close phase's extra selectNow
        // (IoPoller.flushClosed) consumed it. Async's "a wakeup is pending" flag then stayed set, so the next
        // execute() from another thread skipped its wakeup and waited for the poll's timeout (60 s here).
        Timer keepAlive = loop.setTimeout(say("should not fire"), 60_000);
        Pipe pipe = loop.provider().openPipe();
        IoHandle watched = loop.register(pipe.source(), SelectionKey.OP_READ, (h, r) -> { });
        CountDownLatch secondRan = new CountDownLatch(1);
        Thread loopThread = Thread.ofPlatform().name("the-loop").start(loop::run);
        loop.execute(() -> {
            watched.close(); // a channel closed in this turn: the close phase will flush it with a selectNow
            Thread poster = Thread.ofPlatform().start(() -> loop.execute(secondRan::countDown)); // wakes the selector
            try {
                poster.join(); // posted, and its wakeup() done, before this task returns: it runs in this same batch
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(secondRan.await(5, TimeUnit.SECONDS)).as("the task posted from inside the batch ran").isTrue();
        org.awaitility.Awaitility.await("the loop thread asleep in select").atMost(Duration.ofSeconds(10))
                .until(() -> java.util.Arrays.stream(loopThread.getStackTrace())
                        .anyMatch(f -> f.getMethodName().contains("select") || f.getMethodName().equals("wait")));
        long posted = System.nanoTime();
        Thread.ofPlatform().start(() -> loop.execute(() -> loop.clearTimeout(keepAlive)));
        loopThread.join(Duration.ofSeconds(5));
        assertThat(loopThread.isAlive()).as("the loop, %d ms after a task that lets it end was posted",
                (System.nanoTime() - posted) / 1_000_000).isFalse();
        assertThat(log).isEmpty();
        pipe.sink().close();
    }

    @Test
    void loopApisCalledFromAnotherThreadFailLoudly() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Timer keepAlive = loop.setTimeout(say("x"), 60_000);
        loop.setImmediate(running::countDown);
        Thread loopThread = Thread.ofPlatform().name("the-loop").start(loop::run);
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> loop.setTimeout(say("y"), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the-loop").hasMessageContaining("loop.execute");
        loop.execute(() -> {
            loop.clearTimeout(keepAlive);
            release.countDown();
        });
        assertThat(release.await(5, TimeUnit.SECONDS)).isTrue();
        loopThread.join(Duration.ofSeconds(5));
        assertThat(loopThread.isAlive()).isFalse();
    }

    @Test
    void stopReturnsFromRunAndLeavesTheRestQueued() {
        loop.setImmediate(() -> {
            log.add("first");
            loop.stop();
        });
        loop.setImmediate(say("second"));
        runWithin(5);
        assertThat(log).containsExactly("first");
        runWithin(5);
        assertThat(log).containsExactly("first", "second");
    }

    @Test
    void aWatchedChannelKeepsTheLoopAliveUntilUnrefd() throws IOException {
        Pipe pipe = loop.provider().openPipe();
        IoHandle handle = loop.register(pipe.source(), SelectionKey.OP_READ, (h, r) -> log.add("readable"));
        loop.setTimeout(handle::unref, 30);
        long start = System.nanoTime();
        runWithin(5);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(29));
        assertThat(log).isEmpty();
        pipe.sink().close();
    }

    @Test
    void aChannelWithNoInterestDoesNotKeepTheLoopAlive() throws IOException {
        Pipe pipe = loop.provider().openPipe();
        IoHandle handle = loop.register(pipe.source(), SelectionKey.OP_READ, (h, r) -> { });
        handle.interestOps(0); // Node's socket.pause() with nothing to write
        assertThat(handle.isActive()).isFalse();
        runWithin(5);
        pipe.sink().close();
    }

    @Test
    void ioCallbacksRunWhenTheChannelIsReady() throws IOException {
        Pipe pipe = loop.provider().openPipe();
        ByteBuffer buffer = ByteBuffer.allocate(16);
        loop.register(pipe.source(), SelectionKey.OP_READ, (handle, ready) -> {
            buffer.clear();
            int n = pipe.source().read(buffer);
            if (n < 0) {
                handle.close(say("closed"));
                return;
            }
            log.add(new String(buffer.array(), 0, n, StandardCharsets.US_ASCII));
        });
        loop.setTimeout(() -> {
            try {
                pipe.sink().write(ByteBuffer.wrap("hi".getBytes(StandardCharsets.US_ASCII)));
                pipe.sink().close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, 10);
        runWithin(5);
        assertThat(log).containsExactly("hi", "closed");
    }

    @Test
    void runCannotBeEnteredTwice() {
        loop.setImmediate(() -> assertThatThrownBy(loop::run).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already running"));
        List<Throwable> seen = new ArrayList<>();
        loop.setUncaughtExceptionHandler((e, c, l) -> seen.add(e));
        runWithin(5);
        assertThat(seen).isEmpty();
    }

    @Test
    void delaysOutsideNodesRangeBecomeOneMillisecond() {
        assertThat(loop.setTimeout(() -> { }, 0).delay()).isEqualTo(1);
        assertThat(loop.setTimeout(() -> { }, -5).delay()).isEqualTo(1);
        assertThat(loop.setTimeout(() -> { }, EventLoop.TIMEOUT_MAX + 1).delay()).isEqualTo(1);
        assertThat(loop.setTimeout(() -> { }, 250).delay()).isEqualTo(250);
    }
}
