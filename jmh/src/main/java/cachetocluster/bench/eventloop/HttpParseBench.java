package cachetocluster.bench.eventloop;

import cachetocluster.eventloop.HttpRequestParser;
import cachetocluster.eventloop.Request;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/*
 * Lab 03: how many requests per second the parser alone could read, and what a split costs.
 *
 * The server's loop thread does everything for every request: read, parse, handle, write. Before
 * comparing the whole server with Node's (scripts/compare-node-http.sh), measure the one piece
 * that is pure computation, the lab's HttpRequestParser, on the requests a benchmark really sends:
 *
 *   request=wrk       exactly what wrk sends for `wrk http://127.0.0.1:34439/` (captured from the
 *                     wire): "GET / HTTP/1.1", a Host header, the empty line. 41 bytes.
 *   request=browser   what a browser sends for a page: a request line with a query and eleven
 *                     headers, 487 bytes.
 *
 * One parser per trial, as one keep-alive connection has one, so its per-connection memory of the
 * previous request's strings (HttpRequestParser.recent) is in play, as it is under wrk.
 *
 *   one              one request in one read: the usual case under wrk (one request in flight per
 *                    connection).
 *   pipelined16      sixteen requests in one read (wrk with a pipelining script, or HTTP/1.1
 *                    pipelining): the per-call costs are shared, the per-request ones are not.
 *   splitInTwo       one request that arrives in two reads, cut in the middle (TCP promises a byte
 *                    stream, not messages; a big header or a small MTU does this).
 *   everyByteAlone   the same request in reads of one byte each (the slow-loris client): a call
 *                    per byte. Still linear, because the head is scanned only where new bytes came.
 *
 * The score is requests per second (ops/s; @OperationsPerInvocation(16) for the pipeline), and a
 * second line per benchmark, ":bytes", is the same in bytes per second (an @AuxCounters counter of
 * the bytes handed to the parser).
 *
 * What to read from it: wrk's request costs about a hundred nanoseconds, most of it fixed (a
 * Request, a Headers with its two arrays, the request line's checks: 152 bytes allocated, -prof gc
 * shows it). The browser's costs more than ten times as much for twelve times the bytes: the cost
 * is per header, not per byte. Every header name is checked byte by byte (tchar), looked up among
 * HttpSyntax's eighteen known names (a lower-casing compare against each candidate of the same
 * length), and every value is checked for control characters and compared with the previous
 * request's. Under wrk the whole Java server spends about 15 microseconds of CPU per request on
 * this machine (scripts/compare-node-http.sh, column req/cpu-s): parsing is under 1% of it. The
 * rest is system calls (read, write, epoll_wait) and the kernel's loopback; that is where a faster
 * server has to look.
 *
 * The fork's heap is fixed and pre-touched (-Xms256m -Xmx256m -XX:+AlwaysPreTouch). Parsing a
 * request allocates about 150 bytes (-prof gc), so at millions of requests a second the benchmark
 * walks through hundreds of MB of new heap per second. Without pre-touching, the first pass over
 * each page of the heap is a page fault (the kernel finds and zeroes a 4 KiB page): on the course
 * VM the score then climbed from 2 M/s to 8 M/s over the first two to three seconds with no
 * compilation going on, and -wi 2 -w 500ms reported the faults, not the parser. With the heap
 * pre-touched it is steady from the second iteration. (A server pays those faults once too, in
 * its first seconds under load: one more reason to warm up before measuring it.)
 *
 * Warm-up: four iterations by default, not two. On the busy course VM the split and pipelined
 * benchmarks were still being compiled after one second (their scores doubled from the second
 * to the fourth iteration); the workbook's short profile (-wi 2) under-reports them.
 *
 * On the course's 2-core VM (busy, load average 3 to 4; one fork, four warm-up and five measured
 * 500 ms iterations; millions of requests per second, and MB/s):
 *
 *                       wrk (41 B)             browser (487 B)
 *     one               8.7 M/s   360 MB/s     0.68 M/s   330 MB/s
 *     pipelined16       8.8 M/s   360 MB/s     0.62 M/s   300 MB/s
 *     splitInTwo        5.9 M/s   240 MB/s     0.63 M/s   310 MB/s
 *     everyByteAlone    1.7 M/s    68 MB/s     0.09 M/s    44 MB/s
 *
 * Pipelining gains nothing here because one parse call per request is already what `one` does;
 * it pays off in the server, where sixteen requests share one read and one write. A split costs a
 * second call: the fixed part of a call (the state switch, the limit checks, a bulk copy) is paid
 * twice, while the bytes are still scanned once (the search for the empty line starts where the
 * new bytes start). One byte per call pays it for every byte.
 *
 * HOW TO RUN
 *
 *   java -jar jmh/target/benchmarks.jar HttpParseBench -f 1 -wi 4 -i 3 -w 500ms -r 500ms
 *   java -jar jmh/target/benchmarks.jar HttpParseBench -f 1 -wi 4 -i 3 -w 500ms -r 500ms -p request=wrk -prof gc
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class HttpParseBench {

    static final String WRK = "GET / HTTP/1.1\r\nHost: 127.0.0.1:34439\r\n\r\n";
    static final String BROWSER = """
            GET /search?q=event+loop HTTP/1.1\r
            Host: localhost:3000\r
            Connection: keep-alive\r
            sec-ch-ua: "Chromium";v="124", "Not-A.Brand";v="99"\r
            sec-ch-ua-mobile: ?0\r
            User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36\r
            Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r
            Sec-Fetch-Site: none\r
            Sec-Fetch-Mode: navigate\r
            Accept-Encoding: gzip, deflate, br\r
            Accept-Language: en-GB,en;q=0.9\r
            Cookie: session=3f2a9c1e7b\r
            \r
            """;
    static final int PIPELINED = 16;

    @Param({"wrk", "browser"})
    public String request;

    /** Bytes handed to the parser, reported per second beside the requests. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;
    }

    private HttpRequestParser parser;
    private int length;
    // Direct buffers, as the server reads into one; each is exactly its content, so clear() rewinds it.
    private ByteBuffer single;
    private ByteBuffer pipeline;
    private ByteBuffer firstHalf;
    private ByteBuffer secondHalf;

    @Setup(Level.Trial)
    public void prepare() {
        byte[] bytes = (request.equals("wrk") ? WRK : BROWSER).getBytes(StandardCharsets.US_ASCII);
        length = bytes.length;
        single = direct(bytes, 0, length);
        pipeline = ByteBuffer.allocateDirect(PIPELINED * length);
        for (int i = 0; i < PIPELINED; i++) {
            pipeline.put(bytes);
        }
        firstHalf = direct(bytes, 0, length / 2);
        secondHalf = direct(bytes, length / 2, length - length / 2);
        parser = new HttpRequestParser();
        if (parser.parse(single.clear()) == null) {
            throw new IllegalStateException("the " + request + " request did not parse as one request");
        }
    }

    private static ByteBuffer direct(byte[] bytes, int from, int count) {
        return ByteBuffer.allocateDirect(count).put(bytes, from, count).clear();
    }

    @Benchmark
    public Request one(Bytes counter) {
        counter.bytes += length;
        return parser.parse(single.clear());
    }

    @Benchmark
    @OperationsPerInvocation(PIPELINED)
    public void pipelined16(Bytes counter, Blackhole bh) {
        counter.bytes += (long) PIPELINED * length;
        ByteBuffer input = pipeline.clear();
        Request request;
        while ((request = parser.parse(input)) != null) {
            bh.consume(request);
        }
    }

    @Benchmark
    public Request splitInTwo(Bytes counter) {
        counter.bytes += length;
        if (parser.parse(firstHalf.clear()) != null) {
            throw new IllegalStateException("half a request came out as a whole one");
        }
        return parser.parse(secondHalf.clear());
    }

    @Benchmark
    public Request everyByteAlone(Bytes counter) {
        counter.bytes += length;
        ByteBuffer input = single.clear();
        Request done = null;
        for (int i = 1; i <= length; i++) {
            done = parser.parse(input.limit(i)); // one more byte each call; position stays where the parser left it
        }
        return done;
    }
}
