///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.hdrhistogram:HdrHistogram:2.2.2
//DEPS tools.jackson.core:jackson-databind:3.0.3
//DEPS org.knowm.xchart:xchart:3.8.8
//SOURCES src/main/java/**/*.java
//SOURCES ../00-setup/src/main/java/**/*.java
//JAVA_OPTIONS -Djava.awt.headless=true

// Lab 01, step 2: the report after the JMH benchmarks.
//
// `./workbook bench 1` runs the lab's JMH benchmarks (jmh/src/main/java/cachetocluster/bench/latency:
// one class per claim, each a lesson) and then this script on their JSON. It builds the C chase in
// labs/01-latency/native/chase.c when a C compiler is present and runs it on the same sizes, prints
// Java beside C per size and per cache level, prints the ladder from JMH's figures, and writes the
// charts to results/01-latency/bench/.
//
//   ./workbook bench 1                                            the benchmarks, then this report
//   ./workbook run 1 bench-report -- --jmh results/01-latency/bench/jmh.json     the report again

void main(String[] args) {
    int code = cachetocluster.latency.BenchReportCommand.run(args);
    if (code != 0) {
        System.exit(code);
    }
}
