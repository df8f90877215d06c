///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS tools.jackson.core:jackson-databind:3.0.3
//DEPS com.kohlschutter.junixsocket:junixsocket-common:2.10.1
//DEPS com.kohlschutter.junixsocket:junixsocket-native-common:2.10.1
//DEPS org.hdrhistogram:HdrHistogram:2.2.2
//DEPS org.knowm.xchart:xchart:3.8.8
//SOURCES src/main/java/**/*.java
//SOURCES ../03-event-loop/src/main/java/**/*.java
//JAVA_OPTIONS --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true
//COMPILE_OPTIONS -XDignore.symbol.file

// Lab 04: the start-up cost of a forked JVM, and what JDK 25 can take off it.
//
// A Node child is talking in about 40 ms; a forked JVM takes ten times that before its first message reaches the
// parent. This script measures fork-to-first-message (the parent's fork() call to its 'message' listener) many times
// for a ladder of configurations: the default, CDS off, small JVM flags, junixsocket's library copied per child (as
// before fork extracted it once per parent), an AppCDS archive, and the AOT cache of JEP 483 made in one training run
// (JEP 514) with method profiles (JEP 515). It prints what each saves, where the time goes (spawn, JVM, channel, main,
// message), and writes startup.json and startup.png.
//
//   Rung           the configurations, and what each one saves, in a sentence
//   FirstMessage   one fork, timed, split into phases with the child's own clock readings
//   ClassPathJars  the JVM archives classes from jars only: class directories are packed first
//   StartupStudy   training runs, rotated rounds, and the class-load log that proves a cache was used
//
//   ./workbook run 4 startup                               (or ./jbang labs/04-child-processes/Startup.java)
//   ./workbook run 4 startup -- --runs 20                  steadier medians
//   ./workbook run 4 startup -- --only default,aot,best    fewer configurations

void main(String[] args) {
    int code = cachetocluster.child.startup.StartupCommand.run(args);
    if (code != 0) {
        System.exit(code);
    }
}
