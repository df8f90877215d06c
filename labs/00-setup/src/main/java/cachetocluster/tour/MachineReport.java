package cachetocluster.tour;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a {@link MachineInfo} for people (an aligned text table) and for programs (JSON).
 *
 * <p>Each row has three columns: what, the value, and where it came from or what Node calls it, so the
 * table doubles as a map from Node's {@code os} module to the JDK and the kernel.
 */
public final class MachineReport {

    private MachineReport() {}

    /** The records serialize as they are; the mapper is built on first use, so the table never loads Jackson. */
    private static final class Json {
        static final JsonMapper MAPPER = JsonMapper.builder().build();
    }

    public static String json(MachineInfo info) {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(info) + "\n";
    }

    public static MachineInfo fromJson(String json) {
        return Json.MAPPER.readValue(json, MachineInfo.class);
    }

    public static String table(MachineInfo info) {
        var t = new Table();
        List<String> problems = new ArrayList<>(info.notes());
        var c = info.cpus();

        t.section("CPUs");
        t.row("availableProcessors()", String.valueOf(c.availableProcessors()),
                "the CPUs this JVM may use: affinity mask and cgroup quota applied");
        t.row("online (kernel)", count(c.online()), "os.cpus().length; " + from("/sys/devices/system/cpu/online", c.onlineList()));
        t.row("allowed (affinity)", count(c.allowed()), "taskset's mask; " + from("/proc/self/status Cpus_allowed_list", c.allowedList()));
        t.row("cgroup CPU quota", c.cgroupCpuMax() == null ? "unknown" : c.cgroupCpus() == null ? "none"
                : String.format(Locale.ROOT, "%.2f CPUs", c.cgroupCpus()), or(c.cgroupCpuMax(), "no cgroup CPU files"));
        t.row("model", or(c.model(), "unknown"), "os.cpus()[i].model; /proc/cpuinfo model name");
        t.row("clock now", c.mhz() == null ? "unknown" : Math.round(c.mhz()) + " MHz",
                "os.cpus()[i].speed; /proc/cpuinfo cpu MHz, at this moment");

        t.section("Caches of cpu0" + (info.cacheSource() == null ? "" : "  (from " + info.cacheSource() + ")"));
        if (info.caches().isEmpty()) {
            t.row("caches", "unknown", "");
        }
        for (var cache : info.caches()) {
            t.row(cache.label(), cacheLine(cache, problems), "");
        }

        var m = info.memory();
        t.section("Memory");
        t.row("total", bytes(m.totalBytes(), problems), "os.totalmem(); OperatingSystemMXBean");
        t.row("free", bytes(m.freeBytes(), problems), "os.freemem(); OperatingSystemMXBean");
        t.row("available", bytes(m.meminfoAvailable(), problems), "/proc/meminfo MemAvailable: free + reclaimable cache");
        t.row("JVM max heap", bytes(m.jvmMaxHeap(), problems), "Runtime.maxMemory(): -Xmx, by default 1/4 of total");

        var os = info.os();
        var jdk = info.jdk();
        t.section("System");
        t.row("os", os.name() + " " + os.version() + " " + os.arch(), "os.platform(), os.release(), os.arch(); os.name, os.version, os.arch");
        t.row("kernel", or(os.kernel(), "unknown"), "/proc/sys/kernel/osrelease");
        t.row("JDK", jdk.version() + " (" + jdk.vendor() + ")", jdk.vm());
        t.row("garbage collector", collector(jdk.gc()), "the JVM's pick for these CPUs and this memory");

        var out = new StringBuilder(t.render());
        out.append("\nWhat this means for the rest of the course\n");
        for (String line : meaning(info, problems)) {
            out.append("  - ").append(line).append('\n');
        }
        if (!problems.isEmpty()) {
            out.append("\nNotes\n");
            problems.forEach(p -> out.append("  - ").append(p).append('\n'));
        }
        return out.toString();
    }

    /** "48 KiB, 64 B lines, 12-way, per core": the parts the machine did not report are left out. */
    static String cacheLine(MachineInfo.Cache cache, List<String> problems) {
        List<String> parts = new ArrayList<>();
        parts.add(cache.bytes() == null ? or(cache.size(), "size unknown") : bytes(cache.bytes(), problems));
        if (cache.lineBytes() != null) {
            parts.add(cache.lineBytes() + " B lines");
        }
        if (cache.ways() != null) {
            parts.add(cache.ways() + "-way");
        }
        if (cache.sharing() != null) {
            parts.add(cache.sharing());
        }
        return String.join(", ", parts);
    }

    private static List<String> meaning(MachineInfo info, List<String> problems) {
        int n = info.cpus().availableProcessors();
        List<String> lines = new ArrayList<>();
        lines.add("Lab 05 (cluster) starts " + n + " worker" + (n == 1 ? "" : "s")
                + " by default: availableProcessors(), where Node's cluster examples use os.cpus().length.");
        String bends = info.caches().stream()
                .filter(c -> c.bytes() != null && !"Instruction".equals(c.type()))
                .map(c -> bytes(c.bytes(), problems) + " (" + c.label() + ")")
                .collect(Collectors.joining(", "));
        lines.add(bends.isEmpty() && !info.caches().isEmpty()
                ? "Lab 01 (latency ladder): the cache sizes are not parsed yet (see Notes)."
                : bends.isEmpty()
                ? "Lab 01 (latency ladder): no cache sizes here; the latency curve will show you where they are."
                : "Lab 01 (latency ladder): expect the access-time curve to step up past " + bends + ".");
        lines.add("Labs 02-03: at most " + (n == 1 ? "1 thread runs" : n + " threads run")
                + " at the same instant; an event loop is one thread, so it keeps one CPU busy at most.");
        lines.add("Lab 06 (load testing): the load tester shares " + (n == 1 ? "this CPU" : "these " + n + " CPUs")
                + " with the server it measures.");
        return lines;
    }

    /** SizeParser.format, guarded: the learner's copy may still be a TODO, and the tour must go on. */
    private static String bytes(Long bytes, List<String> problems) {
        if (bytes == null || bytes < 0) {
            return "unknown";
        }
        try {
            return SizeParser.format(bytes);
        } catch (RuntimeException e) {
            String problem = "SizeParser.format(" + bytes + ") threw " + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + " (showing plain bytes)";
            if (problems.stream().noneMatch(p -> p.startsWith("SizeParser.format("))) {
                problems.add(problem);
            }
            return bytes + " bytes";
        }
    }

    /** The collector's common name from its beans' names ("G1 Young Generation", "PS Scavenge", "Copy", ...). */
    static String collector(List<String> beans) {
        String all = String.join(", ", beans);
        if (all.contains("G1")) return "G1";
        if (all.contains("ZGC")) return "ZGC";
        if (all.contains("Shenandoah")) return "Shenandoah";
        if (all.contains("PS ")) return "Parallel";
        if (all.contains("Copy") || all.contains("MarkSweepCompact")) return "Serial";
        return all.isEmpty() ? "unknown" : all;
    }

    private static String count(Integer n) {
        return n == null ? "unknown" : n.toString();
    }

    private static String from(String where, String value) {
        return value == null ? where + " missing" : where + " = " + value;
    }

    private static String or(String value, String otherwise) {
        return value == null ? otherwise : value;
    }

    /** Three left-aligned columns under section headings; widths fit the longest label and value. */
    private static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        void section(String title) {
            rows.add(new String[] {title});
        }

        void row(String label, String value, String note) {
            rows.add(new String[] {label, value, note});
        }

        String render() {
            int labelWidth = rows.stream().filter(r -> r.length == 3).mapToInt(r -> r[0].length()).max().orElse(0);
            // Rows without a note (the cache lines) may be long; they do not push the notes to the right.
            int valueWidth = rows.stream().filter(r -> r.length == 3 && !r[2].isEmpty()).mapToInt(r -> r[1].length()).max().orElse(0);
            var sb = new StringBuilder();
            for (String[] r : rows) {
                if (r.length == 1) {
                    sb.append(sb.isEmpty() ? "" : "\n").append(r[0]).append('\n');
                } else {
                    String line = "  " + pad(r[0], labelWidth) + "  " + (r[2].isEmpty() ? r[1] : pad(r[1], valueWidth) + "  " + r[2]);
                    sb.append(line.stripTrailing()).append('\n');
                }
            }
            return sb.toString();
        }

        private static String pad(String s, int width) {
            return s + " ".repeat(Math.max(0, width - s.length()));
        }
    }
}
