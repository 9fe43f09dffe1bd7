package dev.srooter.server.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** srooter's byte-level JSON reader and writer agree with the reference implementation (Parsson). */
class JsonBytesTest {

    private static JsonValue reference(byte[] json) {
        try (JsonReader reader = Json.createReaderFactory(java.util.Map.of())
                .createReader(new ByteArrayInputStream(json), StandardCharsets.UTF_8)) {
            return reader.readValue();
        }
    }

    private static String referenceText(JsonValue value) {
        StringWriter out = new StringWriter();
        Json.createWriter(out).write(value);
        return out.toString();
    }

    @Test
    void randomDocumentsReadAndWriteAsTheReferenceDoes() {
        Random random = new Random(42);
        for (int n = 0; n < 2000; n++) {
            JsonValue value = randomValue(random, 0);
            byte[] ours = JsonBytesWriter.write(value);
            assertEquals(value, reference(ours), "what we write, the reference reads back");
            byte[] theirs = referenceText(value).getBytes(StandardCharsets.UTF_8);
            assertEquals(value, JsonBytes.parse(theirs), "what the reference writes, we read");
            assertEquals(value, JsonBytes.parse(ours));
        }
    }

    @Test
    void capturedClientRequestsReadTheSame() throws Exception {
        Path root = Path.of(System.getProperty("srooter.fixtures.dir", "../../shared/fixtures"));
        try (var files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                assertEquals(reference(bytes), JsonBytes.parse(bytes), file.toString());
            }
        }
    }

    @Test
    void escapesAndUnicodeAreExact() {
        String tricky = "quote \" backslash \\ slash / nl \n cr \r tab \t bell \u0007 nul \u0000 é 中 🚀 \u2028";
        JsonValue value = Js.object().add("s", tricky).build();
        assertEquals(tricky, Js.parse(JsonBytesWriter.write(value)).getString("s"));
        assertEquals(tricky, Js.parse("{\"s\":\"quote \\\" backslash \\\\ slash \\/ nl \\n cr \\r tab \\t bell \\u0007 nul \\u0000 \\u00e9 \u4e2d \\ud83d\\ude80 \\u2028\"}"
                .getBytes(StandardCharsets.UTF_8)).getString("s"));
        String longText = "line with \"quotes\" and a tab\t\n".repeat(700) + "é".repeat(300) + "end\\";
        JsonValue big = Js.object().add("s", longText).add("t", longText.substring(0, 20000)).build();
        assertEquals(big, reference(JsonBytesWriter.write(big)));
        assertEquals(big, JsonBytes.parse(referenceText(big).getBytes(StandardCharsets.UTF_8)));
        String lone = "a\ud800b";
        assertEquals(lone, Js.parse(JsonBytesWriter.write(Js.object().add("s", lone).build())).getString("s"));
    }

    /**
     * Strings mixing every way JSON writes a character (plain ASCII, UTF-8 beyond it, short escapes, {@code \\u}
     * escapes of one unit and of surrogate pairs, a surrogate half alone, upper- and lower-case hex) read as the
     * reference reads them, at the start of a string, after a run of plain text and after one beyond ASCII.
     */
    @Test
    void stringsMixingEscapesAndUnicodeReadAsTheReferenceReadsThem() {
        String[] pieces = {"plain text ", "é", "中", "🚀", "—", "\\n", "\\\"", "\\\\", "\\/", "\\t", "\\u00e9",
            "\\u4E2D", "\\u0000", "\\u001f", "\\ud83d\\ude80", "\\uD83D\\uDE80", "\\ud800", "\\udc00x", "\\ud83dA",
            "\\ud83d\\u0041", "x".repeat(300)};
        Random random = new Random(1206);
        for (int n = 0; n < 5000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(8); k >= 0; k--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] json = ("{\"s\":\"" + text + "\",\"t\":[\"" + text + "\"]}").getBytes(StandardCharsets.UTF_8);
            assertEquals(reference(json), JsonBytes.parse(json), text.toString());
        }
    }

    @Test
    void theWireFormatsCommonWordsAreSharedAndReadAsTheReferenceReadsThem() {
        String json = "{\"type\": \"text\", \"text\": \"type\", \"ty\\u0070e\": \"obj\\u0065ct\", \"types\": \"tex\","
                + " \"role\": \"user\\n\", \"\": \"\", \"rôle\": \"usér\", \"content\": [\"string\", \"object\", \"stringy\"],"
                + " \"input_schema\": {\"type\": \"object\", \"properties\": {}, \"required\": [\"file_path\"]}}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        jakarta.json.JsonObject ours = JsonBytes.parse(bytes).asJsonObject();
        assertEquals(reference(bytes), ours, "escaped, longer, shorter and non-ASCII neighbours of the words read exact");
        jakarta.json.JsonObject again = JsonBytes.parse(bytes).asJsonObject();
        assertSame(ours.getJsonObject("input_schema").get("type"), again.getJsonObject("input_schema").get("type"),
                "a common value is one shared JsonString");
        assertSame(ours.keySet().iterator().next(), again.keySet().iterator().next(), "a common name is one String");
        assertEquals("object", ours.getString("type"), "an escaped spelling is the same name (its last value)");
        for (String bad : new String[] {"{\"type\u0001\": 1}", "{\"text\": \"typ\u0001\"}", "{\"type\": \"text"}) {
            assertThrows(IllegalArgumentException.class, () -> JsonBytes.parse(bad.getBytes(StandardCharsets.UTF_8)),
                    bad);
        }
    }

    @Test
    void malformedJsonIsRefused() {
        for (String bad : new String[] {"{", "{\"a\":}", "{\"a\":1,}", "[1 2]", "{\"a\":tru}", "\"open", "{} x",
                "{\"a\":\"ctl\u0001\"}", "{\"a\":-}", "{\"a\":\"\\x\"}"}) {
            assertThrows(IllegalArgumentException.class, () -> JsonBytes.parse(bad.getBytes(StandardCharsets.UTF_8)),
                    bad);
        }
        String deep = "[".repeat(600) + "]".repeat(600);
        assertThrows(IllegalArgumentException.class, () -> JsonBytes.parse(deep.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String[] PIECES = {"plain", "ascii words", "ünï", "中文", "🚀", "\"", "\\", "\n", "\t",
            "\u0001", "/", "\u2028", "</tag>", ""};

    private static JsonValue randomValue(Random random, int depth) {
        switch (depth > 3 ? random.nextInt(4) : random.nextInt(7)) {
            case 0: {
                StringBuilder s = new StringBuilder();
                int parts = random.nextInt(5);
                for (int k = 0; k < parts; k++) {
                    s.append(PIECES[random.nextInt(PIECES.length)]);
                }
                return Json.createValue(s.toString());
            }
            case 1:
                return Json.createValue(random.nextLong() >> random.nextInt(63));
            case 2:
                return Json.createValue(new java.math.BigDecimal(random.nextGaussian() * 1e6).setScale(
                        random.nextInt(8), java.math.RoundingMode.HALF_UP));
            case 3:
                return random.nextBoolean() ? JsonValue.TRUE : random.nextBoolean() ? JsonValue.FALSE : JsonValue.NULL;
            case 4:
            case 5: {
                JsonObjectBuilder o = Json.createObjectBuilder();
                int fields = random.nextInt(5);
                for (int k = 0; k < fields; k++) {
                    o.add(PIECES[random.nextInt(PIECES.length)] + k, randomValue(random, depth + 1));
                }
                return o.build();
            }
            default: {
                JsonArrayBuilder a = Json.createArrayBuilder();
                int items = random.nextInt(5);
                for (int k = 0; k < items; k++) {
                    a.add(randomValue(random, depth + 1));
                }
                return a.build();
            }
        }
    }
}
