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

// Lab 06, step "why-cluster": one event loop against threads, on a CPU-bound handler (1 ms of computing per request).
//
//   node server.js            one JavaScript thread: one core, however many the machine has
//
// Lab 03's HttpServer on lab 03's EventLoop computes on its one thread, so its rate stops near 1,000 replies/s. A
// blocking server with a thread per connection (lab 02's model) uses every core. The table's last row is lab 05's
// cluster: one event loop per core behind one port (it is added when lab 05 is finished).
//
//   WhyCluster       the servers, the runs, the table (LoadTest API)
//
//   ./workbook run 6 why-cluster

void main() throws Exception {
    cachetocluster.load.demo.WhyCluster.Settings settings = cachetocluster.load.demo.WhyCluster.Settings.classroom();
    cachetocluster.load.demo.WhyCluster.print(settings, cachetocluster.load.demo.WhyCluster.run(settings), System.out);
}
