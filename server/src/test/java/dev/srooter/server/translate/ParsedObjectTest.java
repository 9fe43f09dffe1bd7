package dev.srooter.server.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The parser's own objects answer every question as the reference implementation's (Parsson's) objects do. */
class ParsedObjectTest {

    private static JsonObject ours(String json) {
        return (JsonObject) JsonBytes.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject reference(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    /** The same answer, or the same kind of failure. */
    private static void same(String json, Function<JsonObject, Object> question) {
        Object expected;
        try {
            expected = question.apply(reference(json));
        } catch (RuntimeException e) {
            assertThrows(e.getClass(), () -> question.apply(ours(json)), json);
            return;
        }
        assertEquals(expected, question.apply(ours(json)), json);
    }

    @Test
    void smallAndLargeObjectsEqualTheReferencesAndKeepTheirOrder() {
        StringBuilder large = new StringBuilder("{");
        for (int i = 0; i < 20; i++) {
            large.append(i == 0 ? "" : ",").append("\"m").append(19 - i).append("\":").append(i);
        }
        for (String json : List.of("{}", "{\"a\":1}", "{\"type\":\"text\",\"text\":\"hi\",\"cache\":{\"t\":null}}",
                large.append("}").toString())) {
            JsonObject ours = ours(json);
            JsonObject reference = reference(json);
            assertEquals(reference, ours, json);
            assertEquals(ours, reference, json);
            assertEquals(reference.hashCode(), ours.hashCode(), json);
            assertEquals(List.copyOf(reference.keySet()), List.copyOf(ours.keySet()), json);
            assertEquals(reference.toString(), ours.toString(), json);
        }
    }

    @Test
    void aNameGivenTwiceKeepsItsFirstPlaceAndItsLastValueInSmallAndLargeObjects() {
        same("{\"a\":1,\"b\":2,\"a\":3}", o -> List.copyOf(o.entrySet()));
        StringBuilder large = new StringBuilder("{\"x\":0");
        for (int i = 0; i < 12; i++) {
            large.append(",\"m").append(i).append("\":").append(i);
        }
        String json = large.append(",\"x\":99,\"m3\":33}").toString();
        same(json, o -> List.copyOf(o.entrySet()));
        same(json, o -> o.getInt("x"));
        same(json, JsonObject::size);
    }

    @Test
    void everyGetterAnswersAsTheReferenceDoesForPresentMissingAndOtherTypes() {
        String json = "{\"s\":\"text\",\"n\":42,\"t\":true,\"f\":false,\"z\":null,\"o\":{\"k\":1},\"a\":[1]}";
        for (String name : List.of("s", "n", "t", "f", "z", "o", "a", "missing")) {
            same(json, o -> o.get(name));
            same(json, o -> o.containsKey(name));
            same(json, o -> o.getString(name));
            same(json, o -> o.getString(name, "otherwise"));
            same(json, o -> o.getInt(name));
            same(json, o -> o.getInt(name, -1));
            same(json, o -> o.getBoolean(name));
            same(json, o -> o.getBoolean(name, true));
            same(json, o -> o.getBoolean(name, false));
            same(json, o -> o.isNull(name));
            same(json, o -> o.getJsonString(name));
            same(json, o -> o.getJsonNumber(name));
            same(json, o -> o.getJsonObject(name));
            same(json, o -> o.getJsonArray(name));
        }
        same(json, o -> o.getValue("/o/k"));
        same(json, JsonObject::getValueType);
        assertThrows(UnsupportedOperationException.class, () -> ours(json).put("new", null));
        assertEquals("member s is not a boolean",
                assertThrows(ClassCastException.class, () -> ours("{\"s\":\"x\"}").getBoolean("s")).getMessage());
    }
}
