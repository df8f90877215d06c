package cachetocluster.child;

import java.nio.ByteBuffer;
import java.util.ArrayList;
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
    /** The incomplete frame so far: buffer[0, length). */
    private byte[] buffer = new byte[1024];
    private int length;
    /** True while skipping the rest of a frame that was too large (until its newline). */
    private boolean skipping;

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
        List<Frame> frames = new ArrayList<>(2);
        while (input.hasRemaining()) {
            int newline = indexOfNewline(input);
            int end = newline < 0 ? input.limit() : newline;
            int chunk = end - input.position();
            if (skipping) {
                input.position(end);
            } else if ((long) length + chunk > maxFrameBytes) {
                frames.add(new Invalid(FrameException.tooLarge((long) length + chunk, maxFrameBytes)));
                length = 0;
                input.position(end);
                skipping = true;
            } else if (length == 0 && newline >= 0 && input.hasArray()) {
                // The common case, a whole frame inside one read: parse it in place, no copy.
                int start = input.arrayOffset() + input.position();
                frames.add(parse(input.array(), start, chunk));
                input.position(end);
            } else {
                append(input, chunk);
                if (newline >= 0) {
                    frames.add(parse(buffer, 0, length));
                    length = 0;
                }
            }
            if (newline >= 0) {
                input.get(); // the newline itself
                skipping = false;
                shrinkAfterLargeFrame();
            }
        }
        return frames;
    }

    /** How many bytes of an incomplete frame are held (0 between frames and while skipping an oversize one). */
    public int bufferedBytes() {
        return length;
    }

    private static int indexOfNewline(ByteBuffer input) {
        for (int i = input.position(), limit = input.limit(); i < limit; i++) {
            if (input.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(ByteBuffer input, int count) {
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(Math.max(buffer.length * 2L, length + count), maxFrameBytes));
        }
        input.get(buffer, length, count);
        length += count;
    }

    private void shrinkAfterLargeFrame() {
        if (buffer.length > 64 * 1024 && length == 0) {
            buffer = new byte[1024]; // one big message should not pin its buffer for the life of the channel
        }
    }

    private static Frame parse(byte[] bytes, int offset, int count) {
        try {
            return new Message(Json.parse(bytes, offset, count));
        } catch (RuntimeException e) { // JacksonException: bad JSON, bad UTF-8, empty, trailing tokens
            return new Invalid(FrameException.malformed(bytes, offset, count, e));
        }
    }
}
