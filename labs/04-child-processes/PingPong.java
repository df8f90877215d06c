///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS tools.jackson.core:jackson-databind:3.0.3
//DEPS com.kohlschutter.junixsocket:junixsocket-common:2.10.1
//DEPS com.kohlschutter.junixsocket:junixsocket-native-common:2.10.1
//DEPS org.hdrhistogram:HdrHistogram:2.2.2
//DEPS org.knowm.xchart:xchart:3.8.8
//SOURCES src/main/java/**/*.java
//SOURCES ../03-event-loop/src/main/java/**/*.java
//JAVA_OPTIONS --enable-native-access=ALL-UNNAMED
//COMPILE_OPTIONS -XDignore.symbol.file

// Lab 04, step 4: ping-pong over the IPC channel: how many round trips a second, and how long each one takes.
//
//   child.on('message', m => { if (m.seq < N) child.send({ seq: m.seq + 1 }) })    // parent
//   process.on('message', m => process.send(m))                                    // child
//
// One message in flight at a time: the parent's listener times each round trip (HdrHistogram) and sends the next.
// Twice: with the listeners on the channel's reader thread (no hand-off) and with the default, where every event is
// handed to a pool thread so that a listener that sends a lot can never stall the reader. The difference between the
// two rows is the price of that hand-off. The same measurement under JMH, and beside Node's fork, is another
// command's job (./workbook bench 4).
//
//   ./workbook run 4 ping-pong
//   ./workbook run 4 ping-pong -- --count 100000 --bytes 1000

void main(String[] args) {
    int code = cachetocluster.child.demo.PingPong.command(args, System.out, System.err);
    if (code != 0) {
        System.exit(code);
    }
}
