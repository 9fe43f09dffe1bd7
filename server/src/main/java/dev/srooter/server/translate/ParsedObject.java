package dev.srooter.server.translate;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringWriter;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A JSON object as {@link JsonBytes} reads it: its members in two arrays, in the order they came. A coding agent's
 * request is thousands of objects of two to five members ({@code {"type": "text", "text": ...}}); the provider's
 * builder gave each a hash table of sixteen slots behind an unmodifiable view, and every member read went through
 * both (bench/README.md, "The Messages path's 60 KB row"). A few members are found by comparing names; an object of
 * more than {@link #SCAN} members gets a hash index as well. Immutable, as every parsed {@link JsonObject} is, and
 * equal to any map with the same members. A name given twice keeps its first place and its last value, as the
 * provider's builder does.
 */
final class ParsedObject extends AbstractMap<String, JsonValue> implements JsonObject {

    private static final JsonProvider JSON = JsonProvider.provider();
    /** Up to this many members, a lookup compares names; beyond, it goes through {@link #index}. */
    static final int SCAN = 8;
    /** The object with no members: immutable, so every {@code {}} read is this one. */
    static final ParsedObject EMPTY = new ParsedObject(new String[0], new JsonValue[0], 0);

    private final String[] names;
    private final JsonValue[] values;
    private final int size;
    /** Member name to position, for objects of more than {@link #SCAN} members; null for the others. */
    private final Map<String, Integer> index;

    /** Takes the arrays as they are (the caller lets go of them); the first {@code count} slots are the members. */
    ParsedObject(String[] names, JsonValue[] values, int count) {
        int kept = 0;
        Map<String, Integer> positions = count > SCAN ? new HashMap<>(count * 2) : null;
        for (int i = 0; i < count; i++) {
            int earlier = positions != null ? positions.getOrDefault(names[i], -1) : scan(names, kept, names[i]);
            if (earlier >= 0) {
                values[earlier] = values[i]; // a name given twice: its first place, its last value
                continue;
            }
            names[kept] = names[i];
            values[kept] = values[i];
            if (positions != null) {
                positions.put(names[i], kept);
            }
            kept++;
        }
        this.names = names;
        this.values = values;
        this.size = kept;
        this.index = positions;
    }

    private static int scan(String[] names, int count, Object name) {
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private int position(Object name) {
        if (index != null) {
            Integer at = index.get(name);
            return at == null ? -1 : at;
        }
        return scan(names, size, name);
    }

    @Override
    public JsonValue get(Object name) {
        int at = position(name);
        return at < 0 ? null : values[at];
    }

    @Override
    public boolean containsKey(Object name) {
        return position(name) >= 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, JsonValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, JsonValue>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, JsonValue> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int at = next++;
                        return new SimpleImmutableEntry<>(names[at], values[at]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    // ---- JsonObject, with the provider's answers for a missing member or one of another type

    @Override
    public JsonArray getJsonArray(String name) {
        return (JsonArray) get(name);
    }

    @Override
    public JsonObject getJsonObject(String name) {
        return (JsonObject) get(name);
    }

    @Override
    public JsonNumber getJsonNumber(String name) {
        return (JsonNumber) get(name);
    }

    @Override
    public JsonString getJsonString(String name) {
        return (JsonString) get(name);
    }

    @Override
    public String getString(String name) {
        return getJsonString(name).getString();
    }

    @Override
    public String getString(String name, String otherwise) {
        return JsonGetters.stringOr(get(name), otherwise);
    }

    @Override
    public int getInt(String name) {
        return getJsonNumber(name).intValue();
    }

    @Override
    public int getInt(String name, int otherwise) {
        return JsonGetters.intOr(get(name), otherwise);
    }

    @Override
    public boolean getBoolean(String name) {
        JsonValue value = get(name);
        if (value == null) {
            throw new NullPointerException("no member " + name);
        }
        return JsonGetters.bool(value, "member", name);
    }

    @Override
    public boolean getBoolean(String name, boolean otherwise) {
        return JsonGetters.boolOr(get(name), otherwise);
    }

    @Override
    public boolean isNull(String name) {
        return get(name).equals(JsonValue.NULL);
    }

    @Override
    public ValueType getValueType() {
        return ValueType.OBJECT;
    }

    @Override
    public String toString() {
        StringWriter text = new StringWriter();
        JSON.createWriter(text).write(this);
        return text.toString();
    }
}
