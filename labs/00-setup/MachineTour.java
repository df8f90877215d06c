///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS tools.jackson.core:jackson-databind:3.0.3
//SOURCES src/main/java/**/*.java

// Lab 00, step 1: the machine tour.
//
// Node answers "how many CPUs?" with os.cpus().length: the CPUs the kernel runs. Java answers with
// Runtime.getRuntime().availableProcessors(): the CPUs *this process may use*, after the affinity mask
// (taskset) and any container CPU quota. On a laptop the two agree; in a container they often do not,
// and a cluster sized from the wrong one starts workers that only take turns.
//
// This script prints both, with the caches, memory, OS and JDK beside them, each value next to the
// file or call it came from and the Node name for it. The code is in src/main/java/cachetocluster/tour
// (MachineProbe reads, MachineReport prints); this file only hands it the command line.
//
//   ./jbang labs/00-setup/MachineTour.java           the table
//   ./jbang labs/00-setup/MachineTour.java --json    the same as JSON
//   taskset -c 0 ./jbang labs/00-setup/MachineTour.java    watch availableProcessors() drop to 1

void main(String[] args) {
    int code = cachetocluster.tour.MachineTourCommand.run(args);
    if (code != 0) {
        System.exit(code);
    }
}
