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

// Lab 06, step "averages-lie": a server with rare slow replies (1 in 100 takes 50 ms): mean against p50/p99/p99.9/max.
//
//   npx loadtest -k -c 10 -n 5000 URL      loadtest prints "Mean latency" and a percentile table; read the table
//
// The mean lands a little above the typical reply and far below what the unlucky ones waited. Then the arithmetic
// that makes the tail matter: a page of 50 requests meets a 1-in-100 slow reply with probability 1 - 0.99^50, 39%.
//
//   AveragesLie      the run and the table;  PercentileTable: how jload summarises a histogram
//
//   ./workbook run 6 averages-lie

void main() throws Exception {
    cachetocluster.load.demo.AveragesLie.Settings settings = cachetocluster.load.demo.AveragesLie.Settings.classroom();
    cachetocluster.load.demo.AveragesLie.print(settings, cachetocluster.load.demo.AveragesLie.run(settings), System.out);
}
