///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.hdrhistogram:HdrHistogram:2.2.2
//DEPS tools.jackson.core:jackson-databind:3.0.3
//DEPS org.knowm.xchart:xchart:3.8.8
//SOURCES src/main/java/**/*.java
//SOURCES ../00-setup/src/main/java/**/*.java
//JAVA_OPTIONS -Xmx2g -Djava.awt.headless=true

// Lab 01, step 1: the latency ladder, measured in about a minute.
//
// The course's seed says: non-blocking work is served from the caches and RAM, blocking work waits
// on disk and network. Nearly right: a load from L1 or DRAM is one instruction whose core stalls
// for 1 or 200 ns; a read or a send is a system call whose THREAD sleeps until the kernel answers,
// and that is what "blocking" means, even when the page cache answers in 3 us. This script measures
// every rung on this machine, from an L1 hit to an fsync, and prints them side by side with a human
// scale ("if an L1 hit took one second, this would take ...") and the published figures of ~2012.
//
// How each rung is measured, and why that way, is in the classes it calls:
//   QuickChase    a pointer chase: dependent loads in one random cycle (RandomCycle, ChaseChain)
//   CacheCliffs   reads the cache levels off the curve
//   QuickMountain CS:APP's memory mountain: independent loads, where prefetching shows
//   DiskRungs     page-cache reads, O_DIRECT reads, fsync
//   NetworkRungs  TCP and Unix-socket round trips, an HTTP GET, all on this machine
//
//   ./workbook run 1                                  (or ./jbang labs/01-latency/LatencyLadder.java)
//   ./workbook run 1 -- --max-size 64M                stop the chase at 64 MiB
//   ./workbook run 1 -- --disk-dir /mnt/ssd           measure another disk
// It writes results/01-latency/ladder.json, latency.png and mountain.png.
// `./workbook bench 1` measures the same with JMH, beside a C version of the chase.

void main(String[] args) {
    int code = cachetocluster.latency.LatencyLadderCommand.run(args);
    if (code != 0) {
        System.exit(code);
    }
}
