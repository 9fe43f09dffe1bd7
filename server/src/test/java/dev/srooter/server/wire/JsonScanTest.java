package dev.srooter.server.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class JsonScanTest {

    private static JsonScan.TopLevel scan(String json) throws JsonScan.Malformed {
        return JsonScan.scan(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsTopLevelMembersButNotNestedOnes() throws Exception {
        JsonScan.TopLevel top = scan("""
                {"messages":[{"model":"inner","stream":true}],"model":"claude-x","stream":true,"n":1}""");
        assertEquals("claude-x", top.string("model"));
        assertTrue(top.isTrue("stream"));
        assertEquals("1", top.raw("n"));
        assertNull(top.string("n"));
        assertFalse(top.has("nested"));
    }

    @Test
    void decodesEscapesInStrings() throws Exception {
        assertEquals("a\"b\\c\u00e9\n", scan("{\"model\":\"a\\\"b\\\\c\\u00e9\\n\"}").string("model"));
        assertEquals("caf\u00e9", scan("{\"model\":\"caf\u00e9\"}").string("model"));
    }

    @Test
    void replacesOneValueAndKeepsEveryOtherByte() throws Exception {
        String body = "{ \"model\" : \"p/claude\",\n \"x\":{\"model\":\"keep\"}, \"cache_control\":{\"type\":\"ephemeral\"}}";
        byte[] rewritten = scan(body).withString("model", "claude");
        assertEquals(body.replace("\"p/claude\"", "\"claude\""), new String(rewritten, StandardCharsets.UTF_8));
    }

    @Test
    void refusesWhatIsNotAJsonObject() {
        for (String bad : new String[] {"", "   ", "[]", "\"s\"", "42", "{", "{\"a\":}", "{\"a\":1,}", "{\"a\" 1}",
            "{\"a\":1} x", "{\"a\":tru}", "{\"a\":\"\u0001\"}", "{\"a\":\"\\x\"}", "{\"a\":01}", "{\"a\":1.}",
            "{\"a\":-}", "{\"a\":[1 2]}", "{a:1}", "{\"a\":\"unterminated}", "{\"a\":\"\\u12\"}"}) {
            assertThrows(JsonScan.Malformed.class, () -> scan(bad), bad);
        }
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = "{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}";
        assertThrows(JsonScan.Malformed.class, () -> scan(deep));
    }

    /** Property: on random documents, valid and broken, JsonScan agrees with a full parser. */
    @Test
    void agreesWithAFullParserOnRandomDocuments() {
        Random random = new Random(20261125);
        for (int i = 0; i < 3000; i++) {
            String json = "{\"model\":\"m\",\"v\":" + randomValue(random, 0) + "}";
            if (random.nextInt(3) == 0) {
                json = mutate(json, random);
            }
            boolean parserAccepts = strictParserAccepts(json);
            boolean scanAccepts;
            try {
                scan(json);
                scanAccepts = true;
            } catch (JsonScan.Malformed e) {
                scanAccepts = false;
            }
            assertEquals(parserAccepts, scanAccepts, json);
        }
    }

    /** A JsonReader ignores what follows the first value; a parser driven to the end does not. */
    private static boolean strictParserAccepts(String json) {
        try (var parser = Json.createParser(new StringReader(json))) {
            if (!parser.hasNext() || parser.next() != jakarta.json.stream.JsonParser.Event.START_OBJECT) {
                return false;
            }
            while (parser.hasNext()) {
                parser.next();
            }
            return true;
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            return false;
        }
    }

    @Test
    void acceptsTheCapturedClientRequests() throws Exception {
        Path fixtures = Path.of("../../shared/fixtures");
        if (!Files.isDirectory(fixtures)) {
            fixtures = Path.of(System.getProperty("user.dir")).resolve("../../shared/fixtures");
        }
        try (Stream<Path> files = Files.walk(fixtures)) {
            long scanned = 0;
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                var body = Json.createReader(new StringReader(Files.readString(file))).readObject().getJsonObject("body");
                JsonScan.TopLevel top = scan(body.toString());
                assertEquals(body.getString("model"), top.string("model"));
                assertTrue(top.isTrue("stream"));
                byte[] same = top.withString("model", body.getString("model"));
                assertArrayEquals(body.toString().getBytes(StandardCharsets.UTF_8), same);
                scanned++;
            }
            assertEquals(4, scanned);
        }
    }

    private static String randomValue(Random random, int depth) {
        int kind = depth > 4 ? random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> random.nextBoolean() ? "true" : "null";
            case 1 -> String.valueOf(random.nextInt(2000) - 1000) + (random.nextBoolean() ? ".5e-3" : "");
            case 2 -> "\"s" + random.nextInt(100) + (random.nextBoolean() ? "\\n\\u00e9\\\"" : "") + "\"";
            case 3 -> "false";
            case 4 -> {
                StringBuilder array = new StringBuilder("[");
                for (int k = random.nextInt(4); k > 0; k--) {
                    array.append(randomValue(random, depth + 1)).append(k > 1 ? "," : "");
                }
                yield array.append(']').toString();
            }
            default -> {
                StringBuilder object = new StringBuilder("{");
                for (int k = random.nextInt(4); k > 0; k--) {
                    object.append("\"k").append(k).append("\" : ").append(randomValue(random, depth + 1))
                            .append(k > 1 ? "," : "");
                }
                yield object.append('}').toString();
            }
        };
    }

    private static String mutate(String json, Random random) {
        int at = random.nextInt(json.length());
        String[] insert = {",", "}", "]", "\"", ":", "x", "", "\\", "1", " "};
        String piece = insert[random.nextInt(insert.length)];
        return random.nextBoolean() ? json.substring(0, at) + piece + json.substring(at)
                : json.substring(0, at) + piece + json.substring(Math.min(json.length(), at + 1));
    }
}
