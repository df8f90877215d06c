package cachetocluster.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The primary's settings and scheduling policy, without starting a worker. */
@DisplayName("cluster: settings and scheduling policy")
class SettingsAndPolicyTest {

    @Test
    @DisplayName("C2C_CLUSTER_SCHED_POLICY picks the policy (rr by default); anything else is refused with the three names")
    void policyFromEnvironment() {
        assertThat(new Primary(Map.of()).schedulingPolicy()).as("no variable").isEqualTo(SchedulingPolicy.RR);
        assertThat(new Primary(Map.of(SchedulingPolicy.ENV, "none")).schedulingPolicy()).as("=none").isEqualTo(SchedulingPolicy.NONE);
        assertThat(new Primary(Map.of(SchedulingPolicy.ENV, "ReusePort")).schedulingPolicy()).as("=ReusePort")
                .isEqualTo(SchedulingPolicy.REUSEPORT);
        assertThatThrownBy(() -> new Primary(Map.of(SchedulingPolicy.ENV, "random"))).as("=random")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rr, none or reuseport");
    }

    @Test
    @DisplayName("setupPrimary merges what it sets, emits 'setup', and freezes the policy")
    void setupMergesAndFreezes() throws Exception {
        Primary primary = new Primary(Map.of());
        CompletableFuture<Settings> setup = new CompletableFuture<>();
        primary.on("setup", args -> setup.complete((Settings) args[0]));
        primary.schedulingPolicy(SchedulingPolicy.NONE);
        primary.setupPrimary(Settings.none().exec("app.Main").args("--port", "1"));
        primary.setupPrimary(Settings.none().execArgv("-Xmx64m"));
        Settings s = primary.settings();
        assertThat(s.exec()).as("exec after two setupPrimary calls").isEqualTo("app.Main");
        assertThat(s.args()).as("args (set by the first, kept by the second)").isEqualTo(List.of("--port", "1"));
        assertThat(s.execArgv()).as("execArgv").isEqualTo(List.of("-Xmx64m"));
        assertThat(s.silent()).as("silent (Node's default)").isFalse();
        assertThat(setup.get(10, TimeUnit.SECONDS).exec()).as("the first 'setup' event's exec").isEqualTo("app.Main");
        assertThatThrownBy(() -> primary.schedulingPolicy(SchedulingPolicy.RR)).as("changing the policy after setupPrimary")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("frozen");
        assertThat(primary.schedulingPolicy(SchedulingPolicy.NONE)).as("setting the same policy again is harmless").isSameAs(primary);
    }

    @Test
    @DisplayName("The default exec is the main class the java launcher started, if it started a class")
    void defaultExec() {
        assertThat(Settings.mainClassOf("app.Main --port 3000")).as("for 'app.Main --port 3000'").contains("app.Main");
        assertThat(Settings.mainClassOf("Serve")).as("for a step class 'Serve'").contains("Serve");
        assertThat(Settings.mainClassOf("/tmp/app.jar --x")).as("for a jar").isEmpty();
        assertThat(Settings.mainClassOf("labs/05-cluster/Serve.java")).as("for a source file").isEmpty();
        assertThat(Settings.mainClassOf("")).as("for nothing").isEmpty();
    }
}
