// Lab 00 - Machine tour: the classroom walkthrough.
// Run it with the lab's classes on the class path: ./workbook notebook 0
// Every number on the screen is measured on the machine in front of you, not quoted from a book.

import java.nio.file.*;
import cachetocluster.tour.*;

// "In Node you size a cluster with os.cpus().length. Java's question is different: how many CPUs may
//  THIS process use? Ask it."
int cpus = Runtime.getRuntime().availableProcessors();
IO.println("availableProcessors() = " + cpus);

// "The kernel keeps its own list of the CPUs it runs. That file is what os.cpus().length counts.
//  When the two numbers differ, something (taskset, a container quota) narrowed this process."
Path online = Path.of("/sys/devices/system/cpu/online");
IO.println(Files.exists(online) ? "kernel online CPUs: " + Files.readString(online).strip() : "no " + online + " here (not Linux?)");

// "The affinity mask lives in /proc/self/status. Try the tour again under `taskset -c 0` and watch it shrink."
Path status = Path.of("/proc/self/status");
if (Files.exists(status)) {
    Files.readAllLines(status).stream().filter(l -> l.startsWith("Cpus_allowed_list")).forEach(IO::println);
}

// "The kernel describes each cache of cpu0 in a directory of tiny text files. Let's read them raw."
Path caches = Path.of("/sys/devices/system/cpu/cpu0/cache");
if (Files.isDirectory(caches)) {
    try (var dirs = Files.list(caches)) {
        for (Path d : dirs.filter(p -> p.getFileName().toString().startsWith("index")).sorted().toList()) {
            IO.println(d.getFileName() + ": L" + Files.readString(d.resolve("level")).strip()
                    + " " + Files.readString(d.resolve("type")).strip()
                    + " size=" + Files.readString(d.resolve("size")).strip());
        }
    }
} else {
    IO.println("no " + caches + " on this machine (a VM or not Linux): the tour asks getconf instead");
}

// "Sizes come as text: 48K, 1024K, 32768K. K means 1024 here, not 1000. That's the exercise: SizeParser."
IO.println("48K    = " + SizeParser.parse("48K") + " bytes");
IO.println("1024K  = " + SizeParser.parse("1024K") + " bytes = " + SizeParser.format(SizeParser.parse("1024K")));
IO.println("32768K = " + SizeParser.format(SizeParser.parse("32768K")));

// "A cache line is 64 bytes on nearly every machine you'll meet: a 48 KiB L1 holds this many lines."
IO.println(SizeParser.parse("48K") / 64 + " lines of 64 bytes");

// "Bad input fails loudly, and the message names the input, so you know which file surprised you."
try {
    SizeParser.parse("12Q");
} catch (IllegalArgumentException e) {
    IO.println("rejected: " + e.getMessage());
}

// "Memory: os.totalmem() and os.freemem() in Node; the OperatingSystemMXBean in Java."
var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
IO.println("total " + SizeParser.format(os.getTotalMemorySize()) + ", free " + SizeParser.format(os.getFreeMemorySize())
        + ", this JVM's max heap " + SizeParser.format(Runtime.getRuntime().maxMemory()));

// "os.platform() and os.release(): system properties. And which JDK are we on?"
IO.println(System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")
        + ", JDK " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");

// "Now all of it at once: the probe reads the files, the report lays them out. This is what `./workbook run 0` prints."
MachineInfo info = MachineProbe.system().probe();
IO.println(MachineReport.table(info));

// "The same, as JSON, for scripts. Note the nulls: null means the machine did not say."
IO.println(String.join("\n", MachineReport.json(info).lines().limit(12).toList()) + "\n  ...");

// "Question for the room: lab 05 will start one worker per CPU. Which number should it use, and why?"
IO.println("workers for lab 05: " + cpus);
