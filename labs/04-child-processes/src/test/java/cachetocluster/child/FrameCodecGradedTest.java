package cachetocluster.child;

import static org.assertj.core.api.Assertions.assertThat;

import cachetocluster.child.FrameCodec.Frame;
import cachetocluster.child.FrameCodec.Invalid;
import cachetocluster.child.FrameCodec.Message;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The graded tests of the FrameCodec exercise (lab 04). Task 1: whole, split and coalesced frames; task 2: frames over
 * the limit; task 3: malformed frames. Each message names the bytes fed and how they were cut.
 */
@DisplayName("Lab 04: FrameCodec")
class FrameCodecGradedTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Feeds {@code bytes} cut at {@code cuts} (positions), collecting every frame. */
    private static List<Frame> feed(FrameCodec codec, byte[] bytes, int... cuts) {
        List<Frame> frames = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            frames.addAll(codec.decode(ByteBuffer.wrap(bytes, from, cut - from)));
            from = cut;
        }
        frames.addAll(codec.decode(ByteBuffer.wrap(bytes, from, bytes.length - from)));
        return frames;
    }

    /** Frames as short strings: a message's value, or ERROR:KIND. */
    private static List<String> describe(List<Frame> frames) {
        List<String> out = new ArrayList<>();
        for (Frame f : frames) {
            out.add(switch (f) {
                case Message m -> String.valueOf(m.value());
                case Invalid i -> "ERROR:" + i.error().kind();
            });
        }
        return out;
    }

    @Tag("task:1")
    @DisplayName("One frame in one read is one message")
    @Test
    void oneFrameInOneRead() {
        FrameCodec codec = new FrameCodec();
        List<Frame> frames = codec.decode(ByteBuffer.wrap(utf8("{\"cmd\":\"hello\",\"n\":1}\n")));
        assertThat(frames).as("decode({\"cmd\":\"hello\",\"n\":1}\\n)")
                .containsExactly(new Message(Map.of("cmd", "hello", "n", 1)));
        assertThat(codec.bufferedBytes()).as("bufferedBytes() after a complete frame").isZero();
        assertThat(codec.decode(ByteBuffer.allocate(0))).as("decode of an empty read").isEmpty();
    }

    @Tag("task:1")
    @DisplayName("Coalesced frames (several in one read) come out in order, any JSON value")
    @Test
    void coalescedFramesComeOutInOrder() {
        FrameCodec codec = new FrameCodec();
        byte[] bytes = utf8("1\n\"two\"\n[3,3]\nnull\n{\"four\":4}\ntrue\n");
        assertThat(describe(codec.decode(ByteBuffer.wrap(bytes))))
                .as("six frames in one read: 1, \"two\", [3,3], null, {\"four\":4}, true")
                .containsExactly("1", "two", "[3, 3]", "null", "{four=4}", "true");
    }

    @Tag("task:1")
    @DisplayName("A frame split over many reads comes out once, when its newline arrives")
    @Test
    void splitFrameComesOutWhenComplete() {
        FrameCodec codec = new FrameCodec();
        byte[] bytes = utf8("{\"cmd\":\"split\"}\n");
        for (int i = 0; i < bytes.length - 1; i++) {
            assertThat(codec.decode(ByteBuffer.wrap(bytes, i, 1)))
                    .as("decode of byte %d of %d (no newline yet)", i, bytes.length).isEmpty();
            assertThat(codec.bufferedBytes()).as("bufferedBytes() after %d bytes", i + 1).isEqualTo(i + 1);
        }
        assertThat(codec.decode(ByteBuffer.wrap(bytes, bytes.length - 1, 1)))
                .as("decode of the final newline").containsExactly(new Message(Map.of("cmd", "split")));
        assertThat(codec.bufferedBytes()).as("bufferedBytes() after the frame completed").isZero();
    }

    @Tag("task:1")
    @DisplayName("Three frames cut into two reads at every position give the same three messages")
    @Test
    void everyCutGivesTheSameMessages() {
        byte[] bytes = utf8("{\"a\":1}\n[\"b\"]\n\"c\"\n");
        for (int cut = 0; cut <= bytes.length; cut++) {
            List<Frame> frames = feed(new FrameCodec(), bytes, cut);
            assertThat(describe(frames)).as("{\"a\":1}\\n[\"b\"]\\n\"c\"\\n cut at byte %d", cut)
                    .containsExactly("{a=1}", "[b]", "c");
        }
    }

    @Tag("task:1")
    @DisplayName("A read that ends inside a multi-byte UTF-8 character does not garble it")
    @Test
    void utf8SplitInsideACharacter() {
        String text = "héllo ✓ 🎉 日本";
        byte[] bytes = utf8(Json.stringify(Map.of("text", text)) + "\n");
        for (int cut = 1; cut < bytes.length; cut++) {
            List<Frame> frames = feed(new FrameCodec(), bytes, cut);
            assertThat(frames).as("{\"text\":\"%s\"} cut at byte %d (é is 2 bytes, ✓ 3, 🎉 4)", text, cut)
                    .containsExactly(new Message(Map.of("text", text)));
        }
        List<Frame> oneByOne = feed(new FrameCodec(), bytes, range(1, bytes.length));
        assertThat(oneByOne).as("the same frame fed one byte per read").containsExactly(new Message(Map.of("text", text)));
    }

    @Tag("task:2")
    @DisplayName("A frame over maxFrameBytes is one TOO_LARGE error; the next frame still arrives")
    @Test
    void oversizeFrameIsOneErrorThenResync() {
        FrameCodec codec = new FrameCodec(16);
        byte[] bytes = utf8("\"0123456789abcdefgh\"\n{\"ok\":1}\n"); // the first frame is 20 bytes
        List<Frame> frames = codec.decode(ByteBuffer.wrap(bytes));
        assertThat(describe(frames)).as("a 20-byte frame then {\"ok\":1}, with maxFrameBytes 16")
                .containsExactly("ERROR:TOO_LARGE", "{ok=1}");
        FrameException error = ((Invalid) frames.getFirst()).error();
        assertThat(error.frameBytes()).as("frameBytes() of the TOO_LARGE error: more than the limit").isGreaterThan(16);
    }

    @Tag("task:2")
    @DisplayName("A frame of exactly maxFrameBytes is accepted (the newline does not count)")
    @Test
    void frameAtTheLimitIsAccepted() {
        FrameCodec codec = new FrameCodec(16);
        byte[] bytes = utf8("\"0123456789abcd\"\n"); // 16 bytes and a newline
        assertThat(describe(codec.decode(ByteBuffer.wrap(bytes)))).as("a 16-byte frame with maxFrameBytes 16")
                .containsExactly("0123456789abcd");
    }

    @Tag("task:2")
    @DisplayName("An oversize frame arriving over many reads: one error, never buffered past the limit, then resync")
    @Test
    void oversizeOverManyReadsIsBoundedAndReportedOnce() {
        FrameCodec codec = new FrameCodec(100);
        List<Frame> frames = new ArrayList<>();
        frames.addAll(codec.decode(ByteBuffer.wrap(utf8("[\"big"))));
        byte[] chunk = new byte[64];
        Arrays.fill(chunk, (byte) 'x');
        for (int i = 0; i < 1000; i++) { // 64 000 bytes without a newline
            frames.addAll(codec.decode(ByteBuffer.wrap(chunk)));
            assertThat(codec.bufferedBytes()).as("bufferedBytes() after %d chunks of 64 bytes (limit 100)", i + 1)
                    .isLessThanOrEqualTo(100);
        }
        frames.addAll(codec.decode(ByteBuffer.wrap(utf8("\"]\n{\"after\":true}\n[1]\n"))));
        assertThat(describe(frames)).as("64 kB without a newline, then \"]\\n{\"after\":true}\\n[1]\\n (limit 100)")
                .containsExactly("ERROR:TOO_LARGE", "{after=true}", "[1]");
    }

    @Tag("task:2")
    @DisplayName("Oversize frames between good ones, cut at every position, cost only themselves")
    @Test
    void oversizeBetweenGoodFramesAtEveryCut() {
        String big = "\"" + "y".repeat(40) + "\"";
        byte[] bytes = utf8("1\n" + big + "\n2\n" + big + "\n3\n");
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(describe(feed(new FrameCodec(20), bytes, cut)))
                    .as("1, a 42-byte frame, 2, another, 3 (limit 20), cut at byte %d", cut)
                    .containsExactly("1", "ERROR:TOO_LARGE", "2", "ERROR:TOO_LARGE", "3");
        }
    }

    @Tag("task:3")
    @DisplayName("Malformed JSON is one MALFORMED error; the frames around it are delivered")
    @Test
    void malformedJsonIsOneError() {
        FrameCodec codec = new FrameCodec();
        List<Frame> frames = codec.decode(ByteBuffer.wrap(utf8("{\"a\":1}\n{\"broken\":\n{\"b\":2}\n")));
        assertThat(describe(frames)).as("{\"a\":1}, {\"broken\": (cut short), {\"b\":2}")
                .containsExactly("{a=1}", "ERROR:MALFORMED", "{b=2}");
        FrameException error = ((Invalid) frames.get(1)).error();
        assertThat(error.frameBytes()).as("frameBytes() of the malformed frame {\"broken\": (10 bytes)").isEqualTo(10);
    }

    @Tag("task:3")
    @DisplayName("Invalid UTF-8, an empty line and trailing garbage are each one MALFORMED error")
    @Test
    void otherMalformedFrames() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(utf8("\"ok1\"\n\""));
        bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28}); // a 2-byte lead followed by '(': invalid UTF-8
        bytes.writeBytes(utf8("\"\n\n{} x\n\"ok2\"\n"));
        List<Frame> frames = new FrameCodec().decode(ByteBuffer.wrap(bytes.toByteArray()));
        assertThat(describe(frames)).as("\"ok1\", a string with invalid UTF-8, an empty line, {} x, \"ok2\"")
                .containsExactly("ok1", "ERROR:MALFORMED", "ERROR:MALFORMED", "ERROR:MALFORMED", "ok2");
    }

    @Tag("task:3")
    @DisplayName("A random mix of good, malformed and oversize frames, in random reads, decodes exactly")
    @Test
    void randomMixDecodesExactly() {
        Random random = new Random(404);
        for (int round = 0; round < 200; round++) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                switch (random.nextInt(4)) {
                    case 0 -> {
                        stream.writeBytes(utf8("{\"bad\":\n"));
                        expected.add("ERROR:MALFORMED");
                    }
                    case 1 -> {
                        stream.writeBytes(utf8("\"" + "é".repeat(40) + "\"\n")); // 82 bytes, over the limit of 64
                        expected.add("ERROR:TOO_LARGE");
                    }
                    default -> {
                        stream.writeBytes(utf8("[" + i + ",\"ü✓\"]\n"));
                        expected.add("[" + i + ", ü✓]");
                    }
                }
            }
            byte[] bytes = stream.toByteArray();
            int[] cuts = random.ints(random.nextInt(30), 0, bytes.length + 1).sorted().toArray();
            assertThat(describe(feed(new FrameCodec(64), bytes, cuts)))
                    .as("round %d (seed 404): 20 frames cut at %s", round, Arrays.toString(cuts))
                    .containsExactlyElementsOf(expected);
        }
    }

    private static int[] range(int from, int to) {
        int[] result = new int[to - from];
        Arrays.setAll(result, i -> from + i);
        return result;
    }
}
