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

// Lab 05, step 3: how evenly do rr, none and reuseport spread connections?
//
//   cluster.schedulingPolicy = cluster.SCHED_RR | cluster.SCHED_NONE      (or NODE_CLUSTER_SCHED_POLICY=rr|none)
//   http.createServer(...).listen({ port, reusePort: true })             (Node 22.12 / 23.1, Linux >= 3.9)
//
// For each mode: a fresh cluster of 4 workers, 2,000 short connections (one GET / each) from 8 client threads,
// counted per worker from the response bodies. Prints the counts with the Fairness statistics (max/min, coefficient
// of variation, Jain's index: your exercise) and draws results/05-cluster/distribution.png. Bounded: at most 60 s per mode.
//
//   ./workbook run 5 distribution
//   ./workbook run 5 distribution -- --workers 8 --connections 5000 --clients 16
//   ./workbook run 5 distribution -- --modes none,reuseport --chart results/05-cluster/mine.png
//
// (-XDignore.symbol.file: lab 04's child signal handlers use sun.misc.Signal; without it javac warns about it.)

void main(String[] args) {
    int code = cachetocluster.cluster.demo.Distribution.command(args, System.out, System.err);
    if (code != 0) {
        System.exit(code);
    }
}
