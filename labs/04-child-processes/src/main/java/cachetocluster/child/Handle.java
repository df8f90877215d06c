package cachetocluster.child;

import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * A socket travelling with a message: Node's {@code sendHandle} ({@code subprocess.send(msg, server)} and
 * {@code process.on('message', (msg, handle) => ...)}).
 *
 * <p>Under it is SCM_RIGHTS: the sender attaches the descriptor to the bytes of the frame ({@code sendmsg} with a
 * control message); the kernel installs a <em>new</em> descriptor for the same open socket in the receiver. Both
 * processes then hold the same kernel socket: a listening socket accepts in either, a connection can be served by
 * either. Like Node ({@code keepOpen: false}), the sender closes its copy once the frame is written, unless
 * {@link #keepOpen(boolean)} says otherwise (Node's cluster shares one listening socket with many workers that way).
 *
 * <p>On the receiving side {@link #serverSocketChannel()} and {@link #socketChannel()} wrap the descriptor with
 * junixsocket's {@code FileDescriptorCast} (the JDK cannot wrap a foreign descriptor). Those channels belong to
 * junixsocket's {@code SelectorProvider}: register them only with a selector from {@code channel.provider()}, and
 * ask {@link #localAddress()} for the address (their own {@code getLocalAddress()} is a raw socket address). Close
 * a received socket with {@link #close()}, which drops this process's copy only; the channel's own {@code close()}
 * shuts the socket down for every process that holds it.
 */
public final class Handle implements Closeable {

    /** What kind of socket it is, with Node's type names as they appear on the wire. */
    public enum Type {
        SERVER("net.Server"),
        SOCKET("net.Socket");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static Type fromWire(String name) {
            for (Type t : values()) {
                if (t.wireName.equals(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown handle type " + name);
        }
    }

    private final Type type;
    private final FileDescriptor fd;
    private final int fdNumber;
    /** What to close after sending (the JDK channel), or on close() (the cast channel). */
    private Closeable owner;
    private boolean keepOpen;
    private final boolean received;
    private Object cast;
    private boolean closed;

    private Handle(Type type, FileDescriptor fd, int fdNumber, Closeable owner, boolean received) {
        this.type = type;
        this.fd = fd;
        this.fdNumber = fdNumber;
        this.owner = owner;
        this.received = received;
    }

    /** A listening server socket of this process, to send. */
    public static Handle of(ServerSocketChannel server) throws IOException {
        return ofFd(SocketFds.of(server), Type.SERVER, server);
    }

    /** A connected socket of this process (one the parent accepted, say), to send. */
    public static Handle of(SocketChannel socket) throws IOException {
        return ofFd(SocketFds.of(socket), Type.SOCKET, socket);
    }

    /** A raw descriptor (from FFM {@code socket(2)}, say); {@code owner} is closed after sending, may be null. */
    public static Handle ofFd(int fd, Type type, Closeable owner) throws IOException {
        return new Handle(type, FileDescriptorCast.unsafeUsing(fd).getFileDescriptor(), fd, owner, false);
    }

    /** A descriptor received with a message. */
    static Handle received(Type type, FileDescriptor fd) throws IOException {
        int number = FileDescriptorCast.using(fd).as(Integer.class);
        return new Handle(type, fd, number, null, true);
    }

    /** Keep the sender's copy open after sending (Node's {@code keepOpen}); returns this. */
    public Handle keepOpen(boolean keep) {
        this.keepOpen = keep;
        return this;
    }

    public Type type() {
        return type;
    }

    public FileDescriptor fileDescriptor() {
        return fd;
    }

    /** The descriptor's number in this process (different in the sender and the receiver). */
    public int fd() {
        return fdNumber;
    }

    /** The socket's local address, as the kernel reports it. */
    public InetSocketAddress localAddress() {
        return SocketFds.localAddress(fdNumber);
    }

    /** The received listening socket as a channel (junixsocket's; see the class comment). */
    public synchronized ServerSocketChannel serverSocketChannel() throws IOException {
        requireType(Type.SERVER);
        if (cast == null) {
            cast = FileDescriptorCast.using(fd).as(ServerSocketChannel.class);
        }
        return (ServerSocketChannel) cast;
    }

    /** The received connection as a channel (junixsocket's; see the class comment). */
    public synchronized SocketChannel socketChannel() throws IOException {
        requireType(Type.SOCKET);
        if (cast == null) {
            cast = FileDescriptorCast.using(fd).as(SocketChannel.class);
        }
        return (SocketChannel) cast;
    }

    /** The sender is done with it: close its copy unless keepOpen. */
    void sent() throws IOException {
        if (!keepOpen) {
            close();
        }
    }

    /**
     * Closes this process's copy of the socket (the channel made from it, or its owner), and only that: the other
     * process's copy goes on listening, or serving the connection. For a received socket that takes care: junixsocket's
     * {@code close()} calls {@code shutdown(2)} first, which would end the socket in every process that holds it (a
     * listening socket shared by many workers, a connection the sender still serves); see {@link Posix#detach}.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (received && cast == null) {
            Posix.close(fdNumber);
            return;
        }
        if (received) {
            Posix.detach(fdNumber);
        }
        if (cast instanceof Closeable c) {
            c.close();
        } else if (owner != null) {
            owner.close();
        }
        owner = null;
    }

    private void requireType(Type expected) {
        if (type != expected) {
            throw new IllegalStateException("this handle is a " + type + ", not a " + expected);
        }
    }

    @Override
    public String toString() {
        return "Handle[" + type.wireName() + ", fd " + fdNumber + "]";
    }
}
