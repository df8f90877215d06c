package cachetocluster.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The graded tests of the HttpRequestParser exercise (lab 03). Task 7: request line and headers, split anywhere,
 * pipelined; task 8: bodies (Content-Length and chunked); task 9: limits and malformed input. Inputs are shown
 * with \r and \n written out, so a failure says which bytes went in.
 */
@DisplayName("Lab 03: HttpRequestParser")
class HttpRequestParserGradedTest {

    private static final String GET = "GET /search?q=loop HTTP/1.1\r\nHost: 127.0.0.1:3000\r\nUser-Agent: test\r\nX-Trace-Id: abc \r\n\r\n";
    private static final String POST = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world";
    private static final String CHUNKED = "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\n" + "1;note=ext\r\n \r\n" + "A\r\n0123456789\r\n" + "0\r\nX-Checksum: 42\r\n\r\n";

    // ---- task 7 -------------------------------------------------------------------------------------------

    @Tag("task:7")
    @DisplayName("A GET request: method, target, version, and headers looked up in any case")
    @Test
    void parsesAGet() {
        Request r = single(GET, new HttpRequestParser(), "in one piece");
        assertThat(r.method()).as("method() of %s", shown(GET)).isEqualTo("GET");
        assertThat(r.target()).as("target()").isEqualTo("/search?q=loop");
        assertThat(r.path()).as("path()").isEqualTo("/search");
        assertThat(r.version()).as("version()").isEqualTo("HTTP/1.1");
        assertThat(r.headers().get("host")).as("headers().get(\"host\")").isEqualTo("127.0.0.1:3000");
        assertThat(r.headers().get("HOST")).as("headers().get(\"HOST\")").isEqualTo("127.0.0.1:3000");
        assertThat(r.header("user-agent")).as("header(\"user-agent\")").isEqualTo("test");
        assertThat(r.header("x-trace-id")).as("header(\"x-trace-id\"): whitespace around a value is not part of it").isEqualTo("abc");
        assertThat(r.headers().size()).as("headers().size()").isEqualTo(3);
        assertThat(r.body()).as("body() of a GET").isEmpty();
    }

    @Tag("task:7")
    @DisplayName("A request split after any byte parses the same as in one piece")
    @Test
    void aRequestSplitAnywhereParses() {
        byte[] bytes = GET.getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 1; cut < bytes.length; cut++) {
            Request r = single(GET, new HttpRequestParser(), "split after byte " + cut, cut);
            assertThat(r.target()).as("target() when %s is split after byte %d", shown(GET), cut).isEqualTo("/search?q=loop");
            assertThat(r.header("x-trace-id")).as("header(\"x-trace-id\") when split after byte %d", cut).isEqualTo("abc");
        }
        Request r = single(GET, new HttpRequestParser(), "one byte at a time", everyByte(bytes.length));
        assertThat(r.header("host")).as("header(\"host\") when fed one byte at a time").isEqualTo("127.0.0.1:3000");
    }

    @Tag("task:7")
    @DisplayName("Until the request is complete, parse consumes what it got and returns null")
    @Test
    void anIncompleteRequestIsNull() {
        HttpRequestParser parser = new HttpRequestParser();
        assertThat(parser.isMidRequest()).as("isMidRequest() of a new parser").isFalse();
        ByteBuffer half = direct("GET / HTTP/1.1\r\nHost: x\r\n");
        assertThat(parser.parse(half)).as("parse(\"GET / HTTP/1.1\\r\\nHost: x\\r\\n\"): no empty line yet").isNull();
        assertThat(half.remaining()).as("bytes left in the buffer after parse returned null").isZero();
        assertThat(parser.isMidRequest()).as("isMidRequest() after half a request").isTrue();
        Request r = parser.parse(direct("\r\n"));
        assertThat(r).as("parse(\"\\r\\n\"), the empty line that ends the head").isNotNull();
        assertThat(parser.isMidRequest()).as("isMidRequest() after the request completed").isFalse();
    }

    @Tag("task:7")
    @DisplayName("Pipelined requests in one read come out one per call, in order, the rest left in the buffer")
    @Test
    void pipelinedRequestsComeOutInOrder() {
        String three = "GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\nHEAD /3 HTTP/1.0\r\n\r\n";
        HttpRequestParser parser = new HttpRequestParser();
        ByteBuffer buffer = direct(three);
        Request first = parser.parse(buffer);
        assertThat(first).as("first parse() of three pipelined requests").isNotNull();
        assertThat(first.target()).as("target() of the first").isEqualTo("/1");
        assertThat(buffer.remaining()).as("bytes left after the first request (the other two)")
                .isEqualTo(three.length() - "GET /1 HTTP/1.1\r\nHost: x\r\n\r\n".length());
        Request second = parser.parse(buffer);
        Request third = parser.parse(buffer);
        assertThat(second).as("second parse()").isNotNull();
        assertThat(third).as("third parse()").isNotNull();
        assertThat(List.of(second.target(), third.target())).as("targets of the second and third").containsExactly("/2", "/3");
        assertThat(third.method()).as("method() of the third").isEqualTo("HEAD");
        assertThat(third.version()).as("version() of the third").isEqualTo("HTTP/1.0");
        assertThat(parser.parse(buffer)).as("a fourth parse() on the empty buffer").isNull();
    }

    @Tag("task:7")
    @DisplayName("Pipelined requests split after any byte still come out complete and in order")
    @Test
    void pipelinedAndSplit() {
        String two = "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: y\r\n\r\n";
        for (int cut = 1; cut < two.length(); cut++) {
            List<Request> requests = feed(two, new HttpRequestParser(), cut);
            assertThat(requests).as("requests from %s split after byte %d", shown(two), cut).hasSize(2);
            assertThat(requests.get(0).header("host") + requests.get(1).header("host"))
                    .as("the Host headers, in order, split after byte %d", cut).isEqualTo("xy");
        }
    }

    // ---- task 8 -------------------------------------------------------------------------------------------

    @Tag("task:8")
    @DisplayName("A Content-Length body is read exactly, split after any byte")
    @Test
    void aContentLengthBody() {
        for (int cut = 1; cut < POST.length(); cut++) {
            Request r = single(POST, new HttpRequestParser(), "split after byte " + cut, cut);
            assertThat(r.bodyText()).as("body of %s split after byte %d", shown(POST), cut).isEqualTo("hello world");
        }
        Request r = single(POST, new HttpRequestParser(), "one byte at a time", everyByte(POST.length()));
        assertThat(r.bodyText()).as("body when fed one byte at a time").isEqualTo("hello world");
        assertThat(r.header("content-type")).as("header(\"content-type\")").isEqualTo("text/plain");
    }

    @Tag("task:8")
    @DisplayName("A chunked body is put together from its chunks (extensions and trailers skipped), split after any byte")
    @Test
    void aChunkedBody() {
        for (int cut = 1; cut < CHUNKED.length(); cut++) {
            Request r = single(CHUNKED, new HttpRequestParser(), "split after byte " + cut, cut);
            assertThat(r.bodyText()).as("body of %s split after byte %d", shown(CHUNKED), cut).isEqualTo("hello 0123456789");
        }
        Request r = single(CHUNKED, new HttpRequestParser(), "one byte at a time", everyByte(CHUNKED.length()));
        assertThat(r.bodyText()).as("body when fed one byte at a time").isEqualTo("hello 0123456789");
    }

    @Tag("task:8")
    @DisplayName("The bytes after a body are the next request: POST, chunked POST and GET pipelined")
    @Test
    void bodiesThenPipelinedRequests() {
        String all = POST + CHUNKED + "GET /after HTTP/1.1\r\nContent-Length: 0\r\n\r\n";
        for (int cut : new int[] {1, POST.length() - 1, POST.length(), POST.length() + 1, POST.length() + CHUNKED.length() - 2}) {
            List<Request> requests = feed(all, new HttpRequestParser(), cut);
            assertThat(requests).extracting(Request::bodyText).as("bodies of POST + chunked POST + GET, split after byte %d", cut)
                    .containsExactly("hello world", "hello 0123456789", "");
            assertThat(requests.get(2).target()).as("target() of the GET after two bodies").isEqualTo("/after");
        }
    }

    // ---- task 9 -------------------------------------------------------------------------------------------

    @Tag("task:9")
    @DisplayName("Malformed input is rejected with 400, and so are a few other cases with their own status")
    @ParameterizedTest(quoteTextArguments = false, name = "{1} for {2}")
    @CsvSource(delimiter = '|', value = {
        "hello there\\r\\n\\r\\n                                                              | 400 | a garbage request line",
        "GET /\\r\\n\\r\\n                                                                    | 400 | a request line without a version",
        "GET  / HTTP/1.1\\r\\n\\r\\n                                                          | 400 | two spaces after the method",
        "GET / HTTP/1.1 extra\\r\\n\\r\\n                                                     | 400 | a request line with a fourth part",
        "GET / FTP/1.1\\r\\n\\r\\n                                                            | 400 | an unknown protocol",
        "G(T / HTTP/1.1\\r\\n\\r\\n                                                           | 400 | a method with a character that is not a token",
        "GET / HTTP/1.1\\r\\nNo colon here\\r\\n\\r\\n                                       | 400 | a header line without a colon",
        "GET / HTTP/1.1\\r\\nHost : x\\r\\n\\r\\n                                            | 400 | a space before the colon",
        "GET / HTTP/1.1\\r\\n: x\\r\\n\\r\\n                                                 | 400 | a header without a name",
        "GET / HTTP/1.1\\r\\nHost: x\\r\\n folded: y\\r\\n\\r\\n                             | 400 | a folded header line",
        "GET / HTTP/1.1\\nHost: x\\n\\n                                                       | 400 | lines ending in LF only",
        "POST / HTTP/1.1\\r\\nContent-Length: abc\\r\\n\\r\\n                                | 400 | a Content-Length that is not a number",
        "POST / HTTP/1.1\\r\\nContent-Length: -1\\r\\n\\r\\n                                 | 400 | a negative Content-Length",
        "POST / HTTP/1.1\\r\\nContent-Length: 3\\r\\nContent-Length: 4\\r\\n\\r\\nabcd        | 400 | two different Content-Length headers",
        "POST / HTTP/1.1\\r\\nContent-Length: 3\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n     | 400 | both Content-Length and Transfer-Encoding",
        "POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n                 | 400 | a chunk size that is not hexadecimal",
        "POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3\\r\\nabcX\\r\\n           | 400 | chunk data not followed by CRLF",
        "POST / HTTP/1.1\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n                             | 501 | a transfer coding other than chunked",
        "GET / HTTP/2.0\\r\\n\\r\\n                                                           | 505 | HTTP/2.0 on an HTTP/1 connection",
    })
    void malformedInputIsRejected(String escaped, int status, String what) {
        String input = unescape(escaped.strip());
        assertRejected(input, status, new HttpRequestParser(), what);
    }

    @Tag("task:9")
    @DisplayName("A body over the limit is rejected with 413, before it is read")
    @Test
    void aBodyOverTheLimitIs413() {
        assertRejected("POST / HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n", 413, new HttpRequestParser(),
                "Content-Length: 1048577 with the default limit of 1 MiB (no body bytes sent yet)");
        assertRejected("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413, new HttpRequestParser(),
                "a Content-Length too large for a long");
        assertRejected("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n3\r\n", 413,
                new HttpRequestParser(16 * 1024, 10), "chunks of 8 and 3 bytes with a limit of 10");
        Request fits = single("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789", new HttpRequestParser(16 * 1024, 10), "in one piece");
        assertThat(fits.body()).as("a body of exactly the limit (10 bytes)").hasSize(10);
    }

    @Tag("task:9")
    @DisplayName("A head over the limit is rejected with 431 as soon as the limit is passed")
    @Test
    void aHeadOverTheLimitIs431() {
        HttpRequestParser parser = new HttpRequestParser(); // 16 KiB
        String start = "GET / HTTP/1.1\r\nCookie: ";
        try {
            assertThat(parser.parse(direct(start))).as("parse(the start of a request)").isNull();
            for (int i = 0; i < 20; i++) { // 20 KiB of cookie, and the head never ends
                parser.parse(direct("a".repeat(1024)));
            }
            fail("expected HttpParseException(431) for a head growing past 16 KiB, but 20 KiB were accepted");
        } catch (HttpParseException e) {
            assertThat(e.status()).as("status for a head growing past 16 KiB").isEqualTo(431);
        }
        String exactly = "GET / HTTP/1.1\r\nX: " + "a".repeat(100 - 23) + "\r\n\r\n"; // 100 bytes in all
        assertThat(exactly).hasSize(100);
        Request fits = single(exactly, new HttpRequestParser(100, 0), "in one piece");
        assertThat(fits.header("x")).as("a head of exactly the limit (100 bytes)").hasSize(77);
        assertRejected(exactly.replace("X: ", "X: a"), 431, new HttpRequestParser(100, 0), "a head of 101 bytes with a limit of 100");
    }

    @Tag("task:9")
    @DisplayName("After an error the parser stays failed: the next call throws too")
    @Test
    void afterAnErrorTheParserStaysFailed() {
        HttpRequestParser parser = new HttpRequestParser();
        assertRejected("BAD\r\n\r\n", 400, parser, "a garbage request line");
        try {
            Request r = parser.parse(direct(GET));
            fail("expected the failed parser to throw again, but parse(a good GET) returned " + r);
        } catch (HttpParseException e) {
            assertThat(e.status()).as("status on the call after the error").isEqualTo(400);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Feeds {@code input} cut at {@code cuts}; every piece is parsed until null, and must be consumed entirely. */
    private static List<Request> feed(String input, HttpRequestParser parser, int... cuts) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        List<Request> requests = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int end = i < cuts.length ? cuts[i] : bytes.length;
            // Alternate heap buffers with an offset and direct buffers: the parser must honour position and limit.
            ByteBuffer piece = i % 2 == 0 ? ByteBuffer.wrap(bytes, start, end - start) : direct(bytes, start, end);
            Request r;
            try {
                while ((r = parser.parse(piece)) != null) {
                    requests.add(r);
                }
            } catch (HttpParseException e) {
                throw new AssertionError("parse threw HttpParseException(" + e.status() + ", \"" + e.getMessage()
                        + "\") on the good input " + shown(input), e);
            }
            if (piece.hasRemaining()) {
                throw new AssertionError("parse returned null but left " + piece.remaining() + " bytes unread in "
                        + shown(input.substring(start, end)) + ": when it needs more input it must consume all it got");
            }
            start = end;
        }
        return requests;
    }

    private static Request single(String input, HttpRequestParser parser, String how, int... cuts) {
        List<Request> requests = feed(input, parser, cuts);
        if (requests.size() != 1) {
            throw new AssertionError("expected 1 request from " + shown(input) + " fed " + how + ", but got " + requests.size());
        }
        return requests.get(0);
    }

    private static void assertRejected(String input, int status, HttpRequestParser parser, String what) {
        try {
            ByteBuffer buffer = direct(input);
            Request r = parser.parse(buffer);
            Request next = r == null ? null : parser.parse(buffer);
            fail("expected HttpParseException(" + status + ") for " + what + ": " + shown(input) + ", but parse returned "
                    + (r == null ? "null (waiting for more bytes)" : r + (next == null ? "" : " and then " + next)));
        } catch (HttpParseException e) {
            assertThat(e.status()).as("status for %s: %s (message \"%s\")", what, shown(input), e.getMessage()).isEqualTo(status);
        }
    }

    private static int[] everyByte(int length) {
        int[] cuts = new int[length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return cuts;
    }

    private static ByteBuffer direct(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        return direct(bytes, 0, bytes.length);
    }

    private static ByteBuffer direct(byte[] bytes, int from, int to) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(to - from);
        buffer.put(bytes, from, to - from).flip();
        return buffer;
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }

    private static String shown(String s) {
        String text = s.length() > 120 ? s.substring(0, 117) + "..." : s;
        return "\"" + text.replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }
}
