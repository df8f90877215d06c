package cachetocluster.latency;

/**
 * One cell of the memory mountain (CS:APP 6.6.1): the read throughput of summing a working set
 * with a given stride, counted in 8-byte words as CS:APP does (stride 1 reads every word, stride 8
 * reads one word per 64-byte line).
 */
public record MountainCell(long workingSetBytes, int strideWords, double gigabytesPerSecond) {}
