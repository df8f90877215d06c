package cachetocluster.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The graded tests of the MicrotaskQueue exercise (lab 03). Each scenario is a Node program in miniature; the
 * order it prints in Node is the expected order here.
 */
@DisplayName("Lab 03: MicrotaskQueue")
class MicrotaskQueueGradedTest {

    private final MicrotaskQueue queue = new MicrotaskQueue();
    private final List<String> log = new ArrayList<>();

    private Runnable say(String what) {
        return () -> log.add(what);
    }

    @Tag("task:4")
    @DisplayName("nextTick callbacks run before microtasks, each queue first in, first out")
    @Test
    void ticksBeforeMicrotasksEachInOrder() {
        queue.queueMicrotask(say("microtask 1"));
        queue.nextTick(say("tick 1"));
        queue.queueMicrotask(say("microtask 2"));
        queue.nextTick(say("tick 2"));
        int ran = queue.drain();
        assertThat(log).as("order after queueMicrotask(m1), nextTick(t1), queueMicrotask(m2), nextTick(t2), drain()")
                .containsExactly("tick 1", "tick 2", "microtask 1", "microtask 2");
        assertThat(ran).as("drain() returns how many tasks ran").isEqualTo(4);
    }

    @Tag("task:4")
    @DisplayName("isEmpty and size count the tasks in both queues")
    @Test
    void isEmptyAndSizeCountBothQueues() {
        assertThat(queue.isEmpty()).as("isEmpty() of a new queue").isTrue();
        assertThat(queue.drain()).as("drain() of an empty queue").isZero();
        queue.nextTick(say("t"));
        queue.queueMicrotask(say("m"));
        queue.queueMicrotask(say("m"));
        assertThat(queue.isEmpty()).as("isEmpty() with 1 tick and 2 microtasks queued").isFalse();
        assertThat(queue.size()).as("size() with 1 tick and 2 microtasks queued").isEqualTo(3);
        queue.drain();
        assertThat(queue.isEmpty()).as("isEmpty() after drain()").isTrue();
        assertThat(queue.size()).as("size() after drain()").isZero();
    }

    @Tag("task:5")
    @DisplayName("Tasks queued while draining run in the same drain")
    @Test
    void tasksQueuedWhileDrainingRunInTheSameDrain() {
        queue.nextTick(() -> {
            log.add("tick 1");
            queue.nextTick(say("tick 2, queued by tick 1"));
            queue.queueMicrotask(say("microtask 1, queued by tick 1"));
        });
        queue.queueMicrotask(() -> {
            log.add("microtask 0");
            queue.queueMicrotask(say("microtask 2, queued by microtask 0"));
        });
        queue.drain();
        assertThat(log).as("order of one drain()").containsExactly(
                "tick 1", "tick 2, queued by tick 1",
                "microtask 0", "microtask 1, queued by tick 1", "microtask 2, queued by microtask 0");
        assertThat(queue.isEmpty()).as("isEmpty() after the drain").isTrue();
    }

    @Tag("task:5")
    @DisplayName("A nextTick queued by a microtask waits until every microtask has run, then runs in the same drain")
    @Test
    void aTickQueuedByAMicrotaskRunsAfterTheMicrotasks() {
        // Node: queueMicrotask(() => { log('m1'); process.nextTick(() => log('t2')); queueMicrotask(() => log('m2')) });
        //       process.nextTick(() => log('t1'));   prints t1 m1 m2 t2
        queue.queueMicrotask(() -> {
            log.add("m1");
            queue.nextTick(say("t2"));
            queue.queueMicrotask(say("m2"));
        });
        queue.nextTick(say("t1"));
        queue.drain();
        assertThat(log).as("order of one drain()").containsExactly("t1", "m1", "m2", "t2");
    }

    @Tag("task:5")
    @DisplayName("A microtask that re-queues itself keeps drain from returning: Node has no bound, the loop starves")
    @Test
    void aSelfRequeuingMicrotaskStarvesTheLoop() {
        int limit = 100_000; // the bound is here, in the test: without it drain() would never return
        int[] runs = {0};
        Runnable[] again = new Runnable[1];
        again[0] = () -> {
            if (++runs[0] < limit) {
                queue.queueMicrotask(again[0]);
            }
        };
        queue.queueMicrotask(again[0]);
        int ran = queue.drain();
        assertThat(runs[0]).as("runs of the self-queuing microtask within ONE drain()").isEqualTo(limit);
        assertThat(ran).as("drain() return value").isEqualTo(limit);
    }

    @Tag("task:6")
    @DisplayName("A task that throws ends the drain; the tasks behind it stay queued for the next drain")
    @Test
    void aThrowingTaskLeavesTheRestQueued() {
        queue.nextTick(say("tick 1"));
        queue.nextTick(() -> {
            throw new IllegalStateException("boom");
        });
        queue.nextTick(say("tick 3"));
        queue.queueMicrotask(say("microtask 1"));
        assertThatThrownBy(queue::drain).as("drain() when the second tick throws")
                .isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(log).as("what ran before the exception").containsExactly("tick 1");
        assertThat(queue.size()).as("size() after the exception: tick 3 and microtask 1 wait").isEqualTo(2);
        queue.drain();
        assertThat(log).as("order after a second drain()").containsExactly("tick 1", "tick 3", "microtask 1");
    }

    @Tag("task:6")
    @DisplayName("A null task is rejected when it is queued, not when it would run")
    @Test
    void nullIsRejectedAtOnce() {
        assertThatThrownBy(() -> queue.nextTick(null)).as("nextTick(null)").isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> queue.queueMicrotask(null)).as("queueMicrotask(null)").isInstanceOf(NullPointerException.class);
        assertThat(queue.isEmpty()).as("isEmpty() after the rejected calls").isTrue();
    }
}
