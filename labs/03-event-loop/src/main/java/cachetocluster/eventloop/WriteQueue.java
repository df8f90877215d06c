package cachetocluster.eventloop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;

/**
 * What a connection has to send and the socket has not taken yet: Node's writable-stream buffer, libuv's
 * {@code write_queue}.
 *
 * <p>A non-blocking {@code write} takes what fits in the kernel's socket buffer and returns; the rest waits here
 * until the selector says the socket is writable again ({@code OP_WRITE}). Small pieces (a response head, a short
 * body) are copied into blocks of {@value #BLOCK} bytes, so one response is one {@code write} system call; a large
 * body is queued as it is, without a copy, and several pieces go out in one gathering write ({@code writev}).
 *
 * <p>The blocks are direct buffers (the kernel can copy from them as they are; from a heap buffer the JDK first
 * copies into a temporary direct one) and come from a pool the server's connections share: a block goes back as
 * soon as it has been written, so an idle connection holds none, and a keep-alive connection answering
 * "Hello, world" allocates nothing here. One loop thread means the pool needs no lock.
 */
final class WriteQueue {

    static final int BLOCK = 16 * 1024;
    /** Bodies at least this large are queued without copying (wrapped read-only, so never recycled as a block). */
    static final int COPY_LIMIT = 8 * 1024;

    /** Free blocks, shared by the connections of one server (so: one loop thread). */
    static final class Blocks {
        private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
        private final int keep;

        Blocks(int keep) {
            this.keep = keep;
        }

        ByteBuffer take() {
            ByteBuffer block = free.poll();
            return block != null ? block : ByteBuffer.allocateDirect(BLOCK);
        }

        void give(ByteBuffer block) {
            if (free.size() < keep) {
                free.push(block.clear()); // the most recently used block is the one most likely still in cache
            }
        }
    }

    private final Blocks blocks;
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[16];
    private final byte[] scratch = new byte[256];
    /** The block that small writes go into (write mode); not yet in {@link #chunks}. */
    private ByteBuffer open;
    /** Bytes put and not yet written: what the connection compares with its high-water mark. */
    private long queued;

    WriteQueue(Blocks blocks) {
        this.blocks = blocks;
    }

    long queuedBytes() {
        return queued;
    }

    boolean isEmpty() {
        return chunks.isEmpty() && (open == null || open.position() == 0);
    }

    void put(byte b) {
        room().put(b);
        queued++;
    }

    void put(byte[] bytes) {
        put(bytes, 0, bytes.length);
    }

    void put(byte[] bytes, int offset, int length) {
        queued += length;
        if (length >= COPY_LIMIT) {
            seal();
            chunks.add(ByteBuffer.wrap(bytes, offset, length).asReadOnlyBuffer());
            return;
        }
        while (length > 0) {
            ByteBuffer block = room();
            int n = Math.min(length, block.remaining());
            block.put(bytes, offset, n);
            offset += n;
            length -= n;
        }
    }

    /** Characters up to U+00FF as single bytes (header names and values are checked for that before). */
    void putLatin1(String s) {
        int n = s.length();
        if (n > scratch.length) {
            for (int i = 0; i < n; i++) {
                put((byte) s.charAt(i));
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            scratch[i] = (byte) s.charAt(i);
        }
        put(scratch, 0, n); // one bulk copy into the direct block instead of one checked put per byte
    }

    void putDecimal(long value) {
        if (value < 10) {
            put((byte) ('0' + value));
            return;
        }
        putDecimal(value / 10);
        put((byte) ('0' + value % 10));
    }

    /** Writes as much as the socket takes; what it does not take stays queued (then ask for OP_WRITE). */
    void writeTo(GatheringByteChannel channel) throws IOException {
        seal();
        while (!chunks.isEmpty()) {
            if (chunks.size() == 1) { // the usual case, one response in one block: no gathering
                ByteBuffer only = chunks.peek();
                queued -= channel.write(only);
                if (only.hasRemaining()) {
                    return;
                }
                recycle(chunks.poll());
                return;
            }
            int n = 0;
            for (ByteBuffer chunk : chunks) {
                gather[n++] = chunk;
                if (n == gather.length) {
                    break;
                }
            }
            queued -= channel.write(gather, 0, n);
            for (int i = 0; i < n; i++) {
                gather[i] = null;
            }
            int done = 0;
            while (done < n && !chunks.peek().hasRemaining()) {
                recycle(chunks.poll());
                done++;
            }
            if (done < n) {
                return; // the socket took less than it was offered: its buffer is full
            }
        }
    }

    /** Drops everything (the connection is gone), giving the blocks back. */
    void clear() {
        queued = 0;
        seal();
        for (ByteBuffer chunk; (chunk = chunks.poll()) != null; ) {
            recycle(chunk);
        }
    }

    private ByteBuffer room() {
        if (open == null || !open.hasRemaining()) {
            seal();
            open = blocks.take();
        }
        return open;
    }

    /** Moves the open block to the queue, so that what comes next is sent after it. */
    private void seal() {
        if (open != null && open.position() > 0) {
            chunks.add(open.flip());
            open = null;
        }
    }

    private void recycle(ByteBuffer chunk) {
        if (!chunk.isReadOnly()) { // ours; a wrapped body is read-only and belongs to the caller
            blocks.give(chunk);
        }
    }
}
