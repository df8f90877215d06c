package cachetocluster.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table and the JSON of a fixed MachineInfo, so every expected string is known in advance. */
class MachineReportTest {

    static final MachineInfo LAPTOP = new MachineInfo(
            new MachineInfo.Cpus(2, "0-3", 4, "0-1", 2, "cpu.max: 150000 100000", 1.5,
                    "11th Gen Intel(R) Core(TM) i7-1165G7 @ 2.80GHz", 1800.0),
            List.of(new MachineInfo.Cache(1, "Data", "48K", 49152L, 64, 12, "0-1", "per core (2 hardware threads)"),
                    new MachineInfo.Cache(1, "Instruction", "32K", 32768L, 64, 8, "0-1", "per core (2 hardware threads)"),
                    new MachineInfo.Cache(2, "Unified", "1280K", 1310720L, 64, 10, "0-1", "per core (2 hardware threads)"),
                    new MachineInfo.Cache(3, "Unified", "12288K", 12582912L, 64, 12, "0-3", "shared by all 4 CPUs")),
            "/sys/devices/system/cpu/cpu0/cache",
            new MachineInfo.Memory(16L << 30, 1L << 30, 16L << 30, 8L << 30, 4L << 30),
            new MachineInfo.Os("Linux", "6.8.0-45-generic", "amd64", "6.8.0-45-generic"),
            new MachineInfo.Jdk("25.0.1+8-LTS", "Eclipse Adoptium", "OpenJDK 64-Bit Server VM",
                    List.of("G1 Young Generation", "G1 Concurrent GC", "G1 Old Generation")),
            List.of());

    @Test
    void theTableHasOneLinePerCacheLevel() {
        String table = MachineReport.table(LAPTOP);
        assertThat(table)
                .containsPattern("\n  L1d +48 KiB, 64 B lines, 12-way, per core \\(2 hardware threads\\)\n")
                .containsPattern("\n  L2 +1.25 MiB, 64 B lines, 10-way, per core \\(2 hardware threads\\)\n")
                .containsPattern("\n  L3 +12 MiB, 64 B lines, 12-way, shared by all 4 CPUs\n");
    }

    @Test
    void theTableAlignsItsColumns() {
        List<String> rows = MachineReport.table(LAPTOP).lines().filter(l -> l.startsWith("  ") && !l.startsWith("  - ")).toList();
        assertThat(rows).isNotEmpty();
        int valueColumn = rows.getFirst().indexOf("2 ");
        assertThat(rows).allSatisfy(row ->
                assertThat(row.charAt(valueColumn - 1)).as("a space before the value column in %s", row).isEqualTo(' '));
        assertThat(rows).allSatisfy(row ->
                assertThat(row.charAt(valueColumn)).as("a value starts at column %d in %s", valueColumn, row).isNotEqualTo(' '));
    }

    @Test
    void theTableSaysWhatItMeansForTheCourse() {
        String table = MachineReport.table(LAPTOP);
        assertThat(table).contains(
                "availableProcessors()",
                "cgroup CPU quota",
                "1.50 CPUs",
                "16 GiB",
                "garbage collector",
                "What this means for the rest of the course",
                "Lab 05 (cluster) starts 2 workers by default",
                "step up past 48 KiB (L1d), 1.25 MiB (L2), 12 MiB (L3).");
        assertThat(table).as("the instruction cache is not on the data path lab 01 measures").doesNotContain("32 KiB (L1i)");
        assertThat(table).as("no notes, no Notes section").doesNotContain("Notes");
    }

    @Test
    void notesAreListedAtTheEnd() {
        var withNote = new MachineInfo(LAPTOP.cpus(), LAPTOP.caches(), LAPTOP.cacheSource(), LAPTOP.memory(),
                LAPTOP.os(), LAPTOP.jdk(), List.of("something was odd"));
        assertThat(MachineReport.table(withNote)).endsWith("\nNotes\n  - something was odd\n");
    }

    @Test
    void unknownPartsOfACacheAreLeftOut() {
        var bare = new MachineInfo.Cache(3, "Unified", "532676608", 532676608L, 64, null, null, null);
        assertThat(MachineReport.cacheLine(bare, new ArrayList<>())).isEqualTo("508 MiB, 64 B lines");
        var unparsed = new MachineInfo.Cache(1, "Data", "48X", null, null, null, null, null);
        assertThat(MachineReport.cacheLine(unparsed, new ArrayList<>())).isEqualTo("48X");
    }

    @Test
    void collectorNamesFromTheirBeans() {
        assertThat(MachineReport.collector(List.of("G1 Young Generation", "G1 Old Generation"))).isEqualTo("G1");
        assertThat(MachineReport.collector(List.of("Copy", "MarkSweepCompact"))).isEqualTo("Serial");
        assertThat(MachineReport.collector(List.of("PS Scavenge", "PS MarkSweep"))).isEqualTo("Parallel");
        assertThat(MachineReport.collector(List.of("ZGC Cycles", "ZGC Pauses"))).isEqualTo("ZGC");
        assertThat(MachineReport.collector(List.of())).isEqualTo("unknown");
    }

    @Test
    void theJsonUsesTheRecordNamesAndRoundTrips() {
        String json = MachineReport.json(LAPTOP);
        assertThat(json).contains("\"availableProcessors\" : 2", "\"bytes\" : 49152", "\"cgroupCpus\" : 1.5");
        assertThat(json).as("label() is derived, not a property").doesNotContain("\"label\"");
        assertThat(MachineReport.fromJson(json)).isEqualTo(LAPTOP);
    }

    @Test
    void unknownValuesAreNullInJson() {
        var unknown = new MachineInfo(
                new MachineInfo.Cpus(1, null, null, null, null, null, null, null, null), List.of(), null,
                new MachineInfo.Memory(1L << 30, 1L << 29, null, null, 1L << 28),
                new MachineInfo.Os("Mac OS X", "15.1", "aarch64", null),
                new MachineInfo.Jdk("25", "Oracle Corporation", "OpenJDK 64-Bit Server VM", List.of()), List.of());
        String json = MachineReport.json(unknown);
        assertThat(json).contains("\"model\" : null", "\"kernel\" : null", "\"caches\" : [ ]");
        assertThat(MachineReport.fromJson(json)).isEqualTo(unknown);
        assertThat(MachineReport.table(unknown)).contains("unknown").contains("Lab 05 (cluster) starts 1 worker by default");
    }
}
