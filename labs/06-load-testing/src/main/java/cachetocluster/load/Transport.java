package cachetocluster.load;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The bytes between a {@link Connection} and its socket: as they are ({@link PlainTransport}), or through TLS
 * ({@link TlsTransport}). Non-blocking throughout: a method that cannot finish says so, and the connection asks
 * the selector to call it again when the socket is ready.
 */
interface Transport {

    /** Moves the TLS handshake on; true when application data may flow. Plain sockets are ready at once. */
    boolean handshake() throws IOException;

    /** Whether an unfinished handshake or write waits for the socket to become writable (else: readable). */
    boolean wantsWrite();

    /** Sends as much of {@code src} as the socket takes; true when all of it (and anything buffered) is out. */
    boolean write(ByteBuffer src) throws IOException;

    /**
     * Reads what the socket has. Returns a buffer in read mode holding the new plain bytes (possibly none), or
     * null at the end of the stream. The caller consumes the bytes before the next call.
     */
    ByteBuffer read() throws IOException;
}
