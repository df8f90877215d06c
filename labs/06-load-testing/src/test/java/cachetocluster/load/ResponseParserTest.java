package cachetocluster.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The response parser, fed whole, byte by byte, and cut at every possible place. */
class ResponseParserTest {

    private static final String LENGTH = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello";
    private static final String CHUNKED = "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"
            + "5;ext=1\r\nhello\r\n1a\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nTrailer: x\r\n\r\n";

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The same bytes in a direct buffer: the parser's other path (TLS hands it those). */
    private static ByteBuffer direct(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocateDirect(b.length).put(b).flip();
    }

    private static ResponseParser parseCut(String text, int cut) throws Exception {
        ResponseParser heap = parseCut(text, cut, false);
        ResponseParser direct = parseCut(text, cut, true);
        assertThat(direct.bytes()).isEqualTo(heap.bytes());
        assertThat(direct.bodyBytes()).isEqualTo(heap.bodyBytes());
        return heap;
    }

    /** Feeds {@code text} in two pieces cut at {@code cut}; returns the parser if the response completed exactly at its end. */
    private static ResponseParser parseCut(String text, int cut, boolean isDirect) throws Exception {
        ResponseParser p = new ResponseParser();
        p.reset(false);
        ByteBuffer first = isDirect ? direct(text.substring(0, cut)) : bytes(text.substring(0, cut));
        boolean done = p.parse(first);
        assertThat(done).as("complete after the first %d bytes of %d", cut, text.length()).isEqualTo(cut == text.length());
        if (!done) {
            ByteBuffer rest = isDirect ? direct(text.substring(cut)) : bytes(text.substring(cut));
            assertThat(p.parse(rest)).as("complete after the rest (cut at %d)", cut).isTrue();
            assertThat(rest.remaining()).as("bytes left after the response").isZero();
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {LENGTH, CHUNKED})
    @DisplayName("A response is complete at its last byte, wherever the bytes were cut")
    void everyCut(String text) throws Exception {
        for (int cut = 1; cut <= text.length(); cut++) {
            ResponseParser p = parseCut(text, cut);
            assertThat(p.status()).isEqualTo(200);
            assertThat(p.keepAlive()).isTrue();
            assertThat(p.bytes()).isEqualTo(text.length());
        }
    }

    @Test
    @DisplayName("Body bytes are counted without the chunk framing")
    void chunkedBodyBytes() throws Exception {
        assertThat(parseCut(CHUNKED, CHUNKED.length()).bodyBytes()).isEqualTo(5 + 26);
        assertThat(parseCut(LENGTH, LENGTH.length()).bodyBytes()).isEqualTo(5);
    }

    @Test
    @DisplayName("Byte by byte: the parser never reads past the end of the response")
    void byteByByte() throws Exception {
        String two = LENGTH + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        ResponseParser p = new ResponseParser();
        p.reset(false);
        ByteBuffer all = bytes(two);
        assertThat(p.parse(all)).isTrue();
        assertThat(all.position()).as("position after the first response").isEqualTo(LENGTH.length());
        p.reset(false);
        assertThat(p.parse(all)).isTrue();
        assertThat(p.status()).isEqualTo(404);
    }

    @Test
    @DisplayName("Connection: close, HTTP/1.0, and a body that runs to the close")
    void closeAndUntilEof() throws Exception {
        ResponseParser p = parseCut("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", 10);
        assertThat(p.keepAlive()).isFalse();
        p = parseCut("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 5);
        assertThat(p.keepAlive()).as("HTTP/1.0 without keep-alive").isFalse();
        p = parseCut("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok", 5);
        assertThat(p.keepAlive()).as("HTTP/1.0 with keep-alive").isTrue();

        ResponseParser eof = new ResponseParser();
        eof.reset(false);
        assertThat(eof.parse(bytes("HTTP/1.1 200 OK\r\n\r\nall of this until the close"))).isFalse();
        assertThat(eof.endOfInput()).as("the close ends a body without length").isTrue();
        assertThat(eof.bodyBytes()).isEqualTo("all of this until the close".length());
        assertThat(eof.keepAlive()).isFalse();
    }

    @Test
    @DisplayName("A close in the middle of a response is not a response")
    void cutShort() throws Exception {
        ResponseParser p = new ResponseParser();
        p.reset(false);
        assertThat(p.parse(bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"))).isFalse();
        assertThat(p.endOfInput()).isFalse();
        assertThat(p.started()).isTrue();
    }

    @Test
    @DisplayName("No body for HEAD, 204 and 304; 100 Continue is skipped")
    void noBody() throws Exception {
        ResponseParser p = new ResponseParser();
        p.reset(true);
        assertThat(p.parse(bytes("HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n"))).as("HEAD").isTrue();
        p.reset(false);
        assertThat(p.parse(bytes("HTTP/1.1 204 No Content\r\n\r\n"))).as("204").isTrue();
        p.reset(false);
        assertThat(p.parse(bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nx"))).isTrue();
        assertThat(p.status()).isEqualTo(201);
    }

    @Test
    @DisplayName("Garbage is refused with a message")
    void garbage() {
        ResponseParser p = new ResponseParser();
        p.reset(false);
        assertThatThrownBy(() -> p.parse(bytes("HELLO\r\n\r\n"))).hasMessageContaining("status line");
        p.reset(false);
        assertThatThrownBy(() -> p.parse(bytes("HTTP/1.1 200 OK\r\nContent-Length: x1\r\n\r\n"))).hasMessageContaining("Content-Length");
        p.reset(false);
        assertThatThrownBy(() -> p.parse(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))).hasMessageContaining("chunk size");
    }
}
