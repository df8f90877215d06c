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

// Lab 04, step 2: a forked child has a heap of its own.
//
//   let counter = 0                                   // one variable PER PROCESS
//   if (process.send) process.on('message', () => process.send(++counter))
//   else { const child = fork(__filename); counter += 10; child.send('increment') ... }
//
// One static field, SeparateHeaps.counter, is loaded once in each JVM: the parent adds 10 per round to its copy and
// asks the child to add 1, twice, to its own. The two counters diverge, because nothing is shared: not the field, not
// a cache, not a singleton. A message is a copy too (JSON, parsed anew): the child appends to the list it got and the
// parent's list does not change. And each heap has its own limit: the child runs with -Xmx64m.
//
//   ./workbook run 4 heaps
//   ./workbook run 4 heaps -- --rounds 5

void main(String[] args) {
    int code = cachetocluster.child.demo.SeparateHeaps.command(args, System.out, System.err);
    if (code != 0) {
        System.exit(code);
    }
}
