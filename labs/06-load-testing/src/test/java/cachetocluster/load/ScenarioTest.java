package cachetocluster.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** artillery's scripts: parsing (strictly), arrivals, and runs against a real server. */
@Timeout(60)
class ScenarioTest {

    private static Scenario parse(String yaml) throws Exception {
        return ScenarioParser.parse(yaml, "s.yml");
    }

    @Test
    @DisplayName("Phases: arrivalRate, rampTo, arrivalCount and pause make the arrivals artillery makes")
    void arrivals() throws Exception {
        Scenario s = parse("""
                config:
                  target: http://127.0.0.1:1
                  phases:
                    - {duration: 3, arrivalRate: 2}
                    - {duration: 3, arrivalRate: 1, rampTo: 5}
                    - {pause: "500ms"}
                    - {duration: "2s", arrivalCount: 4, name: last}
                scenarios:
                  - flow: [{get: {url: "/"}}]
                """);
        ArrivalSchedule a = new ArrivalSchedule(s.phases());
        List<ArrivalSchedule.Arrival> all = a.arrivals();
        assertThat(all.stream().filter(x -> x.phase() == 0)).as("2/s for 3 s").hasSize(6);
        assertThat(all.stream().filter(x -> x.phase() == 1)).as("ramp 1 -> 5 over 3 s: 1 + 3 + 5").hasSize(9);
        assertThat(all.stream().filter(x -> x.phase() == 3)).as("arrivalCount 4").hasSize(4);
        assertThat(a.phaseStart(3)).isEqualTo(6_500_000_000L);
        assertThat(all.getLast().offsetNanos()).as("the 4th of 4 arrivals over 2 s").isEqualTo(6_500_000_000L + 1_500_000_000L);
        assertThat(a.endNanos()).isEqualTo(8_500_000_000L);
        assertThat(all).isSortedAccordingTo((x, y) -> Long.compare(x.offsetNanos(), y.offsetNanos()));
        assertThat(a.share(0, 2).size() + a.share(1, 2).size()).isEqualTo(all.size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "phases[0].arivalRate | config: {target: 'http://a', phases: [{duration: 1, arivalRate: 5}]}\\nscenarios: [{flow: [{get: {url: /}}]}] | config.phases[0].arivalRate: unknown field",
            "config.processor | config: {target: 'http://a', processor: x.js, phases: [{duration: 1, arrivalRate: 5}]}\\nscenarios: [{flow: [{get: {url: /}}]}] | config.processor: is an artillery feature jload does not support",
            "capture | config: {target: 'http://a', phases: [{duration: 1, arrivalRate: 5}]}\\nscenarios: [{flow: [{get: {url: /, capture: {json: $.id}}}]}] | scenarios[0].flow[0].get.capture: is an artillery feature",
            "duration type | config: {target: 'http://a', phases: [{duration: soon, arrivalRate: 5}]}\\nscenarios: [{flow: [{get: {url: /}}]}] | config.phases[0].duration: must be a positive number of seconds",
            "bad step | config: {target: 'http://a', phases: [{duration: 1, arrivalRate: 5}]}\\nscenarios: [{flow: [{fetch: {url: /}}]}] | scenarios[0].flow[0].fetch: unknown step",
            "no phases | config: {target: 'http://a'}\\nscenarios: [{flow: [{get: {url: /}}]}] | config.phases: is missing",
            "no url | config: {target: 'http://a', phases: [{duration: 1, arrivalRate: 5}]}\\nscenarios: [{flow: [{get: {headers: {a: b}}}]}] | scenarios[0].flow[0].get.url: is missing",
            "bad target | config: {target: 'localhost:80', phases: [{duration: 1, arrivalRate: 5}]}\\nscenarios: [{flow: [{get: {url: /}}]}] | config.target: the URL needs a scheme",
            "not yaml | config: [unclosed | not valid YAML",
    })
    @DisplayName("A script with a wrong field is refused in one line that names the field")
    void wrongField(String name, String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml.replace("\\n", "\n")))
                .isInstanceOf(ScenarioParser.ScenarioException.class)
                .hasMessageStartingWith("s.yml: ")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    @DisplayName("quick --count 5 -n 4: 5 users, 20 requests, one keep-alive connection per user")
    void quick() throws Exception {
        try (TestServer server = TestServer.start(TestServer.ok())) {
            ScenarioRunner.Result r = ScenarioRunner.run(Scenario.quick(java.net.URI.create(server.url() + "hello"), 5, 4, false));
            assertThat(r.requests()).isEqualTo(20);
            assertThat(server.requests.get()).isEqualTo(20);
            assertThat(server.connections.get()).as("connections: one per user").isEqualTo(5);
            assertThat(r.created()).isEqualTo(5);
            assertThat(r.completed()).isEqualTo(5);
            assertThat(r.failed()).isZero();
            assertThat(ArtilleryReport.counters(r)).containsEntry("http.codes.200", 20L).containsEntry("http.requests", 20L)
                    .containsEntry("vusers.created_by_name.0", 5L);
            assertThat(r.elapsedSeconds()).as("5 arrivals spread over 1 s").isGreaterThanOrEqualTo(0.8);
        }
    }

    @Test
    @DisplayName("run: weighted scenarios, loops, think, json bodies; failures end a user as failed")
    void run() throws Exception {
        try (TestServer server = TestServer.start((r, s, out, srv) ->
                TestServer.reply(r, out, r.target().startsWith("/fail") ? 500 : 200, r.method() + " " + new String(r.body())))) {
            Scenario s = parse("""
                    config:
                      target: %s
                      phases: [{duration: 1, arrivalCount: 6}]
                      defaults: {headers: {x-team: lab06}}
                      ensure: {thresholds: [{"vusers.failed": 0}, {"http.codes.500": 1}]}
                    scenarios:
                      - name: shop
                        weight: 2
                        flow:
                          - loop: [{get: {url: "/items", qs: {page: 2}}}]
                            count: 3
                          - think: 0.05
                          - post: {url: "/cart", json: {id: 7}}
                      - name: broken
                        flow: [{get: {url: "/fail"}}]
                    """.formatted(server.url()));
            ScenarioRunner.Result r = ScenarioRunner.run(s);
            assertThat(r.created()).isEqualTo(6);
            assertThat(r.createdByName()).containsEntry("shop", 4L).containsEntry("broken", 2L);
            assertThat(r.requests()).as("4 shoppers x 4 requests + 2 x 1").isEqualTo(18);
            assertThat(server.requests.get()).isEqualTo(18);
            assertThat(r.completed()).as("HTTP 500 does not fail a user").isEqualTo(6);
            Thresholds.Check codes = ArtilleryReport.ensure(r).get(1);
            assertThat(codes.actual()).isEqualTo(2.0);
            assertThat(codes.passed()).isFalse();
        }
        try (TestServer server = TestServer.start(TestServer.reset())) {
            ScenarioRunner.Result r = ScenarioRunner.run(Scenario.quick(java.net.URI.create(server.url()), 3, 5, false));
            assertThat(r.failed()).as("a reset fails the user").isEqualTo(3);
            assertThat(r.requests()).as("a failed user sends nothing more").isEqualTo(3);
            assertThat(ArtilleryReport.counters(r)).containsEntry("errors.ECONNRESET", 3L);
        }
    }
}
