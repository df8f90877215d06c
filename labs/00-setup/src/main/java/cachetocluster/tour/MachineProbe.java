package cachetocluster.tour;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads the machine: the JVM's own view (Runtime, the OperatingSystemMXBean, system properties) and the
 * Linux kernel's view (/proc and /sys), which is where {@code lscpu}, {@code free} and Node's {@code os}
 * module look too.
 *
 * <p>The kernel's files are read under {@code root} ("/" on a real machine), so tests can point the probe
 * at a fake /proc and /sys made of real files. Nothing here throws on a missing or odd file: a machine
 * without /proc (macOS) or without /sys cache directories (many VMs) gets nulls and a note.
 */
public final class MachineProbe {

    static final String CACHE_DIR = "sys/devices/system/cpu/cpu0/cache";

    private final Path root;
    private final Supplier<Optional<String>> getconf;

    /** A probe of the files under {@code root} that never runs a command. */
    public MachineProbe(Path root) {
        this(root, Optional::empty);
    }

    /**
     * @param getconf the output of {@code getconf -a}, asked for only when /sys has no cache directory
     */
    public MachineProbe(Path root, Supplier<Optional<String>> getconf) {
        this.root = root;
        this.getconf = getconf;
    }

    /** The probe of this machine: the real /proc and /sys, and getconf when /sys lacks the caches. */
    public static MachineProbe system() {
        return new MachineProbe(Path.of("/"), MachineProbe::runGetconf);
    }

    public MachineInfo probe() {
        List<String> notes = new ArrayList<>();
        Sizes sizes = new Sizes(notes);

        String online = read("sys/devices/system/cpu/online");
        String allowed = field(read("proc/self/status"), "Cpus_allowed_list");
        String cpuinfo = read("proc/cpuinfo");
        String[] quota = cgroupQuota();
        var cpus = new MachineInfo.Cpus(
                Runtime.getRuntime().availableProcessors(),
                online, cpuCount(online), allowed, cpuCount(allowed),
                quota == null ? null : quota[0], quota == null ? null : cpuQuota(quota[1], quota[2]),
                field(cpuinfo, "model name"), parseDouble(field(cpuinfo, "cpu MHz")));

        List<MachineInfo.Cache> caches = sysCaches(online, sizes);
        String cacheSource = "/" + CACHE_DIR;
        if (caches.isEmpty()) {
            Optional<String> fromGetconf = getconf.get();
            caches = fromGetconf.map(out -> getconfCaches(out, sizes)).orElse(List.of());
            cacheSource = caches.isEmpty() ? null : "getconf -a";
            notes.add(caches.isEmpty()
                    ? "No cache sizes: /" + CACHE_DIR + " is missing here (common in VMs and off Linux)."
                    : "/" + CACHE_DIR + " is missing here, so the caches come from getconf, which asks the CPU"
                      + " (CPUID) through glibc: in a VM that is the hypervisor's answer, and it may be made up.");
        }

        String meminfo = read("proc/meminfo");
        var osBean = ManagementFactory.getOperatingSystemMXBean();
        long total = -1;
        long free = -1;
        if (osBean instanceof com.sun.management.OperatingSystemMXBean sun) {
            total = sun.getTotalMemorySize();
            free = sun.getFreeMemorySize();
        }
        var memory = new MachineInfo.Memory(total, free,
                sizes.parse(kernelUnits(field(meminfo, "MemTotal")), "/proc/meminfo MemTotal"),
                sizes.parse(kernelUnits(field(meminfo, "MemAvailable")), "/proc/meminfo MemAvailable"),
                Runtime.getRuntime().maxMemory());

        var os = new MachineInfo.Os(System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), read("proc/sys/kernel/osrelease"));
        var jdk = new MachineInfo.Jdk(Runtime.version().toString(), System.getProperty("java.vendor"),
                System.getProperty("java.vm.name"),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
        return new MachineInfo(cpus, caches, cacheSource, memory, os, jdk, notes);
    }

    private List<MachineInfo.Cache> sysCaches(String online, Sizes sizes) {
        Path dir = root.resolve(CACHE_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> indexes;
        try (Stream<Path> list = Files.list(dir)) {
            indexes = list.filter(p -> p.getFileName().toString().matches("index\\d+"))
                    .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(5))))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
        String siblings = read("sys/devices/system/cpu/cpu0/topology/thread_siblings_list");
        List<MachineInfo.Cache> caches = new ArrayList<>();
        for (Path index : indexes) {
            String base = CACHE_DIR + "/" + index.getFileName();
            Integer level = parseInt(read(base + "/level"));
            if (level == null) {
                continue;
            }
            String size = read(base + "/size");
            String shared = read(base + "/shared_cpu_list");
            caches.add(new MachineInfo.Cache(level, read(base + "/type"), size,
                    sizes.parse(size, "/" + base + "/size"),
                    parseInt(read(base + "/coherency_line_size")), parseInt(read(base + "/ways_of_associativity")),
                    shared, sharing(shared, siblings, online)));
        }
        return caches;
    }

    /**
     * Caches from {@code getconf -a} output, lines such as {@code LEVEL1_DCACHE_SIZE   49152}. Sizes are
     * plain bytes here (task 1 of the exercise); an associativity of 0 or blank means "not reported".
     */
    static List<MachineInfo.Cache> getconfCaches(String output, Sizes sizes) {
        record Kind(String prefix, int level, String type) {}
        List<MachineInfo.Cache> caches = new ArrayList<>();
        for (Kind k : List.of(new Kind("LEVEL1_DCACHE", 1, "Data"), new Kind("LEVEL1_ICACHE", 1, "Instruction"),
                new Kind("LEVEL2_CACHE", 2, "Unified"), new Kind("LEVEL3_CACHE", 3, "Unified"),
                new Kind("LEVEL4_CACHE", 4, "Unified"))) {
            String size = getconfValue(output, k.prefix() + "_SIZE");
            if (size == null || size.equals("0")) {
                continue;
            }
            Integer ways = parseInt(getconfValue(output, k.prefix() + "_ASSOC"));
            caches.add(new MachineInfo.Cache(k.level(), k.type(), size, sizes.parse(size, "getconf " + k.prefix() + "_SIZE"),
                    parseInt(getconfValue(output, k.prefix() + "_LINESIZE")), ways == null || ways == 0 ? null : ways,
                    null, null));
        }
        return caches;
    }

    private static String getconfValue(String output, String name) {
        for (String line : output.split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2 && parts[0].equals(name)) {
                return parts[1];
            }
        }
        return null;
    }

    /** cgroup v2 cpu.max ("150000 100000" or "max 100000"), else v1's cfs quota and period; null if neither. */
    private String[] cgroupQuota() {
        String max = read("sys/fs/cgroup/cpu.max");
        if (max != null) {
            String[] parts = max.split("\\s+");
            return new String[] {"cpu.max: " + max, parts[0], parts.length > 1 ? parts[1] : null};
        }
        for (String dir : List.of("sys/fs/cgroup/cpu", "sys/fs/cgroup/cpu,cpuacct")) {
            String quota = read(dir + "/cpu.cfs_quota_us");
            String period = read(dir + "/cpu.cfs_period_us");
            if (quota != null && period != null) {
                return new String[] {"cpu.cfs_quota_us: " + quota + ", cpu.cfs_period_us: " + period, quota, period};
            }
        }
        return null;
    }

    /** A quota of q microseconds per period of p microseconds is q/p CPUs; "max" and -1 mean no quota. */
    static Double cpuQuota(String quota, String period) {
        Double q = parseDouble(quota);
        Double p = parseDouble(period);
        return q == null || p == null || q <= 0 || p <= 0 ? null : q / p;
    }

    /** Counts the CPUs in a kernel CPU list such as "0-3,8-11" (8); null if it is missing or malformed. */
    static Integer cpuCount(String list) {
        if (list == null || list.isBlank()) {
            return null;
        }
        int count = 0;
        for (String range : list.strip().split(",")) {
            String[] ends = range.split("-");
            Integer from = parseInt(ends[0]);
            Integer to = ends.length == 2 ? parseInt(ends[1]) : from;
            if (ends.length > 2 || from == null || to == null || to < from) {
                return null;
            }
            count += to - from + 1;
        }
        return count;
    }

    /** A cache's shared_cpu_list in words: one core's own, everyone's, or some CPUs'. */
    static String sharing(String shared, String threadSiblings, String online) {
        Integer n = cpuCount(shared);
        if (n == null) {
            return null;
        }
        Integer all = cpuCount(online);
        if (n > 1 && shared.equals(online)) {
            return "shared by all " + all + " CPUs";
        }
        if (n == 1) {
            return "per core";
        }
        if (shared.equals(threadSiblings)) {
            return "per core (" + n + " hardware threads)";
        }
        return "shared by " + n + " CPUs (" + shared + ")";
    }

    /** "24683620 kB" (meminfo) and "1024 KB" (cpuinfo) to the "24683620k" that SizeParser reads. */
    static String kernelUnits(String value) {
        if (value == null) {
            return null;
        }
        String v = value.replace(" ", "");
        return v.length() > 2 && (v.endsWith("B") || v.endsWith("b")) && Character.isLetter(v.charAt(v.length() - 2))
                ? v.substring(0, v.length() - 1) : v;
    }

    /** The value of the first "key : value" line (cpuinfo, meminfo and status all look like this). */
    static String field(String text, String key) {
        if (text == null) {
            return null;
        }
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
                String value = line.substring(colon + 1).strip();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    /** The file's text, stripped, or null if it is missing or unreadable. */
    private String read(String relative) {
        try {
            return Files.readString(root.resolve(relative), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Integer parseInt(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseDouble(String s) {
        try {
            return s == null ? null : Double.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Optional<String> runGetconf() {
        try {
            Process p = new ProcessBuilder("getconf", "-a").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroy();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Parses sizes with {@link SizeParser}, which may be the learner's unfinished copy: a failure becomes
     * a null and one note per distinct problem, never an exception that stops the tour.
     */
    static final class Sizes {
        private final List<String> notes;

        Sizes(List<String> notes) {
            this.notes = notes;
        }

        Long parse(String text, String where) {
            if (text == null) {
                return null;
            }
            try {
                return SizeParser.parse(text);
            } catch (RuntimeException e) {
                String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                if (notes.stream().noneMatch(n -> n.endsWith(problem))) {
                    notes.add("SizeParser.parse(\"" + text + "\") from " + where + " threw " + problem);
                }
                return null;
            }
        }
    }
}
