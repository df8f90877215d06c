package cachetocluster.child;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Lab 04 exercise: the frame codec of the IPC channel, Node's {@code 'json'} serialization: each message is one JSON
 * text followed by {@code "\n"} (lib/internal/child_process/serialization.js: {@code JSON.stringify(msg) + '\n'}).
 *
 * <p>A stream socket has no message boundaries. One {@code read} may return half a frame, or three frames and the
 * start of a fourth, or stop in the middle of a multi-byte UTF-8 character; the decoder keeps what is incomplete and
 * returns only whole frames, in order. Node decodes bytes to text first (a {@code StringDecoder} that holds back a
 * split character) and then splits on newlines; here we split the <em>bytes</em> and decode each frame whole, which
 * is simpler and just as correct because the byte {@code 0x0A} never occurs inside a multi-byte UTF-8 character.
 *
 * <p>What Node does not do, and this codec must: a frame longer than {@link #maxFrameBytes()} becomes one error
 * (buffered without limit, it would exhaust the heap), the rest of that frame is skipped up to its newline, and
 * decoding goes on; a frame that is not one JSON value becomes one error, and decoding goes on. A bad frame never
 * wedges the channel and never costs a later message.
 *
 * <p>Read the lab sheet, labs/04-child-processes/README.md, section "Tasks". Grade with ./workbook grade 4.
 */
public final class FrameCodec {

    /** The default limit: 16 MiB of JSON. Node has none (it buffers until memory runs out). */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 << 20;

    /** What one complete frame decoded to. Given. */
    public sealed interface Frame permits Message, Invalid {}

    /** A frame that held one JSON value (which may be {@code null}). */
    public record Message(Object value) implements Frame {}

    /** A frame that was too large or malformed; the frames around it are unaffected. */
    public record Invalid(FrameException error) implements Frame {}

    private final int maxFrameBytes;

    public FrameCodec() {
        this(DEFAULT_MAX_FRAME_BYTES);
    }

    /** @param maxFrameBytes the largest frame accepted, newline not counted; at least 1 */
    public FrameCodec(int maxFrameBytes) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 1, was " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** One frame: the JSON text of {@code message} and a newline, ready to write. Given. */
    public static ByteBuffer encode(Object message) {
        byte[] json = Json.toBytes(message);
        byte[] frame = Arrays.copyOf(json, json.length + 1);
        frame[json.length] = '\n';
        return ByteBuffer.wrap(frame);
    }

    /**
     * Consumes every remaining byte of {@code input} and returns the frames it completed, in order (an empty list
     * when it completed none). Bytes after the last newline are kept for the next call.
     */
    public List<Frame> decode(ByteBuffer input) {
        // TODO task 1: keep the bytes of the incomplete frame in a growing byte[] (fields are yours to add). For
        //              every newline in input: the bytes before it complete a frame; parse them whole with
        //              Json.parse(bytes, offset, length) and add new Message(value). Bytes after the last newline
        //              stay buffered for the next call. Split on the bytes, not on a String: 0x0A never occurs
        //              inside a multi-byte UTF-8 character, so a character cut by a read is simply reassembled.
        // TODO task 2: never hold more than maxFrameBytes: when a frame would grow past it, add ONE
        //              new Invalid(FrameException.tooLarge(seen, maxFrameBytes)), drop what you held, and skip the
        //              rest of that frame up to its newline (it may take many reads), then decode normally again.
        // TODO task 3: a frame that Json.parse rejects (it throws a JacksonException, a RuntimeException) becomes
        //              new Invalid(FrameException.malformed(bytes, offset, length, e)); go on with the next frame.
        throw new UnsupportedOperationException("TODO: FrameCodec.decode, lab 04 tasks 1-3 (labs/04-child-processes/README.md)");
    }

    /** How many bytes of an incomplete frame are held (0 between frames and while skipping an oversize one). */
    public int bufferedBytes() {
        // TODO task 1
        throw new UnsupportedOperationException("TODO: FrameCodec.bufferedBytes, lab 04 task 1 (labs/04-child-processes/README.md)");
    }
}
