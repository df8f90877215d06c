package cachetocluster.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libuv's threadpool: blocking work off the loop, completions back on it, and the pool's size. */
class WorkerPoolTest {

    private final EventLoop loop = EventLoop.create();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    private void runWithin(int seconds) {
        assertTimeoutPreemptively(Duration.ofSeconds(seconds), loop::run, "run() did not return");
    }

    @Test
    void workRunsOnAPoolThreadAndTheCallbackOnTheLoopThread() {
        List<String> threads = new ArrayList<>();
        String[] workThread = new String[1];
        loop.setImmediate(() -> {
            threads.add(Thread.currentThread().getName()); // the loop thread
            loop.workerPool().submit(() -> {
                workThread[0] = Thread.currentThread().getName();
                return 6 * 7;
            }, (error, value) -> {
                threads.add(Thread.currentThread().getName());
                assertThat(error).isNull();
                assertThat(value).isEqualTo(42);
            });
        });
        runWithin(5);
        assertThat(workThread[0]).startsWith("c2c-worker-");
        assertThat(threads).hasSize(2);
        assertThat(threads.get(1)).as("the callback's thread").isEqualTo(threads.get(0));
    }

    @Test
    void pendingWorkKeepsTheLoopAliveUntilItsCallbackRan() {
        CountDownLatch release = new CountDownLatch(1);
        List<String> log = new ArrayList<>();
        loop.workerPool().submit(() -> release.await(5, TimeUnit.SECONDS), (error, value) -> log.add("done " + value));
        // Nothing else keeps the loop alive: only the request in flight does.
        Thread.ofPlatform().start(() -> {
            await().atMost(Duration.ofSeconds(5)).until(() -> loop.isRunning());
            release.countDown();
        });
        runWithin(10);
        assertThat(log).containsExactly("done true");
    }

    @Test
    void anExceptionInTheWorkArrivesAsTheCallbacksError() {
        List<Throwable> errors = new ArrayList<>();
        loop.workerPool().submit(() -> {
            throw new IOException("disk on fire");
        }, (error, value) -> errors.add(error));
        runWithin(5);
        assertThat(errors).singleElement().isInstanceOf(IOException.class).hasFieldOrPropertyWithValue("message", "disk on fire");
    }

    @Test
    void thePoolRunsAtMostItsSizeJobsAtOnce() throws InterruptedException {
        WorkerPool pool = new WorkerPool(loop, 2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Set<String> poolThreads = ConcurrentHashMap.newKeySet();
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> completed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int job = i;
            pool.submit(() -> {
                poolThreads.add(Thread.currentThread().getName());
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                boolean released = release.await(10, TimeUnit.SECONDS);
                running.decrementAndGet();
                return released ? job : -1;
            }, (error, value) -> completed.add(value));
        }
        Thread releaser = Thread.ofPlatform().start(() -> {
            await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 2);
            // Two run and four wait; it stays so for a while (a third would show up here).
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> running.get() == 2);
            release.countDown();
        });
        runWithin(15);
        pool.close();
        assertThat(mostAtOnce).as("jobs running at the same time").hasValue(2);
        assertThat(poolThreads).hasSize(2);
        assertThat(completed).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        releaser.join(Duration.ofSeconds(5));
        assertThat(releaser.isAlive()).as("the thread that checked for a third job has finished").isFalse();
    }

    @Test
    void theSizeComesFromTheEnvironmentLikeUvThreadpoolSize() {
        assertThat(WorkerPool.sizeFrom(null)).isEqualTo(4);
        assertThat(WorkerPool.sizeFrom("")).isEqualTo(4);
        assertThat(WorkerPool.sizeFrom("8")).isEqualTo(8);
        assertThat(WorkerPool.sizeFrom(" 16\n")).isEqualTo(16);
        assertThat(WorkerPool.sizeFrom("0")).as("libuv: 0 means 1").isEqualTo(1);
        assertThat(WorkerPool.sizeFrom("5000")).as("libuv clamps to 1024").isEqualTo(1024);
        assertThat(WorkerPool.sizeFrom("lots")).as("not a number: the default").isEqualTo(4);
        String env = System.getenv(WorkerPool.SIZE_ENV);
        assertThat(new WorkerPool(loop).size()).isEqualTo(WorkerPool.sizeFrom(env));
        System.setProperty(WorkerPool.SIZE_PROPERTY, "3");
        try {
            assertThat(new WorkerPool(loop).size()).as("the system property wins over the environment").isEqualTo(3);
        } finally {
            System.clearProperty(WorkerPool.SIZE_PROPERTY);
        }
        assertThatThrownBy(() -> new WorkerPool(loop, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readFileReadsOnThePoolAndCallsBackOnTheLoop(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("hello.txt"), "Hello, file\n");
        List<String> results = new ArrayList<>();
        Fs.readFile(loop, file, (error, bytes) -> {
            assertThat(loop.isLoopThread()).isTrue();
            results.add(error == null ? new String(bytes, StandardCharsets.UTF_8) : "error " + error);
        });
        Fs.readFile(loop, dir.resolve("missing.txt"), (error, bytes) ->
                results.add(error instanceof NoSuchFileException ? "no such file" : "unexpected " + error));
        runWithin(5);
        assertThat(results).containsExactlyInAnyOrder("Hello, file\n", "no such file");
    }
}
