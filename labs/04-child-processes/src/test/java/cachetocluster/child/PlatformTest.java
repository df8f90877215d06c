package cachetocluster.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The small platform pieces: signal names and numbers, kill(2) through FFM, fds of JDK channels, exit decoding. */
@DisplayName("Signals, kill(2), socket fds, exit decoding")
class PlatformTest {

    @Test
    @DisplayName("Signals have Node's names and this OS's numbers")
    void signalNamesAndNumbers() {
        assertThat(Signal.of("term")).as("Signal.of(\"term\")").isEqualTo(Signal.SIGTERM);
        assertThat(Signal.of("SIGUSR2")).as("Signal.of(\"SIGUSR2\")").isEqualTo(Signal.SIGUSR2);
        assertThat(Signal.SIGTERM.number()).as("SIGTERM's number").isEqualTo(15);
        assertThat(Signal.SIGKILL.number()).as("SIGKILL's number").isEqualTo(9);
        assertThat(Signal.fromNumber(2)).as("signal 2").contains(Signal.SIGINT);
        assertThat(Signal.fromNumber(64)).as("signal 64 (not one we name)").isEmpty();
        assertThat(Signal.SIGHUP.shortName()).as("SIGHUP's short name (sun.misc.Signal's)").isEqualTo("HUP");
    }

    @Test
    @DisplayName("kill(2) through FFM: 0 probes, ESRCH for a reaped process, pid 0 and -1 refused")
    void killThroughFfm() throws Exception {
        assertThat(Posix.kill(ProcessHandle.current().pid(), 0)).as("kill(self, 0)").isZero();
        Process done = new ProcessBuilder("true").start();
        done.waitFor(Recorder.DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertThat(Posix.kill(done.pid(), Signal.SIGTERM)).as("kill of a process already reaped").isEqualTo(Posix.ESRCH);
        assertThatThrownBy(() -> Posix.kill(0, Signal.SIGTERM)).as("kill(0, ...), our whole process group")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Posix.kill(-1, Signal.SIGTERM)).as("kill(-1, ...), every process we may signal")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("The fd of a JDK listening socket and of an accepted connection is found by asking the kernel")
    void socketFdsOfJdkChannels() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            int serverFd = SocketFds.of(server);
            int acceptedFd = SocketFds.of(accepted);
            int clientFd = SocketFds.of(client);
            assertThat(List.of(serverFd, acceptedFd, clientFd)).as("the three fds").doesNotHaveDuplicates();
            assertThat(SocketFds.localAddress(serverFd)).as("getsockname of the server's fd").isEqualTo(server.getLocalAddress());
            assertThat(SocketFds.remoteAddress(serverFd)).as("getpeername of a listening socket").isNull();
            assertThat(SocketFds.remoteAddress(acceptedFd)).as("getpeername of the accepted fd").isEqualTo(client.getLocalAddress());
            assertThat(SocketFds.remoteAddress(clientFd)).as("getpeername of the client fd").isEqualTo(server.getLocalAddress());
        }
    }

    @Test
    @DisplayName("Exit decoding: the child's reports first, then the 128 + n convention")
    void exitDecoding() {
        assertThat(ExitStatus.decode(143, 15, true)).as("143, child reported SIGTERM and ran its hooks").isEqualTo(Exit.signal(Signal.SIGTERM));
        assertThat(ExitStatus.decode(143, 0, true)).as("143, hooks ran, no signal reported: exit(143)").isEqualTo(Exit.code(143));
        assertThat(ExitStatus.decode(137, 0, false)).as("137, no report at all: SIGKILL").isEqualTo(Exit.signal(Signal.SIGKILL));
        assertThat(ExitStatus.decode(130, 2, true)).as("130 with SIGINT reported").isEqualTo(Exit.signal(Signal.SIGINT));
        assertThat(ExitStatus.decode(3, 0, true)).as("3, hooks ran").isEqualTo(Exit.code(3));
        assertThat(ExitStatus.decode(7, 0, false)).as("7, no report (halt)").isEqualTo(Exit.code(7));
        assertThat(ExitStatus.decode(200, 0, false)).as("200: 128 + 72 is no signal we know").isEqualTo(Exit.code(200));
        assertThat(ExitStatus.decode(143, 2, true)).as("143 although SIGINT was reported: the handler chose 143").isEqualTo(Exit.code(143));
    }
}
