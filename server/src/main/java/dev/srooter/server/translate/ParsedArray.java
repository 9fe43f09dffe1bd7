package dev.srooter.server.translate;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringWriter;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A JSON array as {@link JsonBytes} reads it: its values in one array. The provider's builder kept each in a growing
 * list, then wrapped it twice (about 160 bytes an array, and a request has one per message); this is the array and
 * one object (bench/README.md, "Less garbage a request"). Immutable, equal to any list of the same values, and
 * answering as the provider's arrays do when a value is missing or of another type.
 */
final class ParsedArray extends AbstractList<JsonValue> implements JsonArray, RandomAccess {

    private static final JsonProvider JSON = JsonProvider.provider();
    /** The array with no values: immutable, so every {@code []} read is this one. */
    static final ParsedArray EMPTY = new ParsedArray(new JsonValue[0], 0);

    private final JsonValue[] values;
    private final int size;

    /** Takes the array as it is (the caller lets go of it); the first {@code count} slots are the values. */
    ParsedArray(JsonValue[] values, int count) {
        this.values = values;
        this.size = count;
    }

    @Override
    public JsonValue get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of an array of " + size);
        }
        return values[index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public JsonObject getJsonObject(int index) {
        return (JsonObject) get(index);
    }

    @Override
    public JsonArray getJsonArray(int index) {
        return (JsonArray) get(index);
    }

    @Override
    public JsonNumber getJsonNumber(int index) {
        return (JsonNumber) get(index);
    }

    @Override
    public JsonString getJsonString(int index) {
        return (JsonString) get(index);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends JsonValue> List<T> getValuesAs(Class<T> type) {
        return (List<T>) this; // as the provider's arrays do: the values are not checked until read
    }

    @Override
    public String getString(int index) {
        return getJsonString(index).getString();
    }

    @Override
    public String getString(int index, String otherwise) {
        return JsonGetters.stringOr(at(index), otherwise);
    }

    @Override
    public int getInt(int index) {
        return getJsonNumber(index).intValue();
    }

    @Override
    public int getInt(int index, int otherwise) {
        return JsonGetters.intOr(at(index), otherwise);
    }

    @Override
    public boolean getBoolean(int index) {
        return JsonGetters.bool(get(index), "value", index);
    }

    @Override
    public boolean getBoolean(int index, boolean otherwise) {
        return JsonGetters.boolOr(at(index), otherwise);
    }

    /** The value at {@code index}, or null outside the array (the getters with a default answer it). */
    private JsonValue at(int index) {
        return index >= 0 && index < size ? values[index] : null;
    }

    @Override
    public boolean isNull(int index) {
        return get(index).equals(JsonValue.NULL);
    }

    @Override
    public ValueType getValueType() {
        return ValueType.ARRAY;
    }

    @Override
    public String toString() {
        StringWriter text = new StringWriter();
        JSON.createWriter(text).write(this);
        return text.toString();
    }
}
