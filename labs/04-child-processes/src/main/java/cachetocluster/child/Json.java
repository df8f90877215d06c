package cachetocluster.child;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
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
 *
 * <p>Why two Jacksons: values JSON can say directly (maps, lists, strings, numbers, booleans) are written and read with
 * jackson-core's streaming parser and generator, a few dozen classes. Jackson databind, which maps records and beans,
 * loads some 700 classes and costs a cold child JVM about 0.6 s before its first message; it is loaded only when a
 * message holds something else, or on {@link #convert}.
 */
public final class Json {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** Databind, on first use only (the holder idiom: the class is initialised when first touched). */
    private static final class Databind {
        static final JsonMapper MAPPER = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    private Json() {}

    /**
     * The JSON text of {@code value}, UTF-8, on one line. Compact output never holds a raw newline (inside strings it
     * is escaped as {@code \n}), which is what lets a newline end a frame.
     *
     * @throws IllegalArgumentException if the value cannot be written (Node throws on a circular object)
     */
    public static byte[] toBytes(Object value) {
        try {
            if (!plain(value, 0)) {
                return Databind.MAPPER.writeValueAsBytes(value);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(64);
            try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
                write(generator, value);
            }
            return out.toByteArray();
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot send as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@link #toBytes} as a String, for logs and tests. */
    public static String stringify(Object value) {
        return new String(toBytes(value), StandardCharsets.UTF_8);
    }

    /**
     * Parses exactly one JSON value. Malformed JSON, invalid UTF-8, an empty text and trailing tokens all throw.
     *
     * @throws JacksonException (unchecked) on anything that is not exactly one JSON value
     */
    public static Object parse(byte[] bytes, int offset, int length) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), bytes, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new StreamReadException(parser, "no JSON value (empty frame)");
            }
            Object value = read(parser, first);
            if (parser.nextToken() != null) {
                throw new StreamReadException(parser, "trailing token after the JSON value: " + parser.currentToken());
            }
            return value;
        }
    }

    /** A received message (maps and lists) as a typed value: {@code Json.convert(message, Job.class)}. */
    public static <T> T convert(Object message, Class<T> type) {
        return Databind.MAPPER.convertValue(message, type);
    }

    /** Can the streaming path write it? (Maps with String keys, collections, strings, numbers, booleans, null.) */
    private static boolean plain(Object value, int depth) {
        if (depth > 500) {
            return false; // let databind report the cycle
        }
        return switch (value) {
            case null -> true;
            case String s -> true;
            case Boolean b -> true;
            case Integer i -> true;
            case Long l -> true;
            case Short s -> true;
            case Byte b -> true;
            case Double d -> true;
            case Float f -> true;
            case BigInteger b -> true;
            case BigDecimal b -> true;
            case Map<?, ?> map -> map.entrySet().stream()
                    .allMatch(e -> e.getKey() instanceof String && plain(e.getValue(), depth + 1));
            case Collection<?> list -> list.stream().allMatch(v -> plain(v, depth + 1));
            default -> false;
        };
    }

    private static void write(JsonGenerator g, Object value) {
        switch (value) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Short s -> g.writeNumber(s);
            case Byte b -> g.writeNumber(b);
            case Double d -> g.writeNumber(d);
            case Float f -> g.writeNumber(f);
            case BigInteger b -> g.writeNumber(b);
            case BigDecimal b -> g.writeNumber(b);
            case Map<?, ?> map -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    g.writeName((String) e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Collection<?> list -> {
                g.writeStartArray();
                for (Object v : list) {
                    write(g, v);
                }
                g.writeEndArray();
            }
            default -> throw new IllegalStateException("not plain: " + value.getClass());
        }
    }

    /** What databind's {@code readValue(bytes, Object.class)} gives, without databind. */
    private static Object read(JsonParser p, JsonToken token) {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String name = p.currentName();
                    map.put(name, read(p, p.nextToken()));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    list.add(read(p, t));
                }
                yield list;
            }
            case VALUE_STRING -> p.getString();
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> p.getIntValue();
                case LONG -> p.getLongValue();
                default -> p.getBigIntegerValue();
            };
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new StreamReadException(p, "unexpected token " + token);
        };
    }
}
