package cachetocluster.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cachetocluster.child.EventEmitter.Listener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The graded tests of the EventEmitter exercise (lab 04). Task 4: on, emit, off, order; task 5: once and changes
 * during an emit; task 6: 'error' with no listener, and listeners that throw. Every rule is Node's (lib/events.js).
 */
@DisplayName("Lab 04: EventEmitter")
class EventEmitterGradedTest {

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    private Listener record(String name) {
        return args -> calls.add(name + List.of(args));
    }

    @Tag("task:4")
    @DisplayName("Listeners run in the order they were added, with the event's arguments")
    @Test
    void listenersRunInOrderWithArguments() {
        EventEmitter emitter = new EventEmitter();
        emitter.on("exit", record("a")).on("exit", record("b"));
        emitter.on("message", record("m"));
        emitter.addListener("exit", record("c"));
        boolean had = emitter.emit("exit", 3, "SIGTERM");
        assertThat(calls).as("calls after on(exit,a), on(exit,b), on(message,m), addListener(exit,c), emit(exit, 3, SIGTERM)")
                .containsExactly("a[3, SIGTERM]", "b[3, SIGTERM]", "c[3, SIGTERM]");
        assertThat(had).as("emit(exit) with listeners returns").isTrue();
        assertThat(emitter.emit("nobody")).as("emit(nobody) with no listener returns").isFalse();
        assertThat(emitter.listenerCount("exit")).as("listenerCount(exit)").isEqualTo(3);
        assertThat(emitter.listenerCount("message")).as("listenerCount(message)").isEqualTo(1);
        assertThat(emitter.listenerCount("nobody")).as("listenerCount(nobody)").isZero();
    }

    @Tag("task:4")
    @DisplayName("The same listener added twice runs twice; off removes one, the most recently added")
    @Test
    void sameListenerTwiceAndOffRemovesOne() {
        EventEmitter emitter = new EventEmitter();
        Listener a = record("a");
        Listener b = record("b");
        emitter.on("e", a).on("e", b).on("e", a);
        emitter.emit("e", 1);
        assertThat(calls).as("on(a), on(b), on(a), emit(1)").containsExactly("a[1]", "b[1]", "a[1]");
        calls.clear();
        emitter.off("e", a);
        assertThat(emitter.listeners("e")).as("listeners(e) after off(a): the last a goes").containsExactly(a, b);
        emitter.emit("e", 2);
        assertThat(calls).as("emit(2) after off(a)").containsExactly("a[2]", "b[2]");
        emitter.removeListener("e", record("never added"));
        assertThat(emitter.listenerCount("e")).as("listenerCount after removing a listener never added").isEqualTo(2);
        emitter.off("e", a).off("e", b);
        assertThat(emitter.listenerCount("e")).as("listenerCount after removing both").isZero();
        assertThat(emitter.emit("e", 3)).as("emit with every listener removed").isFalse();
    }

    @Tag("task:4")
    @DisplayName("removeAllListeners clears one event and leaves the others")
    @Test
    void removeAllListenersClearsOneEvent() {
        EventEmitter emitter = new EventEmitter();
        emitter.on("a", record("a1")).on("a", record("a2")).on("b", record("b"));
        emitter.removeAllListeners("a");
        emitter.emit("a");
        emitter.emit("b");
        assertThat(calls).as("calls after removeAllListeners(a), emit(a), emit(b)").containsExactly("b[]");
    }

    @Tag("task:5")
    @DisplayName("A once listener runs on the next emit only, and is removed before it is called")
    @Test
    void onceRunsOnceAndIsRemovedFirst() {
        EventEmitter emitter = new EventEmitter();
        AtomicInteger countInside = new AtomicInteger(-1);
        emitter.once("spawn", args -> {
            countInside.set(emitter.listenerCount("spawn"));
            calls.add("once" + List.of(args));
        });
        emitter.on("spawn", record("on"));
        emitter.emit("spawn", "first");
        emitter.emit("spawn", "second");
        assertThat(calls).as("once(spawn), on(spawn), emit(first), emit(second)")
                .containsExactly("once[first]", "on[first]", "on[second]");
        assertThat(countInside.get()).as("listenerCount(spawn) seen inside the once listener (1: itself removed)")
                .isEqualTo(1);
    }

    @Tag("task:5")
    @DisplayName("off with the function given to once removes it")
    @Test
    void offRemovesAOnceListener() {
        EventEmitter emitter = new EventEmitter();
        Listener listener = record("once");
        emitter.once("e", listener);
        assertThat(emitter.listeners("e")).as("listeners(e) after once(e, l): l itself, not a wrapper")
                .containsExactly(listener);
        emitter.off("e", listener);
        emitter.emit("e");
        assertThat(calls).as("calls after once(l), off(l), emit").isEmpty();
        assertThat(emitter.listenerCount("e")).as("listenerCount after once(l), off(l)").isZero();
    }

    @Tag("task:5")
    @DisplayName("Removing or adding listeners during an emit changes the next emit, not the current one")
    @Test
    void changesDuringAnEmitApplyToTheNextOne() {
        EventEmitter emitter = new EventEmitter();
        Listener b = record("b");
        Listener late = record("late");
        emitter.on("e", args -> {
            calls.add("a" + List.of(args));
            emitter.off("e", b);
            emitter.on("e", late);
        });
        emitter.on("e", b);
        emitter.emit("e", 1);
        assertThat(calls).as("first emit: a removes b and adds late; b still runs, late does not yet")
                .containsExactly("a[1]", "b[1]");
        calls.clear();
        emitter.emit("e", 2);
        assertThat(calls).as("second emit: b is gone, late runs (a adds another late)")
                .containsExactly("a[2]", "late[2]");
    }

    @Tag("task:5")
    @DisplayName("A once listener fires once even when the event is emitted again from inside it, or from many threads")
    @Test
    void onceIsOnceUnderReentrantAndConcurrentEmits() throws Exception {
        EventEmitter emitter = new EventEmitter();
        AtomicInteger fired = new AtomicInteger();
        emitter.once("r", args -> {
            fired.incrementAndGet();
            emitter.emit("r", "again");
        });
        emitter.emit("r", "first");
        assertThat(fired.get()).as("calls of a once listener that emits its own event").isEqualTo(1);

        AtomicInteger concurrent = new AtomicInteger();
        for (int round = 0; round < 200; round++) {
            EventEmitter shared = new EventEmitter();
            AtomicInteger count = new AtomicInteger();
            shared.once("c", args -> count.incrementAndGet());
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    shared.emit("c");
                }));
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            if (count.get() != 1) {
                concurrent.incrementAndGet();
            }
        }
        assertThat(concurrent.get()).as("rounds (of 200) where 4 threads emitting at once ran a once listener not exactly once")
                .isZero();
    }

    @Tag("task:6")
    @DisplayName("'error' with no listener throws the RuntimeException that was emitted")
    @Test
    void unhandledErrorThrowsTheException() {
        EventEmitter emitter = new EventEmitter();
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable thrown = catchThrowable(() -> emitter.emit("error", boom));
        assertThat(thrown).as("what emit(error, IllegalStateException) threw with no error listener").isSameAs(boom);
    }

    @Tag("task:6")
    @DisplayName("'error' with no listener wraps a checked exception or a plain value in UnhandledErrorException")
    @Test
    void unhandledErrorWrapsOtherValues() {
        EventEmitter emitter = new EventEmitter();
        IOException checked = new IOException("disk");
        Throwable thrown = catchThrowable(() -> emitter.emit("error", checked));
        assertThat(thrown).as("what emit(error, IOException) threw").isInstanceOf(UnhandledErrorException.class);
        assertThat(thrown.getCause()).as("the cause of that UnhandledErrorException").isSameAs(checked);
        assertThat(((UnhandledErrorException) thrown).error()).as("its error()").isSameAs(checked);

        Throwable fromString = catchThrowable(() -> emitter.emit("error", "just a string"));
        assertThat(fromString).as("what emit(error, \"just a string\") threw").isInstanceOf(UnhandledErrorException.class);
        assertThat(fromString.getMessage()).as("its message names the value").contains("just a string");

        Throwable fromNothing = catchThrowable(() -> emitter.emit("error"));
        assertThat(fromNothing).as("what emit(error) with no argument threw").isInstanceOf(UnhandledErrorException.class);
    }

    @Tag("task:6")
    @DisplayName("With an 'error' listener nothing is thrown; other events with no listener are simply not delivered")
    @Test
    void handledErrorDoesNotThrow() {
        EventEmitter emitter = new EventEmitter();
        assertThat(emitter.emit("exit", 0)).as("emit(exit) with no listener returns, without throwing").isFalse();
        emitter.on("error", record("handler"));
        RuntimeException e = new RuntimeException("handled");
        assertThat(emitter.emit("error", e)).as("emit(error) with a listener returns").isTrue();
        assertThat(calls).as("what the error listener got").containsExactly("handler[" + e + "]");
    }

    @Tag("task:6")
    @DisplayName("A listener that throws stops the emit: the exception reaches the caller, later listeners do not run")
    @Test
    void throwingListenerStopsTheEmit() {
        EventEmitter emitter = new EventEmitter();
        IllegalArgumentException bad = new IllegalArgumentException("listener failed");
        emitter.on("e", record("first"));
        emitter.on("e", args -> {
            throw bad;
        });
        emitter.on("e", record("third"));
        Throwable thrown = catchThrowable(() -> emitter.emit("e", 1));
        assertThat(thrown).as("what emit threw when the second listener threw").isSameAs(bad);
        assertThat(calls).as("listeners that ran").containsExactly("first[1]");
        assertThat(emitter.listenerCount("e")).as("listenerCount after the throw (nothing removed)").isEqualTo(3);
    }
}
