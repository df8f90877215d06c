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

// Lab 05, step 4: kill a worker under load and watch the cluster heal.
//
//   cluster.on('exit', (worker, code, signal) => { console.log(`worker ${worker.id} died (${signal})`); cluster.fork(); });
//
// A cluster of 2 workers serves a steady loop of short requests for 5 s; after 1 s one worker gets SIGKILL (no
// handler runs, no goodbye). The primary sees its channel close and the process end: 'exit' (null, 'SIGKILL'). The
// lab's Respawner asks your RespawnPolicy what to do (100 ms, doubling; more than 5 crashes in 10 s gives up) and
// forks a replacement, which says 'online' and then 'listening'. The timeline shows, per 100 ms: requests that
// worked and that failed, which workers answered, and the events where they fell.
//
//   ./workbook run 5 crash
//   ./workbook run 5 crash -- --workers 4 --seconds 8 --kill-after 2000 --mode none
//   ./workbook run 5 crash --mine               (the respawns on your RespawnPolicy)
//
// (-XDignore.symbol.file: lab 04's child signal handlers use sun.misc.Signal; without it javac warns about it.)

void main(String[] args) {
    int code = cachetocluster.cluster.demo.Crash.command(args, System.out, System.err);
    if (code != 0) {
        System.exit(code);
    }
}
