///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS tools.jackson.core:jackson-databind:3.0.3
//DEPS com.kohlschutter.junixsocket:junixsocket-common:2.10.1
//DEPS com.kohlschutter.junixsocket:junixsocket-native-common:2.10.1
//DEPS org.hdrhistogram:HdrHistogram:2.2.2
//DEPS org.knowm.xchart:xchart:3.8.8
//SOURCES src/main/java/**/*.java
//SOURCES ../03-event-loop/src/main/java/**/*.java
//SOURCES ../04-child-processes/src/main/java/**/*.java
//JAVA_OPTIONS --enable-native-access=ALL-UNNAMED
//COMPILE_OPTIONS -XDignore.symbol.file

// Lab 05, step 2: which worker served each request?
//
//   for i in $(seq 20); do curl -s http://127.0.0.1:3000/; done      (against ./workbook run 5 serve)
//
// Starts a cluster of 2 workers (round-robin) on a free port, makes 20 requests one after the other, each on a new
// connection, and prints the worker that answered each, then the connections per worker. In rr mode the column is a
// pattern (1 2 1 2 ...): the primary accepts and hands each connection to the next free worker. Try --mode none and
// --mode reuseport: the kernel decides there, and the pattern is gone.
//
//   WhoServed      the run and the table;  DemoCluster: a primary of its own, the events with their times
//   HelloClient    GET / on a connection of its own, the worker id from the body ("worker 2 pid 4242")
//
//   ./workbook run 5 who-served
//   ./workbook run 5 who-served -- --workers 4 --requests 40 --mode reuseport
//   ./workbook run 5 who-served --mine          (on your RoundRobinScheduler and Fairness)
//
// (-XDignore.symbol.file: lab 04's child signal handlers use sun.misc.Signal; without it javac warns about it.)

void main(String[] args) {
    int code = cachetocluster.cluster.demo.WhoServed.command(args, System.out, System.err);
    if (code != 0) {
        System.exit(code);
    }
}
