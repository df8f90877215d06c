package cachetocluster.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Http1Test {

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsTheRequestLineAndTheHeadersInOrder() throws Exception {
        Request r = Http1.read(stream("GET /slow?ms=5 HTTP/1.1\r\nHost: localhost\r\nX-Two: a b \r\nhost: again\r\n\r\n"));
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.target()).isEqualTo("/slow?ms=5");
        assertThat(r.path()).isEqualTo("/slow");
        assertThat(r.version()).isEqualTo("HTTP/1.1");
        assertThat(r.headers()).extracting(Request.Header::name).containsExactly("Host", "X-Two", "host");
        assertThat(r.header("HOST")).contains("localhost");
        assertThat(r.header("x-two")).contains("a b");
        assertThat(r.header("Missing")).isEmpty();
        assertThat(r.body()).isEmpty();
    }

    @Test
    void acceptsBareLineFeedsAndSkipsEmptyLinesBeforeARequest() throws Exception {
        Request r = Http1.read(stream("\r\n\nGET / HTTP/1.0\nHost: x\n\n"));
        assertThat(r.version()).isEqualTo("HTTP/1.0");
        assertThat(r.header("Host")).contains("x");
    }

    @Test
    void readsABodyOfContentLengthBytesAndLeavesTheNextRequestInTheStream() throws Exception {
        InputStream in = stream("POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\n\r\n");
        Request first = Http1.read(in);
        Request second = Http1.read(in);
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(second.target()).isEqualTo("/b");
        assertThat(Http1.read(in)).as("the end of the stream between requests").isNull();
    }

    @Test
    void anEmptyStreamIsTheCleanEndOfAConnection() throws Exception {
        assertThat(Http1.read(stream(""))).isNull();
    }

    @ParameterizedTest(quoteTextArguments = false, name = "\"{0}\" is refused with 400")
    @ValueSource(strings = {
        "GARBAGE\r\n\r\n",
        "GET /\r\n\r\n",
        "GET  / HTTP/1.1\r\n\r\n",
        "GET / HTTP/2.0\r\n\r\n",
        "GET / http/1.1\r\n\r\n",
        "G@T / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nNoColon\r\n\r\n",
        "GET / HTTP/1.1\r\nHost : x\r\n\r\n",
        "GET / HTTP/1.1\r\n: empty name\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\n  folded\r\n\r\n",
        "GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
        "GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx",
        "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nshort",
        "GET / HTTP/1.1\r\nHost: x\r\n",
        "GET / HTTP/1.1\r\nX: a\u0000b\r\n\r\n",
    })
    void malformedRequestsAreRefusedWith400(String raw) {
        assertThatThrownBy(() -> Http1.read(stream(raw))).isInstanceOfSatisfying(Http1.BadRequest.class,
                bad -> {
                    assertThat(bad.status()).isEqualTo(400);
                    assertThat(bad.response().bodyText()).startsWith("bad request: ").doesNotContain("Exception");
                });
    }

    @Test
    void aHeadLongerThan8KiBIsRefused() {
        String raw = "GET / HTTP/1.1\r\nX-Big: " + "a".repeat(Http1.MAX_HEAD_BYTES) + "\r\n\r\n";
        assertThatThrownBy(() -> Http1.read(stream(raw))).isInstanceOf(Http1.BadRequest.class).hasMessageContaining("longer than 8192");
    }

    @Test
    void aBodyOverTheLimitIs413AndATransferEncodingIs501() {
        assertThatThrownBy(() -> Http1.read(stream("POST / HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n")))
                .isInstanceOfSatisfying(Http1.BadRequest.class, bad -> assertThat(bad.status()).isEqualTo(413));
        assertThatThrownBy(() -> Http1.read(stream("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")))
                .isInstanceOfSatisfying(Http1.BadRequest.class, bad -> assertThat(bad.status()).isEqualTo(501));
    }

    @ParameterizedTest(quoteTextArguments = false, name = "{0} with Connection \"{1}\": keep-alive {2}")
    @CsvSource(delimiter = '|', value = {
        "HTTP/1.1 |              | true",
        "HTTP/1.1 | close        | false",
        "HTTP/1.1 | Close        | false",
        "HTTP/1.1 | keep-alive   | true",
        "HTTP/1.0 |              | false",
        "HTTP/1.0 | Keep-Alive   | true",
        "HTTP/1.0 | upgrade, keep-alive | true",
        "HTTP/1.1 | upgrade, close | false",
    })
    void keepAliveFollowsTheVersionAndTheConnectionHeader(String version, String connection, boolean keepAlive) throws Exception {
        String raw = "GET / " + version + "\r\n" + (connection == null ? "" : "Connection: " + connection + "\r\n") + "\r\n";
        assertThat(Http1.read(stream(raw)).keepAlive()).isEqualTo(keepAlive);
    }

    @Test
    void aResponseIsOneBlockWithContentLength() {
        String text = new String(Http1.encode(Response.ok("hi\n"), true, false), StandardCharsets.ISO_8859_1);
        assertThat(text).isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 3\r\n"
                + "Connection: keep-alive\r\n\r\nhi\n");
        String closing = new String(Http1.encode(Response.text(404, "no"), false, false), StandardCharsets.ISO_8859_1);
        assertThat(closing).startsWith("HTTP/1.1 404 Not Found\r\n").contains("Connection: close\r\n").endsWith("\r\n\r\nno");
    }

    @Test
    void anAnswerToHeadHasTheLengthButNoBody() {
        String text = new String(Http1.encode(Response.ok("hello\n"), true, true), StandardCharsets.ISO_8859_1);
        assertThat(text).contains("Content-Length: 6\r\n").endsWith("\r\n\r\n");
    }
}
