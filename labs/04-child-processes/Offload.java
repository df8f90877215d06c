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

// Lab 04, step 3: CPU-heavy work in a forked child keeps lab 03's event loop responsive.
//
//   app.get('/fib', (req, res) => res.end(String(fib(40))))                      // on the loop: everyone waits
//   app.get('/fib', async (req, res) => res.end(String(await ask(child, 40))))    // in a child: nobody waits
//
// Lab 03's server on lab 03's loop, twice, with the same clients: one connection calls GET /fib back to back and a
// probe calls GET / every 10 ms. First the handler computes fib(40) on the loop thread: the loop is blocked for the
// whole computation, GET / waits behind it, and the DelayMonitor names the handler. Then the handler sends {"n":40}
// to a forked child (Rpc over the IPC channel) and answers when the reply comes back: the loop stays free, GET / is
// fast, and the loop delay is that of an idle loop. The worker pool of lab 03 cannot do this for Node: JavaScript
// runs on one thread, so computation needs another process (or a worker_thread).
//
//   Offload          the server, the two runs, the child (Offload.Child)
//   OffloadCommand   the options and the table;  Probe: the clients
//
//   ./workbook run 4 offload
//   ./workbook run 4 offload -- --n 38 --seconds 5

void main(String[] args) {
    int code = cachetocluster.child.demo.OffloadCommand.run(args, System.out, System.err);
    if (code != 0) {
        System.exit(code);
    }
}
