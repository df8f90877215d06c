///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS tools.jackson.core:jackson-databind:3.0.3
//DEPS tools.jackson.dataformat:jackson-dataformat-yaml:3.0.3
//DEPS org.hdrhistogram:HdrHistogram:2.2.2
//DEPS org.knowm.xchart:xchart:3.8.8
//DEPS com.kohlschutter.junixsocket:junixsocket-common:2.10.1
//DEPS com.kohlschutter.junixsocket:junixsocket-native-common:2.10.1
//SOURCES src/main/java/**/*.java
//SOURCES ../03-event-loop/src/main/java/**/*.java
//SOURCES ../04-child-processes/src/main/java/**/*.java
//SOURCES ../05-cluster/src/main/java/**/*.java
//JAVA_OPTIONS -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED
//COMPILE_OPTIONS -XDignore.symbol.file

// Lab 06, step "omission": coordinated omission, live (Gil Tene; wrk2).
//
//   ./jload --rps 200 -c 1 -t 5 -k URL     200 requests/s on one connection, as wrk runs a fixed set of them
//
// The server stalls for 1 s, once. The ~200 requests due during the stall cannot go out (the one connection is
// busy); they go out late, in a burst. From their actual send they were fast: the uncorrected p99 is clean and the
// stall is one sample. From when they were due, each waited out the rest of the second: the corrected p99 is
// about a second. jload reports the corrected one (response time) and keeps the other as "service time".
//
//   Omission         the run and the table;  LatencyRecorder: both clocks, per reply
//
//   ./workbook run 6 omission
//   ./workbook run 6 omission --mine              on your OpenSchedule, LatencyRecorder and ErrorTable

void main() throws Exception {
    cachetocluster.load.demo.Omission.Settings settings = cachetocluster.load.demo.Omission.Settings.classroom();
    cachetocluster.load.demo.Omission.print(settings, cachetocluster.load.demo.Omission.run(settings), System.out);
}
