package cachetocluster.child;

import static org.assertj.core.api.Assertions.assertThat;

import cachetocluster.child.RequestTracker.Outcome;
import cachetocluster.child.RequestTracker.Pending;
import java.io.EOFException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The graded tests of the RequestTracker exercise (lab 04). Task 7: ids and matching; task 8: timeouts; task 9: late
 * and unknown replies, failures, and a channel that closes. Time is a hand-moved clock: no test sleeps.
 */
@DisplayName("Lab 04: RequestTracker")
class RequestTrackerGradedTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RequestTracker tracker = new RequestTracker(now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    private static Throwable failure(CompletableFuture<Object> future) {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Tag("task:7")
    @DisplayName("Each request gets a new id: 1, 2, 3... and a future that is not done yet")
    @Test
    void idsAreNewAndIncreasing() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Pending p = tracker.begin(Duration.ofSeconds(1));
            ids.add(p.id());
            assertThat(p.reply()).as("the reply future of request %d right after begin", p.id()).isNotDone();
        }
        assertThat(ids).as("ids of five begin() calls").containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(tracker.pendingCount()).as("pendingCount() after five begin()").isEqualTo(5);
    }

    @Tag("task:7")
    @DisplayName("Replies in any order complete the right futures")
    @Test
    void repliesCompleteTheRightFutures() throws Exception {
        Pending a = tracker.begin(Duration.ofSeconds(1));
        Pending b = tracker.begin(Duration.ofSeconds(1));
        Pending c = tracker.begin(Duration.ofSeconds(1));
        assertThat(tracker.complete(c.id(), "for c")).as("complete(%d) (c, answered first)", c.id()).isEqualTo(Outcome.COMPLETED);
        assertThat(tracker.complete(a.id(), "for a")).as("complete(%d) (a)", a.id()).isEqualTo(Outcome.COMPLETED);
        assertThat(c.reply().get()).as("c's reply").isEqualTo("for c");
        assertThat(a.reply().get()).as("a's reply").isEqualTo("for a");
        assertThat(b.reply()).as("b's future (not answered yet)").isNotDone();
        assertThat(tracker.pendingCount()).as("pendingCount() with only b left").isEqualTo(1);
        assertThat(tracker.complete(b.id(), null)).as("complete(b, null)").isEqualTo(Outcome.COMPLETED);
        assertThat(b.reply().get()).as("b's reply, null is a value").isNull();
        assertThat(tracker.pendingCount()).as("pendingCount() once all are answered").isZero();
    }

    @Tag("task:7")
    @DisplayName("Ids stay unique when requests begin on many threads at once")
    @Test
    void idsAreUniqueAcrossThreads() throws Exception {
        Set<Long> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 2500; i++) {
                    ids.add(tracker.begin(Duration.ofSeconds(1)).id());
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(ids).as("distinct ids from 4 threads x 2500 begin()").hasSize(10_000);
        assertThat(tracker.pendingCount()).as("pendingCount()").isEqualTo(10_000);
    }

    @Tag("task:8")
    @DisplayName("expireOverdue fails exactly the requests past their deadline, with a TimeoutException")
    @Test
    void expireOverdueFailsOnlyOverdue() {
        Pending shortOne = tracker.begin(Duration.ofMillis(100));
        Pending longOne = tracker.begin(Duration.ofMillis(500));
        advance(Duration.ofMillis(99));
        assertThat(tracker.expireOverdue()).as("expireOverdue() at 99 ms (deadlines 100 and 500 ms)").isZero();
        advance(Duration.ofMillis(1));
        assertThat(tracker.expireOverdue()).as("expireOverdue() at 100 ms: a deadline equal to now is overdue").isEqualTo(1);
        assertThat(failure(shortOne.reply())).as("what the 100 ms request failed with")
                .isInstanceOf(TimeoutException.class).hasMessageContaining(String.valueOf(shortOne.id()));
        assertThat(longOne.reply()).as("the 500 ms request at 100 ms").isNotDone();
        assertThat(tracker.pendingCount()).as("pendingCount() after one expired").isEqualTo(1);
        advance(Duration.ofMillis(400));
        assertThat(tracker.expireOverdue()).as("expireOverdue() at 500 ms").isEqualTo(1);
        assertThat(failure(longOne.reply())).as("what the 500 ms request failed with").isInstanceOf(TimeoutException.class);
        assertThat(tracker.expireOverdue()).as("expireOverdue() with nothing pending").isZero();
    }

    @Tag("task:8")
    @DisplayName("nextDeadline is the earliest deadline of what is still pending, empty when nothing is")
    @Test
    void nextDeadlineIsTheEarliestPending() {
        long start = now.get();
        assertThat(tracker.nextDeadline()).as("nextDeadline() with nothing pending").isEmpty();
        Pending slow = tracker.begin(Duration.ofMillis(300));
        Pending fast = tracker.begin(Duration.ofMillis(100));
        tracker.begin(Duration.ofMillis(200));
        assertThat(tracker.nextDeadline()).as("nextDeadline() with 300, 100, 200 ms pending")
                .hasValue(start + Duration.ofMillis(100).toNanos());
        tracker.complete(fast.id(), "done");
        assertThat(tracker.nextDeadline()).as("nextDeadline() once the 100 ms one is answered")
                .hasValue(start + Duration.ofMillis(200).toNanos());
        assertThat(slow.reply()).as("the 300 ms request").isNotDone();
    }

    @Tag("task:8")
    @DisplayName("A reply after the timeout is LATE and does not change the failed future")
    @Test
    void replyAfterTimeoutIsLate() {
        Pending p = tracker.begin(Duration.ofMillis(50));
        advance(Duration.ofMillis(60));
        tracker.expireOverdue();
        assertThat(tracker.complete(p.id(), "too late")).as("complete(%d) after it timed out", p.id()).isEqualTo(Outcome.LATE);
        assertThat(failure(p.reply())).as("the future after a late reply: still the timeout").isInstanceOf(TimeoutException.class);
        assertThat(tracker.lateReplies()).as("lateReplies()").isEqualTo(1);
        assertThat(tracker.unknownReplies()).as("unknownReplies()").isZero();
    }

    @Tag("task:9")
    @DisplayName("A second reply to the same id is LATE; a reply to an id never issued is UNKNOWN")
    @Test
    void duplicateIsLateAndNeverIssuedIsUnknown() throws Exception {
        Pending p = tracker.begin(Duration.ofSeconds(1));
        assertThat(tracker.complete(p.id(), "first")).as("first complete(%d)", p.id()).isEqualTo(Outcome.COMPLETED);
        assertThat(tracker.complete(p.id(), "second")).as("second complete(%d)", p.id()).isEqualTo(Outcome.LATE);
        assertThat(p.reply().get()).as("the reply after a duplicate").isEqualTo("first");
        assertThat(tracker.complete(999, "?")).as("complete(999), never issued").isEqualTo(Outcome.UNKNOWN);
        assertThat(tracker.complete(0, "?")).as("complete(0), never issued").isEqualTo(Outcome.UNKNOWN);
        assertThat(tracker.complete(-1, "?")).as("complete(-1), never issued").isEqualTo(Outcome.UNKNOWN);
        assertThat(tracker.lateReplies()).as("lateReplies()").isEqualTo(1);
        assertThat(tracker.unknownReplies()).as("unknownReplies()").isEqualTo(3);
        assertThat(tracker.pendingCount()).as("pendingCount()").isZero();
    }

    @Tag("task:9")
    @DisplayName("fail(id, error) fails that request with the error; failing it again is LATE")
    @Test
    void failFailsOneRequest() {
        Pending a = tracker.begin(Duration.ofSeconds(1));
        Pending b = tracker.begin(Duration.ofSeconds(1));
        IllegalStateException error = new IllegalStateException("the child said no");
        assertThat(tracker.fail(a.id(), error)).as("fail(%d)", a.id()).isEqualTo(Outcome.COMPLETED);
        assertThat(failure(a.reply())).as("what a's future failed with").isSameAs(error);
        assertThat(b.reply()).as("b's future after a failed").isNotDone();
        assertThat(tracker.fail(a.id(), error)).as("fail(%d) again", a.id()).isEqualTo(Outcome.LATE);
        assertThat(tracker.fail(42, error)).as("fail(42), never issued").isEqualTo(Outcome.UNKNOWN);
    }

    @Tag("task:9")
    @DisplayName("failAll (the channel closed) fails every pending request at once; ids go on from where they were")
    @Test
    void failAllFailsEveryPending() {
        Set<CompletableFuture<Object>> futures = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            futures.add(tracker.begin(Duration.ofSeconds(10)).reply());
        }
        EOFException closed = new EOFException("channel closed");
        assertThat(tracker.failAll(closed)).as("failAll() with three pending").isEqualTo(3);
        for (CompletableFuture<Object> f : futures) {
            assertThat(failure(f)).as("what a pending future failed with after failAll").isSameAs(closed);
        }
        assertThat(tracker.pendingCount()).as("pendingCount() after failAll").isZero();
        assertThat(tracker.nextDeadline()).as("nextDeadline() after failAll").isEmpty();
        assertThat(tracker.complete(2, "after close")).as("complete(2) after failAll").isEqualTo(Outcome.LATE);
        assertThat(tracker.begin(Duration.ofSeconds(1)).id()).as("the id of the next begin() after failAll").isEqualTo(4);
    }
}
