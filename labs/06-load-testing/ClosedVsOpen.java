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

// Lab 06, step "closed-vs-open": the same slowing server under the closed model (-c 10) and the open model (--rps 100).
//
//   npx loadtest -c 10 -t 3 URL            the closed model: each connection sends again when its reply arrives
//   npx loadtest --rps 100 -n 300 URL      the open model: a request every 10 ms, whatever the replies do
//
// A one-worker server answers in 1 ms, then in 25 ms (40 replies/s at most). The closed model's offered load is
// connections / service time, so it drops with the server, and its latency stops at connections x service time.
// The open model keeps offering 100/s; the server cannot keep up, its queue grows, and so does the latency.
//
//   ClosedVsOpen     the runs and the table;  DemoServer: the server (JDK HttpServer, a service time per request)
//
//   ./workbook run 6 closed-vs-open               (or ./jbang labs/06-load-testing/ClosedVsOpen.java)

void main() throws Exception {
    cachetocluster.load.demo.ClosedVsOpen.Settings settings = cachetocluster.load.demo.ClosedVsOpen.Settings.classroom();
    cachetocluster.load.demo.ClosedVsOpen.print(settings, cachetocluster.load.demo.ClosedVsOpen.run(settings), System.out);
}
