package dev.srooter.server.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.WireFormat;
import dev.srooter.server.pipeline.RequestBody;
import dev.srooter.server.translate.Js;
import dev.srooter.server.translate.Part;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A request body is read once, into its tree and its top-level spans together ({@link RequestBody#of}); the strict
 * scan ({@link JsonScan#scan}) decides what is malformed. So the tree reader must accept nothing the scan refuses,
 * and find the same spans: checked on edge cases and on thousands of mutants of the real clients' requests.
 */
class JsonScanAgreementTest {

    /** Both accept these, with the same spans. */
    private static final List<String> ACCEPTED = List.of(
            "{}", " {\"a\" : 1 } ", "{\"a\":-0,\"b\":0.5,\"c\":1E5,\"d\":-1e-7,\"e\":12345678901234567890}",
            "{\"a\":\"x\\u00e9\\n\\\"\",\"b\":[true,false,null,{}],\"a\":2}", "{\"\\u006dodel\":\"m\",\"stream\":true}",
            "{\"s\":\"caf\u00e9 \u2603\"}", "{\"deep\":" + "[".repeat(511) + "]".repeat(511) + "}");

    /** Both refuse these. */
    private static final List<String> REFUSED = List.of(
            "", "[]", "\"s\"", "{", "{\"a\":}", "{\"a\":1,}", "{,}", "{\"a\":[1,]}", "{\"a\":01}", "{\"a\":+1}",
            "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":1e+}", "{\"a\":-}", "{\"a\":1.2.3}", "{\"a\":tru}",
            "{\"a\":\"\u0001\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"open}", "{} {}", "{\"a\" 1}",
            "{\"deep\":" + "[".repeat(512) + "]".repeat(512) + "}", "{'a':1}", "{\"a\":NaN}");

    @Test
    void edgeCasesAgree() {
        for (String json : ACCEPTED) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertTrue(treeSpans(bytes) != null, "the tree reader accepts " + json);
            assertAgree(bytes);
        }
        for (String json : REFUSED) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertEquals(null, treeSpans(bytes), "the tree reader refuses " + abbreviated(json));
            assertThrows(JsonScan.Malformed.class, () -> JsonScan.scan(bytes), abbreviated(json));
        }
    }

    @Test
    void mutantsOfRealRequestsAgree() throws Exception {
        Path root = Path.of(System.getProperty("srooter.fixtures.dir", "../../shared/fixtures"));
        List<byte[]> requests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                requests.add(Files.readAllBytes(file));
            }
        }
        assertFalse(requests.isEmpty(), "the captured requests in " + root.toAbsolutePath());
        byte[] alphabet = "{}[]\",:\\0123456789.eE+-tfnu \n\u0001a".getBytes(StandardCharsets.UTF_8);
        Random random = new Random(20261203);
        int accepted = 0;
        int refused = 0;
        for (int n = 0; n < 3000; n++) {
            byte[] body = requests.get(n % requests.size());
            if (n >= requests.size()) {
                body = mutant(body, random, alphabet);
            }
            if (assertAgree(body)) {
                accepted++;
            } else {
                refused++;
            }
        }
        // both outcomes are exercised, or the check says little
        assertTrue(accepted > 100 && refused > 100, accepted + " accepted, " + refused + " refused");
    }

    @Test
    void aBodyIsReadOnceIntoItsTreeAndSpans() throws Exception {
        byte[] bytes = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        RequestBody body = RequestBody.of(WireFormat.ANTHROPIC_MESSAGES, bytes);
        assertEquals("m", body.scan().string("model"));
        assertTrue(body.scan().isTrue("stream"));
        assertEquals("hi", ((Part.Text) body.canonical().orElseThrow().messages().get(0).parts().get(0)).text());
        assertEquals("user", body.tree().getJsonArray("messages").getJsonObject(0).getString("role"));
    }

    @Test
    void whatOnlyTheTreeReaderRefusesGoesOnWithoutACanonicalForm() throws Exception {
        // an exponent no BigDecimal holds: well-formed JSON, but no tree (as before: the request goes on untranslated)
        byte[] bytes = "{\"model\":\"m\",\"temperature\":1e99999999999,\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
        RequestBody body = RequestBody.of(WireFormat.ANTHROPIC_MESSAGES, bytes);
        assertEquals("m", body.scan().string("model"));
        assertTrue(body.canonical().isEmpty());
        JsonScan.Malformed malformed = assertThrows(JsonScan.Malformed.class,
                () -> RequestBody.of(WireFormat.ANTHROPIC_MESSAGES, "{\"model\":01}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(scanError("{\"model\":01}").getMessage(), malformed.getMessage(), "the scan's own message");
    }

    /** True when both accept (with the same spans); false when the scan refuses (and the tree reader too). */
    private static boolean assertAgree(byte[] body) {
        Map<String, JsonScan.Span> tree = treeSpans(body);
        JsonScan.TopLevel scanned;
        try {
            scanned = JsonScan.scan(body);
        } catch (JsonScan.Malformed refused) {
            assertEquals(null, tree, "the tree reader accepted what the scan refused (" + refused.getMessage() + "): "
                    + abbreviated(new String(body, StandardCharsets.UTF_8)));
            return false;
        }
        if (tree == null) {
            return true; // allowed: such a body goes on without a tree (RequestBody.of)
        }
        for (Map.Entry<String, JsonScan.Span> member : tree.entrySet()) {
            assertTrue(scanned.has(member.getKey()), member.getKey());
            assertEquals(new String(body, member.getValue().start(), member.getValue().end() - member.getValue().start(),
                    StandardCharsets.UTF_8), scanned.raw(member.getKey()), "the span of " + member.getKey());
        }
        return true;
    }

    private static Map<String, JsonScan.Span> treeSpans(byte[] body) {
        Map<String, JsonScan.Span> members = new HashMap<>();
        try {
            Js.parse(body, (name, start, end) -> members.put(name, new JsonScan.Span(start, end)));
            return members;
        } catch (IllegalArgumentException refused) {
            return null;
        }
    }

    private static JsonScan.Malformed scanError(String json) {
        return assertThrows(JsonScan.Malformed.class, () -> JsonScan.scan(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** One to three edits: a byte replaced, inserted or deleted, or the body cut short. */
    private static byte[] mutant(byte[] body, Random random, byte[] alphabet) {
        byte[] out = body.clone();
        for (int edits = 1 + random.nextInt(3); edits > 0 && out.length > 1; edits--) {
            int at = random.nextInt(out.length);
            byte b = alphabet[random.nextInt(alphabet.length)];
            switch (random.nextInt(4)) {
                case 0 -> out[at] = b;
                case 1 -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = b;
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
                case 2 -> {
                    byte[] shorter = new byte[out.length - 1];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                    out = shorter;
                }
                default -> out = java.util.Arrays.copyOf(out, at + 1);
            }
        }
        return out;
    }

    private static String abbreviated(String json) {
        return json.length() > 80 ? json.substring(0, 80) + "..." : json;
    }
}
