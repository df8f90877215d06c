///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS tools.jackson.dataformat:jackson-dataformat-yaml:3.0.3
//DEPS org.junit.platform:junit-platform-launcher:6.0.1
//SOURCES src/main/java/**/*.java
//RUNTIME_OPTIONS --enable-native-access=ALL-UNNAMED

// The workbook, as a JBang program: ./workbook runs this file (./workbook --help lists the commands).
// The logic lives in src/main/java, where Maven builds and tests it.
void main(String[] args) {
    cachetocluster.workbook.WorkbookCli.main(args);
}
