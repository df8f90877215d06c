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

// Lab 05, step 5: does throughput grow with workers?
//
//   for n in 1 2; do node cluster.js --workers $n & autocannon -c 8 -d 3 http://127.0.0.1:3000/; done   (in spirit)
//
// For 1, 2, ... N workers (N = the CPUs, at least 2): a fresh round-robin cluster, 8 keep-alive connections with one
// request in flight each (a closed loop, as wrk and autocannon drive a server), 2 s of warm-up, 3 s measured.
// Prints requests/s per worker count, how the requests spread over the workers, and draws
// results/05-cluster/scaling.png. The client runs in THIS JVM, on the same CPUs: on a 2-core machine one worker plus
// the client already fill both cores, so do not expect 2 workers to double anything (the lab sheet explains).
// For a load generator of its own, scripts/compare-node-cluster.sh drives the serve step with wrk.
//
//   ./workbook run 5 scaling
//   ./workbook run 5 scaling -- --max-workers 4 --connections 16 --seconds 5 --mode reuseport
//
// (-XDignore.symbol.file: lab 04's child signal handlers use sun.misc.Signal; without it javac warns about it.)

void main(String[] args) {
    int code = cachetocluster.cluster.demo.Scaling.command(args, System.out, System.err);
    if (code != 0) {
        System.exit(code);
    }
}
