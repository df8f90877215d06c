package cachetocluster.child;

import cachetocluster.child.FrameCodec.Frame;
import cachetocluster.child.FrameCodec.Invalid;
import cachetocluster.child.FrameCodec.Message;
import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Map;
import java.util.Queue;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/**
 * One end of the IPC channel: a connected Unix domain socket, a reader thread that turns bytes into frames, and
 * synchronous writes.
 *
 * <p><b>Writes are synchronous.</b> {@link #write} returns once every byte of the frame is in the kernel's socket
 * buffer. A process may exit right after: the kernel still delivers those bytes, and the reader on the other side
 * reads them before it sees end-of-file. That is the whole fix for Node's issue #6767 (a {@code process.send} just
 * before {@code process.exit} is lost, because Node queues the write in libuv and exit comes first). The price: a
 * sender blocks when the receiver stops reading and the socket buffer (a few hundred kB) is full, which is
 * back-pressure by blocking where Node would buffer in memory and return false.
 *
 * <p><b>Handles.</b> A frame {@code {"cmd":"C2C_HANDLE","type":"net.Server","msg":...}} is written with one file
 * descriptor attached (SCM_RIGHTS). The kernel delivers the descriptor with the read that returns the first bytes of
 * that write, so by the time the frame is complete its descriptor has arrived: a FIFO of received descriptors, taken
 * one per handle frame, pairs them up (Node does the same with its {@code NODE_HANDLE} messages).
 *
 * <p><b>Threads.</b> The socket is only ever used from platform threads. junixsocket 2.10, called from a virtual
 * thread, switches the socket to non-blocking mode for the call ({@code AFCore.configureVirtualBlocking}); O_NONBLOCK
 * belongs to the open socket, not to the thread, so the reader thread's blocking read fails or spins meanwhile. A
 * write from a virtual thread is therefore handed to a platform thread (the virtual thread waits, parked).
 */
final class IpcChannel implements Closeable {

    /** What the reader thread reports. Called on the reader thread, in order. */
    interface Receiver {
        /** A message; {@code handle} is null unless one travelled with it. */
        void message(Object message, Handle handle);

        /** A frame that could not be decoded (FrameException), or a handle that could not be received. */
        void frameError(RuntimeException error);

        /** End of the channel: the peer closed it or exited ({@code cause} null), or it failed. Called once. */
        void closed(IOException cause);
    }

    static final String HANDLE_CMD = "C2C_HANDLE";

    private final AFUNIXSocketChannel socket;
    private final FrameCodec codec;
    private final Object writeLock = new Object();
    private final Queue<FileDescriptor> receivedFds = new ArrayDeque<>();
    private volatile boolean closing;

    IpcChannel(AFUNIXSocketChannel socket, int maxFrameBytes) throws IOException {
        this.socket = socket;
        this.codec = new FrameCodec(maxFrameBytes);
        socket.configureBlocking(true);
        socket.setAncillaryReceiveBufferSize(1024); // room for a few descriptors per read; off by default
    }

    /**
     * Reads until the channel ends, reporting to {@code receiver}; the caller's thread is the reader thread (make it a
     * platform thread: a blocking native read would pin a virtual thread's carrier).
     */
    void run(Receiver receiver) {
        readLoop(receiver);
    }

    private static final java.util.concurrent.ExecutorService PLATFORM_WRITERS = java.util.concurrent.Executors
            .newCachedThreadPool(Thread.ofPlatform().name("c2c-writer-", 0).daemon(true).factory());

    /** Writes one frame (and the handle's descriptor with it), completely, before returning. */
    void write(ByteBuffer frame, Handle handle) throws IOException {
        if (!Thread.currentThread().isVirtual()) {
            writeHere(frame, handle);
            return;
        }
        try {
            PLATFORM_WRITERS.submit(() -> {
                writeHere(frame, handle);
                return null;
            }).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing a frame");
        }
    }

    private void writeHere(ByteBuffer frame, Handle handle) throws IOException {
        synchronized (writeLock) {
            if (handle != null) {
                socket.setOutboundFileDescriptors(handle.fileDescriptor()); // goes with the next write's first byte
            }
            try {
                while (frame.hasRemaining()) {
                    socket.write(frame);
                }
            } finally {
                if (handle != null && socket.hasOutboundFileDescriptors()) {
                    socket.setOutboundFileDescriptors((FileDescriptor[]) null); // the write failed before any byte
                }
            }
        }
    }

    boolean isOpen() {
        return socket.isOpen() && !closing;
    }

    /** Closes this end; the reader thread sees end-of-file and reports {@code closed(null)}. */
    @Override
    public void close() {
        closing = true;
        try {
            socket.shutdownInput(); // wakes a reader blocked in read(2): close(2) alone would not
        } catch (IOException ignored) {
            // not connected any more: nothing to wake
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing twice, or the peer is gone: either way it is closed
        }
    }

    private void readLoop(Receiver receiver) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        IOException failure = null;
        try {
            while (true) {
                buffer.clear();
                if (socket.read(buffer) < 0) {
                    if (codec.bufferedBytes() > 0) {
                        receiver.frameError(FrameException.truncated(codec.bufferedBytes()));
                    }
                    break;
                }
                FileDescriptor[] fds = socket.getReceivedFileDescriptors();
                if (fds != null) {
                    Collections.addAll(receivedFds, fds);
                }
                buffer.flip();
                for (Frame frame : codec.decode(buffer)) {
                    deliver(frame, receiver);
                }
            }
        } catch (IOException e) {
            failure = closing ? null : e; // our own close() makes read fail: that is an orderly end
        } finally {
            closing = true;
            receiver.closed(failure);
        }
    }

    private void deliver(Frame frame, Receiver receiver) {
        switch (frame) {
            case Invalid invalid -> receiver.frameError(invalid.error());
            case Message(Map<?, ?> map) when HANDLE_CMD.equals(map.get("cmd")) -> deliverHandle(map, receiver);
            case Message message -> receiver.message(message.value(), null);
        }
    }

    private void deliverHandle(Map<?, ?> frame, Receiver receiver) {
        FileDescriptor fd = receivedFds.poll();
        if (fd == null) {
            receiver.frameError(new IpcException("ERR_IPC_HANDLE", "a handle frame arrived without a descriptor", null));
            return;
        }
        try {
            receiver.message(frame.get("msg"), Handle.received(Handle.Type.fromWire(String.valueOf(frame.get("type"))), fd));
        } catch (IOException | IllegalArgumentException e) {
            receiver.frameError(new IpcException("ERR_IPC_HANDLE", "could not receive a handle: " + e.getMessage(), e));
        }
    }
}
