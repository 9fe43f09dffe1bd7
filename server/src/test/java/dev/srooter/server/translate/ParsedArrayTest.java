package dev.srooter.server.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** An array as srooter's reader makes it answers every JsonArray call as the reference implementation's does. */
class ParsedArrayTest {

    private static final String JSON = "[\"a\", 7, true, false, null, {\"k\": [1]}, [2, 3], 2.5, \"\"]";

    private static JsonArray reference() {
        try (JsonReader reader = Json.createReader(new StringReader(JSON))) {
            return reader.readArray();
        }
    }

    private static JsonArray ours() {
        return JsonBytes.parse(JSON.getBytes(StandardCharsets.UTF_8)).asJsonArray();
    }

    @Test
    void itIsTheReadersArrayAndEqualToTheReferencesBothWays() {
        JsonArray ours = ours();
        JsonArray theirs = reference();
        assertInstanceOf(ParsedArray.class, ours, "without it, the provider's builder made every array");
        assertEquals(theirs, ours);
        assertEquals(ours, theirs);
        assertEquals(theirs.hashCode(), ours.hashCode());
        assertEquals(theirs.toString(), ours.toString());
        assertEquals(JsonValue.ValueType.ARRAY, ours.getValueType());
        assertSame(JsonBytes.parse("[]".getBytes(StandardCharsets.UTF_8)), JsonBytes.parse(" [ ] ".getBytes(
                StandardCharsets.UTF_8)), "every empty array is one");
        StringBuilder many = new StringBuilder("[0");
        for (int i = 1; i < 100; i++) {
            many.append(',').append(i);
        }
        JsonArray grown = JsonBytes.parse(many.append(']').toString().getBytes(StandardCharsets.UTF_8)).asJsonArray();
        assertEquals(100, grown.size());
        assertEquals(99, grown.getInt(99), "values past the first slots survive the growing");
    }

    @Test
    void everyGetterAnswersAsTheReferencesDoes() {
        for (JsonArray array : List.of(reference(), ours())) {
            String which = array.getClass().getSimpleName();
            assertEquals("a", array.getString(0), which);
            assertEquals("fallback", array.getString(1, "fallback"), which);
            assertEquals("fallback", array.getString(99, "fallback"), which);
            assertEquals(7, array.getInt(1), which);
            assertEquals(-1, array.getInt(0, -1), which);
            assertEquals(-1, array.getInt(-1, -1), which);
            assertEquals(true, array.getBoolean(2), which);
            assertEquals(false, array.getBoolean(3), which);
            assertEquals(true, array.getBoolean(0, true), which);
            assertEquals(false, array.getBoolean(3, true), which);
            assertEquals(true, array.getBoolean(42, true), which);
            assertEquals(true, array.isNull(4), which);
            assertEquals(false, array.isNull(0), which);
            assertEquals(List.of(1), array.getJsonObject(5).getJsonArray("k").getValuesAs(
                    (Function<jakarta.json.JsonNumber, Integer>) jakarta.json.JsonNumber::intValue), which);
            assertEquals(3, array.getJsonArray(6).getInt(1), which);
            assertEquals(2.5, array.getJsonNumber(7).doubleValue(), which);
            assertEquals("", array.getJsonString(8).getString(), which);
            assertEquals(9, array.getValuesAs(JsonValue.class).size(), which);
            assertThrows(ClassCastException.class, () -> array.getBoolean(0), which);
            assertThrows(ClassCastException.class, () -> array.getJsonObject(0), which);
            assertThrows(ClassCastException.class, () -> array.getString(1), which);
            assertThrows(IndexOutOfBoundsException.class, () -> array.get(9), which);
            assertThrows(UnsupportedOperationException.class, () -> array.add(JsonValue.NULL), which);
            assertThrows(UnsupportedOperationException.class, () -> array.set(0, JsonValue.NULL), which);
            assertInstanceOf(JsonString.class, array.get(0), which);
        }
        assertEquals("value 0 is not a boolean",
                assertThrows(ClassCastException.class, () -> ours().getBoolean(0)).getMessage());
    }
}
