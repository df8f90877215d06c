package cachetocluster.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cachetocluster.cluster.RoundRobinScheduler.Handoff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The graded tests of the RoundRobinScheduler exercise (lab 05). Task 1: free workers in turn, one hand-off in
 * flight each; task 2: connections wait when every worker is busy; task 3: refusals; task 4: workers that leave.
 * Connections are strings ("c1", "c2"...), workers their ids.
 */
@DisplayName("Lab 05: RoundRobinScheduler")
class RoundRobinSchedulerGradedTest {

    private final RoundRobinScheduler<String> scheduler = new RoundRobinScheduler<>();

    private static Handoff<String> h(int worker, String connection) {
        return new Handoff<>(worker, connection);
    }

    @Tag("task:1")
    @DisplayName("A worker that joins with nothing pending waits in the free queue, in the order they joined")
    @Test
    void joiningWorkersAreFree() {
        assertThat(scheduler.addWorker(1)).as("addWorker(1) with nothing pending: hand-offs").isEmpty();
        assertThat(scheduler.addWorker(2)).as("addWorker(2): hand-offs").isEmpty();
        assertThat(scheduler.addWorker(3)).as("addWorker(3): hand-offs").isEmpty();
        assertThat(scheduler.freeWorkers()).as("freeWorkers() after adding 1, 2, 3").containsExactly(1, 2, 3);
        assertThat(scheduler.workers()).as("workers()").containsExactly(1, 2, 3);
        assertThatThrownBy(() -> scheduler.addWorker(2)).as("addWorker(2) a second time")
                .isInstanceOf(IllegalStateException.class);
    }

    @Tag("task:1")
    @DisplayName("Connections go to the free workers in turn, and an answered worker goes to the back of the line")
    @Test
    void connectionsGoRoundTheFreeWorkers() {
        scheduler.addWorker(1);
        scheduler.addWorker(2);
        scheduler.addWorker(3);
        assertThat(scheduler.connection("c1")).as("connection(c1) with workers 1, 2, 3 free").containsExactly(h(1, "c1"));
        assertThat(scheduler.connection("c2")).as("connection(c2)").containsExactly(h(2, "c2"));
        assertThat(scheduler.accepted(1)).as("accepted(1) with nothing pending").isEmpty();
        assertThat(scheduler.freeWorkers()).as("freeWorkers() after 1 answered (2 is busy)").containsExactly(3, 1);
        assertThat(scheduler.connection("c3")).as("connection(c3)").containsExactly(h(3, "c3"));
        assertThat(scheduler.connection("c4")).as("connection(c4)").containsExactly(h(1, "c4"));
        assertThat(scheduler.inFlight(2)).as("inFlight(2): handed c2, not answered yet").contains("c2");
        assertThat(scheduler.inFlight(1)).as("inFlight(1)").contains("c4");
    }

    @Tag("task:1")
    @DisplayName("Round after round, every worker gets the same number of connections")
    @Test
    void evenRounds() {
        Map<Integer, Integer> got = new HashMap<>();
        for (int w = 1; w <= 4; w++) {
            scheduler.addWorker(w);
        }
        for (int i = 0; i < 400; i++) {
            List<Handoff<String>> out = scheduler.connection("c" + i);
            assertThat(out).as("hand-offs for connection %d (every worker answers at once)", i).hasSize(1);
            got.merge(out.getFirst().worker(), 1, Integer::sum);
            assertThat(scheduler.accepted(out.getFirst().worker())).as("accepted() with nothing pending").isEmpty();
        }
        assertThat(got).as("connections per worker over 400").containsEntry(1, 100).containsEntry(2, 100)
                .containsEntry(3, 100).containsEntry(4, 100);
    }

    @Tag("task:2")
    @DisplayName("With every worker busy, connections wait in order and go to whoever answers first")
    @Test
    void connectionsWaitForABusyWorker() {
        scheduler.addWorker(1);
        scheduler.addWorker(2);
        scheduler.connection("c1");
        scheduler.connection("c2");
        assertThat(scheduler.connection("c3")).as("connection(c3) while 1 and 2 both have a hand-off in flight").isEmpty();
        assertThat(scheduler.connection("c4")).as("connection(c4), still busy").isEmpty();
        assertThat(scheduler.pendingCount()).as("pendingCount()").isEqualTo(2);
        assertThat(scheduler.accepted(2)).as("accepted(2): the oldest pending goes to 2").containsExactly(h(2, "c3"));
        assertThat(scheduler.accepted(1)).as("accepted(1)").containsExactly(h(1, "c4"));
        assertThat(scheduler.pendingCount()).as("pendingCount() after both answered").isZero();
        assertThat(scheduler.freeWorkers()).as("freeWorkers() while both have a hand-off in flight").isEmpty();
        assertThatThrownBy(() -> scheduler.accepted(3)).as("accepted(3), a worker that was handed nothing")
                .isInstanceOf(IllegalStateException.class);
    }

    @Tag("task:2")
    @DisplayName("A worker that joins while connections wait is handed the oldest at once")
    @Test
    void lateWorkerTakesTheOldest() {
        assertThat(scheduler.connection("c1")).as("connection(c1) with no worker at all").isEmpty();
        assertThat(scheduler.connection("c2")).as("connection(c2)").isEmpty();
        assertThat(scheduler.addWorker(7)).as("addWorker(7) with c1, c2 pending").containsExactly(h(7, "c1"));
        assertThat(scheduler.accepted(7)).as("accepted(7)").containsExactly(h(7, "c2"));
        assertThat(scheduler.accepted(7)).as("accepted(7) with nothing left").isEmpty();
        assertThat(scheduler.freeWorkers()).as("freeWorkers()").containsExactly(7);
    }

    @Tag("task:3")
    @DisplayName("A refused connection goes to the next free worker, and the refuser is handed the next one")
    @Test
    void refusedGoesToAnotherWorker() {
        scheduler.addWorker(1);
        scheduler.addWorker(2);
        scheduler.addWorker(3);
        scheduler.connection("c1"); // to 1
        assertThat(scheduler.refused(1)).as("refused(1) of c1 with 2 and 3 free").containsExactly(h(2, "c1"));
        assertThat(scheduler.freeWorkers()).as("freeWorkers() after the refusal (1 waits behind 3)").containsExactly(3, 1);
        scheduler.connection("c2"); // to 3
        scheduler.connection("c3"); // to 1
        assertThat(scheduler.connection("c4")).as("connection(c4) with all three busy").isEmpty();
        assertThat(scheduler.refused(3)).as("refused(3) of c2 with nobody free: c2 waits first in line, and 3 "
                + "is handed the oldest pending, which is c2 again").containsExactly(h(3, "c2"));
        assertThat(scheduler.accepted(2)).as("accepted(2): c4 is next").containsExactly(h(2, "c4"));
    }

    @Tag("task:3")
    @DisplayName("A refused connection keeps its place at the head of the queue")
    @Test
    void refusedKeepsItsPlace() {
        scheduler.addWorker(1);
        scheduler.addWorker(2);
        scheduler.connection("c1"); // to 1
        scheduler.connection("c2"); // to 2
        scheduler.connection("c3"); // waits
        scheduler.connection("c4"); // waits
        List<Handoff<String>> out = new ArrayList<>(scheduler.refused(1));
        assertThat(out).as("refused(1) of c1 while 2 is busy and c3, c4 wait: 1 gets the head, c1").containsExactly(h(1, "c1"));
        assertThat(scheduler.accepted(2)).as("accepted(2): c3 was behind c1").containsExactly(h(2, "c3"));
        assertThat(scheduler.accepted(1)).as("accepted(1)").containsExactly(h(1, "c4"));
    }

    @Tag("task:4")
    @DisplayName("A removed worker is handed nothing more; an answer to its last hand-off still counts")
    @Test
    void removedWorkerGetsNothing() {
        scheduler.addWorker(1);
        scheduler.addWorker(2);
        scheduler.connection("c1"); // to 1
        scheduler.removeWorker(2);
        assertThat(scheduler.freeWorkers()).as("freeWorkers() after removeWorker(2)").isEmpty();
        assertThat(scheduler.connection("c2")).as("connection(c2): 1 is busy, 2 is gone").isEmpty();
        scheduler.removeWorker(1);
        assertThat(scheduler.workers()).as("workers() after removing both").isEmpty();
        assertThat(scheduler.inFlight(1)).as("inFlight(1) after removeWorker(1): its answer may still come").contains("c1");
        assertThat(scheduler.refused(1)).as("refused(1) after it was removed: nobody to hand c1 to").isEmpty();
        assertThat(scheduler.drainPending()).as("drainPending(): the refused c1 first, then c2").containsExactly("c1", "c2");
        assertThat(scheduler.pendingCount()).as("pendingCount() after drainPending()").isZero();
    }

    @Tag("task:4")
    @DisplayName("abandon returns what a dead worker left unanswered; the others carry on")
    @Test
    void abandonReturnsTheLostConnection() {
        scheduler.addWorker(1);
        scheduler.addWorker(2);
        scheduler.connection("c1"); // to 1
        assertThat(scheduler.abandon(1)).as("abandon(1) with c1 in flight").contains("c1");
        assertThat(scheduler.abandon(2)).as("abandon(2), free with nothing in flight").isEmpty();
        assertThat(scheduler.inFlight(1)).as("inFlight(1) after abandon").isEmpty();
        assertThat(scheduler.workers()).as("workers() after abandoning both").isEmpty();
        assertThat(scheduler.addWorker(3)).as("addWorker(3)").isEmpty();
        assertThat(scheduler.connection("c2")).as("connection(c2) goes to the new worker").containsExactly(h(3, "c2"));
    }
}
