package cachetocluster.cluster.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cachetocluster.cluster.SchedulingPolicy;
import cachetocluster.cluster.demo.DemoCluster.Event;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Step 4 (crash) with real worker JVMs and a real SIGKILL. */
@DisplayName("Lab 05 demo: crash")
class CrashTest {

    @Test
    @DisplayName("SIGKILL under load: 'exit' reports SIGKILL, a replacement listens after it, and the port answers before and after")
    void workerIsReplacedAndThePortKeepsAnswering() throws Exception {
        Crash.Result r = Crash.run(SchedulingPolicy.RR, 2, 8, 1000, 2, WhoServedTest.LEAN);
        Event exit = r.event("exit", r.victim()).orElseThrow(() -> new AssertionError("no 'exit' of the victim in " + r.events()));
        assertThat(exit.detail()).as("the victim's exit (code, signal)").isEqualTo("code null, signal SIGKILL");
        assertThat(exit.atMillis()).as("when the exit came, after the kill at %d", r.killAtMillis()).isGreaterThanOrEqualTo(r.killAtMillis());
        Event replacement = r.replacementListening()
                .orElseThrow(() -> new AssertionError("no worker listened after the kill; events " + r.events()));
        assertThat(replacement.worker()).as("the replacement's id (new ids only)").isGreaterThan(2);
        assertThat(replacement.atMillis()).as("the replacement listened after the exit").isGreaterThanOrEqualTo(exit.atMillis());
        assertThat(r.requests()).as("requests answered before the kill")
                .anyMatch(q -> q.ok() && q.atMillis() < r.killAtMillis());
        assertThat(r.requests()).as("requests answered by a survivor between the kill and the replacement's 'listening'")
                .anyMatch(q -> q.ok() && q.atMillis() > exit.atMillis() && q.worker() != r.victim());
        assertThat(r.requests()).as("requests answered by the replacement")
                .anyMatch(q -> q.ok() && q.worker() == replacement.worker());
        assertThat(r.ok()).as("answered vs failed (%d failed)", r.failed()).isGreaterThan(r.failed());
        assertThat(r.timeline()).as("100 ms windows over 8 s (and the last requests' ends)").hasSizeGreaterThanOrEqualTo(80);
        assertThat(r.timeline().stream().mapToInt(Crash.Window::ok).sum()).as("requests in the timeline").isEqualTo((int) r.ok());
        DemoAsserts.gone(r.victimPid());
    }
}
