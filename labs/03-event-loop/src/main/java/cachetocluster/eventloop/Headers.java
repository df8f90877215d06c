package cachetocluster.eventloop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * HTTP header fields in the order they came: names compared without regard to case, repeated names kept
 * (Node's {@code req.headers} folds repeats into one value; {@code req.rawHeaders} keeps them all, as this does).
 *
 * <p>Two parallel arrays, not a map: a request has a handful of headers, a linear scan over them is faster than
 * hashing, and nothing is allocated per lookup. The parser stores names in lower case, as Node does.
 */
public final class Headers {

    private String[] names;
    private String[] values;
    private int size;

    public Headers() {
        this(8);
    }

    Headers(int capacity) {
        names = new String[capacity];
        values = new String[capacity];
    }

    /** Appends a field, keeping any earlier one of the same name. */
    public Headers add(String name, String value) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
        return this;
    }

    /** Replaces every field of this name with one. */
    public Headers set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    public Headers remove(String name) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!names[i].equalsIgnoreCase(name)) {
                names[kept] = names[i];
                values[kept] = values[i];
                kept++;
            }
        }
        Arrays.fill(names, kept, size, null);
        Arrays.fill(values, kept, size, null);
        size = kept;
        return this;
    }

    /** The first value of this name, or null. */
    public String get(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return values[i];
            }
        }
        return null;
    }

    public List<String> getAll(String name) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                all.add(values[i]);
            }
        }
        return all;
    }

    public boolean contains(String name) {
        return get(name) != null;
    }

    /**
     * Whether a comma-separated field lists {@code token}, ignoring case and spaces:
     * {@code Connection: keep-alive, Upgrade} has the token {@code upgrade}.
     */
    public boolean hasToken(String name, String token) {
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name) && listsToken(values[i], token)) {
                return true;
            }
        }
        return false;
    }

    private static boolean listsToken(String value, String token) {
        int start = 0;
        while (start <= value.length()) {
            int comma = value.indexOf(',', start);
            int end = comma < 0 ? value.length() : comma;
            int a = start;
            int b = end;
            while (a < b && (value.charAt(a) == ' ' || value.charAt(a) == '\t')) {
                a++;
            }
            while (b > a && (value.charAt(b - 1) == ' ' || value.charAt(b - 1) == '\t')) {
                b--;
            }
            if (b - a == token.length() && value.regionMatches(true, a, token, 0, token.length())) {
                return true;
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        return false;
    }

    public int size() {
        return size;
    }

    public String name(int index) {
        return names[java.util.Objects.checkIndex(index, size)];
    }

    public String value(int index) {
        return values[java.util.Objects.checkIndex(index, size)];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(names[i]).append(": ").append(values[i]);
        }
        return sb.append('}').toString();
    }
}
