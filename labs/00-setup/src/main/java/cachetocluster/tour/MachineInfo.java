package cachetocluster.tour;

import java.util.List;

/**
 * What the machine tour found: the Java answer to Node's {@code os.cpus()}, {@code os.totalmem()},
 * {@code os.freemem()}, {@code os.platform()} and {@code os.release()}, in one tree of records.
 *
 * <p>A {@code null} anywhere means "this machine did not say": the file was missing (macOS has no /proc,
 * many VMs have no cache directory under /sys) or held something unexpected. The JSON output keeps the
 * nulls, so a script reading it can tell "unknown" from zero; {@link MachineReport} prints "unknown".
 *
 * @param cpus        how many CPUs, counted four ways, and what they are
 * @param caches      cpu0's caches, innermost first (L1d, L1i, L2, L3)
 * @param cacheSource where {@code caches} came from: the /sys directory, {@code getconf -a}, or null
 * @param memory      memory sizes in bytes
 * @param os          the operating system
 * @param jdk         the JVM running the tour
 * @param notes       what the tour had to guess or skip, in words, for the reader
 */
public record MachineInfo(Cpus cpus, List<Cache> caches, String cacheSource, Memory memory, Os os, Jdk jdk,
                          List<String> notes) {

    public MachineInfo {
        caches = List.copyOf(caches);
        notes = List.copyOf(notes);
    }

    /**
     * @param availableProcessors {@code Runtime.availableProcessors()}: the CPUs this JVM may use, after the
     *                            affinity mask and any cgroup CPU quota (or {@code -XX:ActiveProcessorCount})
     * @param onlineList          /sys/devices/system/cpu/online, e.g. "0-1": the CPUs the kernel runs
     * @param online              how many CPUs {@code onlineList} names: what {@code os.cpus().length} counts
     * @param allowedList         Cpus_allowed_list in /proc/self/status: the affinity mask ({@code taskset})
     * @param allowed             how many CPUs {@code allowedList} names
     * @param cgroupCpuMax        the cgroup's CPU quota as written, e.g. "cpu.max: 150000 100000", or null
     * @param cgroupCpus          that quota in CPUs (1.5), or null when there is no quota
     * @param model               "model name" in /proc/cpuinfo
     * @param mhz                 "cpu MHz" in /proc/cpuinfo: cpu0's clock at the moment it was read
     */
    public record Cpus(int availableProcessors, String onlineList, Integer online, String allowedList,
                       Integer allowed, String cgroupCpuMax, Double cgroupCpus, String model, Double mhz) {}

    /**
     * One cache as the kernel describes it in /sys/devices/system/cpu/cpu0/cache/indexN.
     *
     * @param level         1, 2, 3
     * @param type          "Data", "Instruction" or "Unified"
     * @param size          the size exactly as written ("48K"), kept for when it cannot be parsed
     * @param bytes         {@code size} in bytes, via {@link SizeParser#parse}, or null
     * @param lineBytes     coherency_line_size: the unit the cache moves data in (64 on x86 and most ARM)
     * @param ways          ways_of_associativity: how many places one address may live in a set
     * @param sharedCpuList shared_cpu_list: the CPUs that use this very cache
     * @param sharing       that list in words: "per core", "shared by all 8 CPUs", ...
     */
    public record Cache(int level, String type, String size, Long bytes, Integer lineBytes, Integer ways,
                        String sharedCpuList, String sharing) {

        /** The name lscpu uses: L1d, L1i, L2, L3. */
        public String label() {
            String suffix = switch (type == null ? "" : type) {
                case "Data" -> "d";
                case "Instruction" -> "i";
                default -> "";
            };
            return "L" + level + suffix;
        }
    }

    /**
     * @param totalBytes       {@code OperatingSystemMXBean.getTotalMemorySize()}: {@code os.totalmem()}
     *                         (inside a container with a memory limit, the JVM reports the limit)
     * @param freeBytes        {@code getFreeMemorySize()}: {@code os.freemem()}, memory nobody uses, not even
     *                         the page cache
     * @param meminfoTotal     MemTotal in /proc/meminfo, or null
     * @param meminfoAvailable MemAvailable in /proc/meminfo: free plus what the kernel can reclaim, or null
     * @param jvmMaxHeap       {@code Runtime.maxMemory()}: the heap this JVM may grow to
     */
    public record Memory(long totalBytes, long freeBytes, Long meminfoTotal, Long meminfoAvailable,
                         long jvmMaxHeap) {}

    /**
     * @param name    os.name ({@code os.platform()} says "linux" where Java says "Linux")
     * @param version os.version ({@code os.release()})
     * @param arch    os.arch ("amd64" where Node's {@code os.arch()} says "x64")
     * @param kernel  /proc/sys/kernel/osrelease, or null off Linux
     */
    public record Os(String name, String version, String arch, String kernel) {}

    /**
     * @param version {@code Runtime.version()}
     * @param vendor  java.vendor
     * @param vm      java.vm.name
     * @param gc      the garbage collectors' names: the JVM picked them from the CPU count and memory size
     */
    public record Jdk(String version, String vendor, String vm, List<String> gc) {

        public Jdk {
            gc = List.copyOf(gc);
        }
    }
}
