///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.hdrhistogram:HdrHistogram:2.2.2
//DEPS tools.jackson.core:jackson-databind:3.0.3
//DEPS com.kohlschutter.junixsocket:junixsocket-common:2.10.1
//DEPS com.kohlschutter.junixsocket:junixsocket-native-common:2.10.1
//DEPS org.knowm.xchart:xchart:3.8.8
//SOURCES src/main/java/**/*.java
//SOURCES ../03-event-loop/src/main/java/**/*.java
//SOURCES ../04-child-processes/src/main/java/**/*.java
//JAVA_OPTIONS --enable-native-access=ALL-UNNAMED
//COMPILE_OPTIONS -XDignore.symbol.file

// Lab 05, step 1: the hello cluster. A primary and N workers share one port; GET / answers with
// the worker that served it, e.g. "worker 2 pid 4242".
//
//   const cluster = require('cluster');
//   if (cluster.isPrimary) { for (let i = 0; i < n; i++) cluster.fork(); }
//   else { http.createServer((req, res) => res.end(`worker ${cluster.worker.id}\n`)).listen(3000); }
//
// The same program runs as the primary and, forked, as each worker (Cluster.isPrimary() tells
// them apart, as in Node). --mode picks how connections reach the workers:
//   rr         the primary accepts each connection and hands its file descriptor to the next free
//              worker (SCM_RIGHTS over the lab 04 channel); the worker serves it on its own loop
//   none       the primary makes the listening socket once and sends it to every worker; they all
//              accept on it and the kernel picks who wakes up
//   reuseport  every worker binds its own socket to the port with SO_REUSEPORT; the kernel hashes
//              each connection to one of them
// A worker that dies is replaced (with a backoff; a crash loop stops it). SIGINT or SIGTERM to the
// primary asks every worker to disconnect: requests in flight finish, then all exit.
//
// scripts/compare-node-cluster.sh runs exactly this against Node's cluster module.
//
//   ./workbook run 5 serve -- --port 3000 --workers 2 --mode rr
//   for i in 1 2 3 4; do curl -s http://127.0.0.1:3000/; done       (a new connection each time)
//   curl -s 'http://127.0.0.1:3000/slow?ms=2000'                     (a slow one, on a timer)
//   kill -KILL <a worker's pid>                                       and watch it come back
//   ./jbang labs/05-cluster/Serve.java --help

void main(String[] args) {
    int code = cachetocluster.cluster.demo.HelloCluster.run(args);
    if (code != 0) {
        System.exit(code);
    }
}
