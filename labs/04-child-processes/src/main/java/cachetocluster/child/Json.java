package cachetocluster.child;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of the IPC channel: Node's {@code JSON.stringify} and {@code JSON.parse} (serialization {@code 'json'}).
 *
 * <p>A message arrives as what JSON can say: {@code Map} (objects, keys in order), {@code List}, {@code String},
 * {@code Integer}/{@code Long}/{@code BigInteger}, {@code Double}, {@code Boolean} or {@code null}. A record sent
 * by one side arrives as a {@code Map} on the other, exactly as a class instance arrives in Node as a plain object
 * (JSON loses types: Node's complaint #10965, which led to {@code serialization: 'advanced'}). Turn it back into a
 * type with {@link #convert}.
 */
public final class Json {

    /** Trailing tokens fail: {@code {"a":1} x} is one malformed frame, not a message followed by garbage. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    /**
     * The JSON text of {@code value}, UTF-8, on one line. Jackson's compact output never holds a raw newline
     * (inside strings it is escaped as {@code \n}), which is what lets a newline end a frame.
     *
     * @throws IllegalArgumentException if Jackson cannot write the value (Node throws on a circular object)
     */
    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot send as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@link #toBytes} as a String, for logs and tests. */
    public static String stringify(Object value) {
        return new String(toBytes(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Parses one JSON text. Malformed JSON, invalid UTF-8, an empty text and trailing tokens all throw.
     *
     * @throws JacksonException (unchecked) on anything that is not exactly one JSON value
     */
    public static Object parse(byte[] bytes, int offset, int length) {
        return MAPPER.readValue(bytes, offset, length, Object.class);
    }

    /** A received message (maps and lists) as a typed value: {@code Json.convert(message, Job.class)}. */
    public static <T> T convert(Object message, Class<T> type) {
        return MAPPER.convertValue(message, type);
    }
}
