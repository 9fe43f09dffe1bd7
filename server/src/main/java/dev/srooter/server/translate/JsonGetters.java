package dev.srooter.server.translate;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The typed getters' answers that {@link ParsedObject} and {@link ParsedArray} share, given the value found (null when
 * there is none): the same as the provider's objects and arrays give for a value of another type.
 */
final class JsonGetters {

    private JsonGetters() {
    }

    static String stringOr(JsonValue value, String otherwise) {
        return value instanceof JsonString s ? s.getString() : otherwise;
    }

    static int intOr(JsonValue value, int otherwise) {
        return value instanceof JsonNumber n ? n.intValue() : otherwise;
    }

    /**
     * {@code what} and {@code which} name the value in the error when it is not a boolean ("member", a name; "value",
     * an index): joined only then, so that a boolean read makes no string.
     */
    static boolean bool(JsonValue value, String what, Object which) {
        if (value == JsonValue.TRUE) {
            return true;
        }
        if (value == JsonValue.FALSE) {
            return false;
        }
        throw new ClassCastException(what + " " + which + " is not a boolean");
    }

    static boolean boolOr(JsonValue value, boolean otherwise) {
        return value == JsonValue.TRUE || value != JsonValue.FALSE && otherwise;
    }
}
