package cachetocluster.child.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The start-up study on real child JVMs, one timed fork per configuration: its structure, and that the archives it
 * trains are written and then really used (the JVM's own class-load log says where the probe's class came from).
 * Timings are never asserted: they belong to the study's output, not to a test on a shared machine.
 */
@DisplayName("Start-up study: training runs, the ladder, and proof the AOT cache was used")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartupStudyTest {

    private Path out;
    private StartupStudy.Report report;
    private String progress;

    @BeforeAll
    void runTheStudyOnce(@TempDir Path dir) throws Exception {
        out = dir;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report = StartupStudy.run(new StartupStudy.Settings(out, 1, 0, Set.of("baseline", "library-per-child", "aot"),
                Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        progress = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("The ladder keeps its order, always includes the default, and has one sample per run")
    void ladderStructure() {
        assertThat(report.results()).extracting(r -> r.rung().key()).containsExactly("baseline", "default", "library-per-child", "aot");
        assertThat(report.results()).allSatisfy(r -> assertThat(r.samples()).hasSize(1));
        assertThat(report.runs()).isEqualTo(1);
        assertThat(progress).contains("training run for aot");
    }

    @Test
    @DisplayName("A fork's phases are positive on one machine-wide clock and add up to its fork-to-first-message")
    void phasesAddUp() {
        for (String key : List.of("default", "library-per-child", "aot")) {
            FirstMessage.Sample sample = report.result(key).samples().getFirst();
            assertThat(sample.phases().asList()).as("phases of %s", key).allSatisfy(p -> assertThat(p).isPositive());
            assertThat(sample.phases().totalMs()).as("sum of the phases of %s", key).isCloseTo(sample.totalMs(), within(0.01));
            assertThat(sample.cpuMs()).as("CPU ms the child of %s reported", key).isPositive();
            assertThat(sample.exitCode()).as("exit code of %s's child after disconnect", key).isZero();
        }
        assertThat(report.result("baseline").samples().getFirst().phases()).as("the baseline has no channel").isNull();
    }

    @Test
    @DisplayName("The training run writes the AOT cache, and the child then loads our own class from it")
    void aotCacheWrittenAndUsed() {
        StartupStudy.Training training = report.trainings().stream().filter(t -> t.key().equals("aot")).findFirst().orElseThrow();
        assertThat(training.file()).as("the AOT cache file").isRegularFile().isEqualTo(out.resolve("app.aot"));
        assertThat(training.bytes()).as("size of the AOT cache").isGreaterThan(1_000_000);

        ClassSources aot = report.result("aot").sources();
        assertThat(aot.probeSource()).as("where ProbeChild came from with -XX:AOTCache").startsWith("shared objects file");
        assertThat(aot.fromArchive()).as("classes from the AOT cache").isGreaterThan(aot.loaded() * 9 / 10);
        assertThat(report.result("aot").samples().getFirst().vmInfo()).contains("sharing");

        ClassSources plain = report.result("default").sources();
        assertThat(plain.probeFromArchive()).as("ProbeChild from the default CDS archive? (%s)", plain.probeSource()).isFalse();
        assertThat(plain.probeSource()).as("where ProbeChild came from by default").startsWith("file:").endsWith(".jar");
        assertThat(plain.fromArchive()).as("JDK classes from the default CDS archive").isPositive().isLessThan(aot.fromArchive());
    }

    @Test
    @DisplayName("By default the child loads junixsocket's library from the parent's copy; the per-child rung copies its own")
    void libraryOverrideIsUsed() {
        String file = System.mapLibraryName("junixsocket-native-" + org.newsclub.net.unix.AFSocket.getVersion());
        assertThat(Path.of(report.result("default").samples().getFirst().library())).as("the default child's library")
                .isAbsolute().isRegularFile().hasFileName(file);
        assertThat(report.result("library-per-child").samples().getFirst().library()).as("with the override set empty")
                .startsWith("junixsocket-native-common/");
    }

    @Test
    @DisplayName("The class path the children ran on is all jars, the lab's classes packed into one")
    void childrenRanOnJars() {
        assertThat(ClassPathJars.allJars(report.classPath())).as("all jars: %s", report.classPath()).isTrue();
        assertThat(out.resolve("classpath").resolve("04-child-processes-classes.jar")).isRegularFile();
    }

    @Test
    @DisplayName("The JSON holds every configuration with its samples, and the chart is a PNG")
    void jsonAndChart() throws Exception {
        Path json = out.resolve("startup.json");
        Path png = out.resolve("startup.png");
        StartupReport.writeJson(report, json);
        StartupChart.write(report, png);
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(json));
        assertThat(root.get("configurations")).hasSize(4);
        JsonNode aot = root.get("configurations").get(3);
        assertThat(aot.get("key").asString()).isEqualTo("aot");
        assertThat(aot.get("samplesMs")).hasSize(1);
        assertThat(aot.get("classes").get("probeSource").asString()).startsWith("shared objects file");
        assertThat(aot.get("phaseMediansMs").propertyNames()).containsExactlyElementsOf(FirstMessage.Phases.NAMES);
        assertThat(root.get("trainings").get(0).get("key").asString()).isEqualTo("aot");
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertThat(head).as("PNG signature").containsExactly(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a);
        assertThat(StartupReport.ladderTable(report)).contains("AOT cache (JEP 483/514/515)", "vs default");
    }
}
