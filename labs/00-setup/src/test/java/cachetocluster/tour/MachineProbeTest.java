package cachetocluster.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe on fake /proc and /sys trees made of real files, and once on this machine. */
class MachineProbeTest {

    @TempDir
    Path root;

    /** A 4-CPU machine with 2 cores of 2 hardware threads, the caches of a recent Intel laptop. */
    private void writeIntelLaptop() throws IOException {
        write("sys/devices/system/cpu/online", "0-3\n");
        write("sys/devices/system/cpu/cpu0/topology/thread_siblings_list", "0-1\n");
        cache(0, 1, "Data", "48K", 64, 12, "0-1");
        cache(1, 1, "Instruction", "32K", 64, 8, "0-1");
        cache(2, 2, "Unified", "1280K", 64, 10, "0-1");
        cache(3, 3, "Unified", "12288K", 64, 12, "0-3");
        write("proc/cpuinfo", """
                processor\t: 0
                vendor_id\t: GenuineIntel
                model name\t: 11th Gen Intel(R) Core(TM) i7-1165G7 @ 2.80GHz
                cpu MHz\t\t: 1800.000
                cache size\t: 12288 KB

                processor\t: 1
                model name\t: 11th Gen Intel(R) Core(TM) i7-1165G7 @ 2.80GHz
                cpu MHz\t\t: 2900.000
                """);
        write("proc/meminfo", "MemTotal:       16283748 kB\nMemFree:         1234567 kB\nMemAvailable:    8000000 kB\n");
        write("proc/self/status", "Name:\tjava\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n");
        write("proc/sys/kernel/osrelease", "6.8.0-45-generic\n");
        write("sys/fs/cgroup/cpu.max", "150000 100000\n");
    }

    @Test
    void readsCachesInIndexOrderWithSizesInBytes() throws IOException {
        writeIntelLaptop();
        MachineInfo info = new MachineProbe(root).probe();

        assertThat(info.caches()).extracting(MachineInfo.Cache::label).containsExactly("L1d", "L1i", "L2", "L3");
        assertThat(info.caches()).extracting(MachineInfo.Cache::bytes)
                .containsExactly(49152L, 32768L, 1310720L, 12582912L);
        assertThat(info.caches().getFirst())
                .isEqualTo(new MachineInfo.Cache(1, "Data", "48K", 49152L, 64, 12, "0-1", "per core (2 hardware threads)"));
        assertThat(info.caches().getLast().sharing()).isEqualTo("shared by all 4 CPUs");
        assertThat(info.cacheSource()).isEqualTo("/sys/devices/system/cpu/cpu0/cache");
        assertThat(info.notes()).isEmpty();
    }

    @Test
    void indexTenSortsAfterIndexTwo() throws IOException {
        write("sys/devices/system/cpu/online", "0\n");
        cache(10, 3, "Unified", "8M", 64, 16, "0");
        cache(2, 2, "Unified", "512K", 64, 8, "0");
        MachineInfo info = new MachineProbe(root).probe();
        assertThat(info.caches()).extracting(MachineInfo.Cache::level).containsExactly(2, 3);
    }

    @Test
    void readsCpusMemoryAndKernelFromTheFakeTree() throws IOException {
        writeIntelLaptop();
        MachineInfo info = new MachineProbe(root).probe();

        var cpus = info.cpus();
        assertThat(cpus.onlineList()).isEqualTo("0-3");
        assertThat(cpus.online()).isEqualTo(4);
        assertThat(cpus.allowedList()).isEqualTo("0-1");
        assertThat(cpus.allowed()).isEqualTo(2);
        assertThat(cpus.cgroupCpuMax()).isEqualTo("cpu.max: 150000 100000");
        assertThat(cpus.cgroupCpus()).isEqualTo(1.5);
        assertThat(cpus.model()).isEqualTo("11th Gen Intel(R) Core(TM) i7-1165G7 @ 2.80GHz");
        assertThat(cpus.mhz()).as("the first cpu MHz line, cpu0's").isEqualTo(1800.0);
        assertThat(info.memory().meminfoTotal()).isEqualTo(16283748L * 1024);
        assertThat(info.memory().meminfoAvailable()).isEqualTo(8000000L * 1024);
        assertThat(info.os().kernel()).isEqualTo("6.8.0-45-generic");
    }

    @Test
    void cgroupV1QuotaAndNoQuota() throws IOException {
        write("sys/fs/cgroup/cpu/cpu.cfs_quota_us", "200000\n");
        write("sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n");
        assertThat(new MachineProbe(root).probe().cpus().cgroupCpus()).isEqualTo(2.0);

        write("sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1\n");
        var cpus = new MachineProbe(root).probe().cpus();
        assertThat(cpus.cgroupCpus()).isNull();
        assertThat(cpus.cgroupCpuMax()).isEqualTo("cpu.cfs_quota_us: -1, cpu.cfs_period_us: 100000");

        write("sys/fs/cgroup/cpu.max", "max 100000\n");
        cpus = new MachineProbe(root).probe().cpus();
        assertThat(cpus.cgroupCpuMax()).as("v2 wins over v1").isEqualTo("cpu.max: max 100000");
        assertThat(cpus.cgroupCpus()).isNull();
    }

    @Test
    void anEmptyTreeGivesUnknownsAndANoteNotAnException() {
        MachineInfo info = new MachineProbe(root).probe();

        assertThat(info.cpus().availableProcessors()).isPositive();
        assertThat(info.cpus().online()).isNull();
        assertThat(info.cpus().model()).isNull();
        assertThat(info.cpus().cgroupCpuMax()).isNull();
        assertThat(info.caches()).isEmpty();
        assertThat(info.cacheSource()).isNull();
        assertThat(info.memory().meminfoTotal()).isNull();
        assertThat(info.os().kernel()).isNull();
        assertThat(info.notes()).singleElement().asString().contains("No cache sizes");
        assertThat(MachineReport.table(info)).contains("caches", "unknown", "no cache sizes here");
    }

    @Test
    void withoutSysCachesTheGetconfOutputIsUsed() {
        String getconf = """
                LEVEL1_ICACHE_SIZE                 32768
                LEVEL1_ICACHE_ASSOC
                LEVEL1_ICACHE_LINESIZE             64
                LEVEL1_DCACHE_SIZE                 49152
                LEVEL1_DCACHE_ASSOC                12
                LEVEL1_DCACHE_LINESIZE             64
                LEVEL2_CACHE_SIZE                  1048576
                LEVEL2_CACHE_ASSOC                 8
                LEVEL2_CACHE_LINESIZE              64
                LEVEL3_CACHE_SIZE                  532676608
                LEVEL3_CACHE_ASSOC                 0
                LEVEL3_CACHE_LINESIZE              64
                LEVEL4_CACHE_SIZE
                LEVEL4_CACHE_ASSOC
                LEVEL4_CACHE_LINESIZE
                """;
        MachineInfo info = new MachineProbe(root, () -> Optional.of(getconf)).probe();

        assertThat(info.cacheSource()).isEqualTo("getconf -a");
        assertThat(info.caches()).containsExactly(
                new MachineInfo.Cache(1, "Data", "49152", 49152L, 64, 12, null, null),
                new MachineInfo.Cache(1, "Instruction", "32768", 32768L, 64, null, null, null),
                new MachineInfo.Cache(2, "Unified", "1048576", 1048576L, 64, 8, null, null),
                new MachineInfo.Cache(3, "Unified", "532676608", 532676608L, 64, null, null, null));
        assertThat(info.notes()).singleElement().asString().contains("getconf");
    }

    @Test
    void anUnparsableSizeKeepsTheTextAndAddsOneNote() throws IOException {
        write("sys/devices/system/cpu/online", "0-1\n");
        cache(0, 1, "Data", "48X", 64, 8, "0");
        cache(1, 2, "Unified", "1Q", 64, 8, "0");
        MachineInfo info = new MachineProbe(root).probe();

        assertThat(info.caches()).extracting(MachineInfo.Cache::size).containsExactly("48X", "1Q");
        assertThat(info.caches()).extracting(MachineInfo.Cache::bytes).containsOnlyNulls();
        assertThat(info.notes()).hasSize(2).allSatisfy(n -> assertThat(n).contains("IllegalArgumentException"));
        assertThat(MachineReport.table(info)).containsPattern("\\n  L1d +48X, 64 B lines, 8-way, per core\\n");
    }

    @Test
    void cpuListsCount() {
        assertThat(MachineProbe.cpuCount("0")).isEqualTo(1);
        assertThat(MachineProbe.cpuCount("0-1")).isEqualTo(2);
        assertThat(MachineProbe.cpuCount("0-3,8-11")).isEqualTo(8);
        assertThat(MachineProbe.cpuCount("0,2,4\n")).isEqualTo(3);
        assertThat(MachineProbe.cpuCount("")).isNull();
        assertThat(MachineProbe.cpuCount("3-1")).isNull();
        assertThat(MachineProbe.cpuCount("a-b")).isNull();
    }

    @Test
    void sharingInWords() {
        assertThat(MachineProbe.sharing("0", "0", "0-1")).isEqualTo("per core");
        assertThat(MachineProbe.sharing("0,64", "0,64", "0-127")).isEqualTo("per core (2 hardware threads)");
        assertThat(MachineProbe.sharing("0-127", "0,64", "0-127")).isEqualTo("shared by all 128 CPUs");
        assertThat(MachineProbe.sharing("0-7,64-71", "0,64", "0-127")).isEqualTo("shared by 16 CPUs (0-7,64-71)");
        assertThat(MachineProbe.sharing("0", "0", "0")).as("one CPU: its cache is its own").isEqualTo("per core");
        assertThat(MachineProbe.sharing(null, "0", "0")).isNull();
    }

    @Test
    void kernelUnitsBecomeWhatSizeParserReads() {
        assertThat(MachineProbe.kernelUnits("16283748 kB")).isEqualTo("16283748k");
        assertThat(MachineProbe.kernelUnits("1024 KB")).isEqualTo("1024K");
        assertThat(MachineProbe.kernelUnits("48K")).isEqualTo("48K");
        assertThat(MachineProbe.kernelUnits("4096")).isEqualTo("4096");
        assertThat(MachineProbe.kernelUnits(null)).isNull();
    }

    @Test
    void onThisMachineTheInvariantsHoldAndTheJsonRoundTrips() {
        MachineInfo info = MachineProbe.system().probe();

        assertThat(info.cpus().availableProcessors()).isGreaterThanOrEqualTo(1);
        if (info.cpus().online() != null) {
            assertThat(info.cpus().availableProcessors()).as("the JVM never sees more CPUs than the kernel runs")
                    .isLessThanOrEqualTo(info.cpus().online());
        }
        assertThat(info.memory().totalBytes()).isPositive();
        assertThat(info.memory().jvmMaxHeap()).isLessThanOrEqualTo(info.memory().totalBytes());
        for (var cache : info.caches()) {
            assertThat(cache.level()).isBetween(1, 4);
            assertThat(cache.bytes()).as("%s parsed from \"%s\"", cache.label(), cache.size()).isPositive();
        }
        assertThat(MachineReport.fromJson(MachineReport.json(info))).isEqualTo(info);
    }

    private void cache(int index, int level, String type, String size, int line, int ways, String shared)
            throws IOException {
        String dir = MachineProbe.CACHE_DIR + "/index" + index + "/";
        write(dir + "level", level + "\n");
        write(dir + "type", type + "\n");
        write(dir + "size", size + "\n");
        write(dir + "coherency_line_size", line + "\n");
        write(dir + "ways_of_associativity", ways + "\n");
        write(dir + "shared_cpu_list", shared + "\n");
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
