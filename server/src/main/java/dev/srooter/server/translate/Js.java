package dev.srooter.server.translate;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Small, forgiving accessors over Jakarta JSON for the codecs: a missing or mistyped field reads as
 * null instead of throwing. The JSON provider is looked up once ({@code Json.createObjectBuilder()}
 * and friends look it up on every call, which costs more than the work itself), and bytes are read and
 * written by {@link JsonBytes}.
 */
public final class Js {

    private static final JsonProvider JSON = JsonProvider.provider();

    private Js() {
    }

    /** The JSON object in UTF-8 {@code json}; anything else throws {@link IllegalArgumentException}. */
    public static JsonObject parse(byte[] json) {
        return parse(json, null);
    }

    /** Told where each top-level member's value lies in a body: {@code [start, end)}. */
    @FunctionalInterface
    public interface MemberSpans {
        void member(String name, int start, int end);
    }

    /**
     * The JSON object in UTF-8 {@code json}, telling {@code members} where each of its members' values lies: the
     * request path reads a body once into its tree and its top-level spans. Anything else throws
     * {@link IllegalArgumentException}.
     */
    public static JsonObject parse(byte[] json, MemberSpans members) {
        JsonValue value = JsonBytes.parse(json, members);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return value.asJsonObject();
    }

    public static JsonValue parseValue(String json) {
        return JsonBytes.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] bytes(JsonValue value) {
        return JsonBytesWriter.write(value);
    }

    /** As {@link #bytes(JsonValue)}, for a body of about {@code sizeHint} bytes. */
    public static byte[] bytes(JsonValue value, int sizeHint) {
        return JsonBytesWriter.write(value, sizeHint);
    }

    public static String text(JsonValue value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    public static JsonObjectBuilder object() {
        return JSON.createObjectBuilder();
    }

    public static JsonObjectBuilder object(JsonObject copy) {
        return JSON.createObjectBuilder(copy);
    }

    public static JsonArrayBuilder array() {
        return JSON.createArrayBuilder();
    }

    public static JsonValue string(String value) {
        return JSON.createValue(value);
    }

    public static String str(JsonObject o, String name) {
        JsonValue v = o == null ? null : o.get(name);
        return v instanceof JsonString s ? s.getString() : null;
    }

    public static JsonObject obj(JsonObject o, String name) {
        JsonValue v = o == null ? null : o.get(name);
        return v != null && v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : null;
    }

    public static JsonArray arr(JsonObject o, String name) {
        JsonValue v = o == null ? null : o.get(name);
        return v != null && v.getValueType() == JsonValue.ValueType.ARRAY ? v.asJsonArray() : null;
    }

    /** The array's objects; other members are skipped. A loop: every message and block of a request passes here. */
    public static List<JsonObject> objects(JsonArray array) {
        if (array == null) {
            return List.of();
        }
        List<JsonObject> objects = new java.util.ArrayList<>(array.size());
        for (JsonValue v : array) {
            if (v.getValueType() == JsonValue.ValueType.OBJECT) {
                objects.add(v.asJsonObject());
            }
        }
        return objects;
    }

    public static Integer integer(JsonObject o, String name) {
        JsonValue v = o == null ? null : o.get(name);
        return v instanceof JsonNumber n ? Integer.valueOf(n.intValue()) : null;
    }

    public static Long longValue(JsonObject o, String name) {
        JsonValue v = o == null ? null : o.get(name);
        return v instanceof JsonNumber n ? Long.valueOf(n.longValue()) : null;
    }

    public static Double decimal(JsonObject o, String name) {
        JsonValue v = o == null ? null : o.get(name);
        return v instanceof JsonNumber n ? Double.valueOf(n.doubleValue()) : null;
    }

    public static Boolean bool(JsonObject o, String name) {
        JsonValue v = o == null ? null : o.get(name);
        if (v == JsonValue.TRUE) {
            return Boolean.TRUE;
        }
        return v == JsonValue.FALSE ? Boolean.FALSE : null;
    }

    /** Adds a member only when there is a value: providers reject explicit nulls for many fields. */
    public static void put(JsonObjectBuilder b, String name, String value) {
        if (value != null) {
            b.add(name, value);
        }
    }

    public static void put(JsonObjectBuilder b, String name, Integer value) {
        if (value != null) {
            b.add(name, value);
        }
    }

    public static void put(JsonObjectBuilder b, String name, Double value) {
        if (value != null) {
            b.add(name, value);
        }
    }

    public static void put(JsonObjectBuilder b, String name, JsonValue value) {
        if (value != null) {
            b.add(name, value);
        }
    }

    /** An arguments object from its JSON text; an empty or broken text becomes {@code {}}. */
    public static JsonObject argumentsObject(String json) {
        if (json == null || json.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            JsonValue value = parseValue(json);
            return value.getValueType() == JsonValue.ValueType.OBJECT ? value.asJsonObject()
                    : JsonValue.EMPTY_JSON_OBJECT;
        } catch (RuntimeException broken) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }
}
