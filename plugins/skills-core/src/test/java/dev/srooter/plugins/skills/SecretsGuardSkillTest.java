package dev.srooter.plugins.skills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * secrets-guard against every kind of credential it knows, made fresh for each run and placed where clients
 * put them (a file read into a tool result, a pasted config, a key file inside a JSON string), and against a
 * corpus of real code that must pass: this repository, the captured client requests, and the JDK's own
 * java.base sources (full of PEM parsing and key handling) when the JDK ships them.
 */
class SecretsGuardSkillTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The checkout (tests run in plugins/skills-core), and the captured client requests in ../shared beside it. */
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent().getParent();
    private static final Path FIXTURES = REPOSITORY.resolveSibling("shared").resolve("fixtures");

    /**
     * The one pass that finds which detectors' anchors occur agrees with searching for each anchor on its own: anchors
     * at the start and the end, inside each other ({@code sk-} in {@code sk-ant-}), side by side, cut short, and
     * beside characters beyond ASCII; an anchor a credential begins with only where it may begin (not after a
     * letter, a digit, {@code _} or {@code -}, as the patterns' left edge says).
     */
    @Test
    void theOnePassFindsEveryAnchorASearchForEachFinds() {
        List<String> pieces = new ArrayList<>(List.of("x", " ", "\\n", "é", "☃", "s", "k", "-", "gh", "A", "_", "xo",
                "ta", "\"", "9"));
        for (SecretsGuardSkill.Detector detector : SecretsGuardSkill.DETECTORS) {
            for (String anchor : anchors(detector)) {
                pieces.add(anchor);
                pieces.add(anchor.substring(0, anchor.length() - 1)); // one short of it
            }
        }
        java.util.Random random = new java.util.Random(1203);
        int withAnchors = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(6); k >= 0; k--) {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            long expected = expected(text.toString());
            withAnchors += expected != 0 ? 1 : 0;
            assertEquals(expected, SecretsGuardSkill.anchored(text.toString()), text.toString());
        }
        assertTrue(withAnchors > 5_000, withAnchors + " texts with an anchor");
    }

    /**
     * The same agreement where the pass reads eight bytes at a time: longer texts, so that anchors fall at every
     * offset from an eight-byte boundary and across it, with characters beyond ASCII among them, in a buffer whose
     * body starts after other bytes and ends before more (which must count for nothing), in either byte order.
     */
    @Test
    void theEightByteReadFindsWhatTheSearchesFindWhereverTheBodyStarts() {
        List<String> pieces = new ArrayList<>(List.of("x", " ", "é", "☃", "s", "k", "-", "A", "_", "o", "it", "ec"));
        for (SecretsGuardSkill.Detector detector : SecretsGuardSkill.DETECTORS) {
            for (String anchor : anchors(detector)) {
                pieces.add(anchor);
                pieces.add(anchor.substring(1)); // its second and third characters first
            }
        }
        java.util.Random random = new java.util.Random(1206);
        int withAnchors = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = 4 + random.nextInt(30); k >= 0; k--) {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            long expected = expected(text.toString());
            withAnchors += expected != 0 ? 1 : 0;
            byte[] before = "sk-ant-AKIA_live_".substring(0, random.nextInt(17)).getBytes(StandardCharsets.UTF_8);
            byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
            byte[] after = "xox-ghp_AIza".substring(0, random.nextInt(12)).getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[before.length + body.length + after.length];
            System.arraycopy(before, 0, all, 0, before.length);
            System.arraycopy(body, 0, all, before.length, body.length);
            System.arraycopy(after, 0, all, before.length + body.length, after.length);
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(all, before.length, body.length).asReadOnlyBuffer();
            if (random.nextBoolean()) {
                buffer.order(java.nio.ByteOrder.LITTLE_ENDIAN);
            }
            assertEquals(expected, SecretsGuardSkill.anchored(buffer), text.toString());
            assertEquals(before.length, buffer.position(), "the buffer is read, not moved");
        }
        assertTrue(withAnchors > 5_000, withAnchors + " texts with an anchor");
    }

    /** Which detectors have an anchor in {@code text}, by a search for each anchor (a start one only where it may). */
    private static long expected(String text) {
        long expected = 0;
        for (int d = 0; d < SecretsGuardSkill.DETECTORS.size(); d++) {
            SecretsGuardSkill.Detector detector = SecretsGuardSkill.DETECTORS.get(d);
            for (String anchor : detector.inside()) {
                if (text.contains(anchor)) {
                    expected |= 1L << d;
                }
            }
            for (String anchor : detector.starts()) {
                if (java.util.regex.Pattern.compile("(?<![A-Za-z0-9_\\-])" + java.util.regex.Pattern.quote(anchor))
                        .matcher(text).find()) {
                    expected |= 1L << d;
                }
            }
        }
        return expected;
    }

    private static List<String> anchors(SecretsGuardSkill.Detector detector) {
        List<String> all = new ArrayList<>(detector.starts());
        all.addAll(detector.inside());
        return all;
    }

    /**
     * A body with no credential is read as bytes and never decoded, though it holds {@code sk-} inside words as every
     * Claude Code request does ({@code <task-notification>}); so are the captured client requests. A credential
     * after such a word is still found.
     */
    @Test
    void aBodyWithoutACredentialIsNeverDecoded() throws IOException {
        List<String> bodies = new ArrayList<>(List.of(request("<task-notification> risk-score disk-usage desk-top"),
                request("xAKIA task-AKIA xxox mask-ant- zxai- 1ghp_x 9AIza")));
        if (Files.isDirectory(FIXTURES)) {
            try (Stream<Path> walk = Files.walk(FIXTURES)) {
                for (Path file : walk.filter(f -> f.toString().endsWith(".json")).toList()) {
                    // a capture: method, url, headers (with a placeholder key, sk-test) and, last, the body
                    String capture = Files.readString(file, StandardCharsets.UTF_8);
                    bodies.add(capture.substring(capture.indexOf("\"body\":") + 7, capture.lastIndexOf('}')));
                }
            }
        }
        SecretsGuardSkill guard = new SecretsGuardSkill();
        for (String body : bodies) {
            assertNull(guard.refusal(new BytesOnly(body.getBytes(StandardCharsets.UTF_8))), body);
        }
        assertTrue(bodies.get(0).contains("sk-"));
        String key = "sk-" + random("0123456789abcdef", 32);
        String withKey = request("<task-notification> DEEPSEEK_API_KEY=" + key);
        assertEquals("a DeepSeek API key", SecretsGuardSkill.detect(withKey));
        assertTrue(guard.refusal(new FakeRequest(withKey)).contains("a DeepSeek API key"));
    }

    /** A request whose text must not be asked for: only its bytes are given. */
    record BytesOnly(byte[] bytes) implements dev.srooter.api.SkillRequest {
        @Override public String body() { throw new AssertionError("the body was decoded"); }
        @Override public java.nio.ByteBuffer bodyBytes() { return java.nio.ByteBuffer.wrap(bytes).asReadOnlyBuffer(); }
        @Override public String username() { return "dana"; }
        @Override public String team() { return null; }
        @Override public String intent() { return null; }
        @Override public dev.srooter.api.WireFormat format() { return dev.srooter.api.WireFormat.ANTHROPIC_MESSAGES; }
        @Override public String workingDirectory() { return null; }
        @Override public List<String> paths() { return List.of(); }
    }

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static String random(String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String pem(String type) {
        byte[] key = new byte[900];
        RANDOM.nextBytes(key);
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    /** Text as it travels inside a JSON string: backslashes, quotes and line breaks escaped. */
    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A Claude Code request whose last tool result holds {@code file}. */
    private static String request(String file) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":32000,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"deploy it\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\","
                + "\"name\":\"Read\",\"input\":{\"file_path\":\"/home/dev/app/config\"}}]},{\"role\":\"user\","
                + "\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"" + json(file)
                + "\"}]}]}";
    }

    static Map<String, String> credentials() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("a private key", pem("RSA PRIVATE KEY"));
        c.put("a private key ", pem("OPENSSH PRIVATE KEY"));
        c.put("a private key  ", "{\n  \"type\": \"service_account\",\n  \"private_key\": \""
                + json(pem("PRIVATE KEY")) + "\"\n}");
        c.put("an AWS access key", "[default]\naws_access_key_id = AKIA" + random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16));
        c.put("an AWS secret access key", "aws_secret_access_key = " + random(ALNUM + "/+", 40) + "\n");
        c.put("a Google API key", "const key = 'AIza" + random(ALNUM + "_-", 35) + "';");
        c.put("an Anthropic API key", "ANTHROPIC_API_KEY=sk-ant-api03-" + random(ALNUM + "_-", 93) + "AA");
        c.put("an OpenAI API key", "OPENAI_API_KEY=sk-proj-" + random(ALNUM + "_-", 74) + "T3BlbkFJ"
                + random(ALNUM + "_-", 74));
        c.put("an OpenAI API key ", "openai.api_key = \"sk-" + random(ALNUM, 20) + "T3BlbkFJ" + random(ALNUM, 20) + "\"");
        c.put("a DeepSeek API key", "DEEPSEEK_API_KEY=sk-" + random("0123456789abcdef", 32));
        c.put("an xAI API key", "XAI_API_KEY=xai-" + random(ALNUM, 80));
        c.put("a GitHub token", "token: ghp_" + random(ALNUM, 36));
        c.put("a GitHub token ", "GITHUB_TOKEN=github_pat_" + random(ALNUM + "_", 82));
        c.put("a Slack token", "SLACK_BOT_TOKEN=xoxb-" + random("0123456789", 12) + "-" + random("0123456789", 13) + "-"
                + random(ALNUM, 24));
        c.put("a Stripe secret key", "stripe.api_key = 'sk_live_" + random(ALNUM, 24) + "'");
        c.put("a srooter gateway key", "export ANTHROPIC_API_KEY=srt_live_" + random(ALNUM + "_-", 43));
        return c;
    }

    @Test
    void catchesEachKindOfCredentialWhereClientsCarryIt() {
        for (Map.Entry<String, String> credential : credentials().entrySet()) {
            String body = request(credential.getValue());
            assertEquals(credential.getKey().trim(), SecretsGuardSkill.detect(body), body);
            // pasted straight into the prompt, too
            String pasted = "{\"model\":\"gpt-5\",\"input\":\"why does this fail?\\n" + json(credential.getValue()) + "\"}";
            assertEquals(credential.getKey().trim(), SecretsGuardSkill.detect(pasted), pasted);
        }
    }

    @Test
    void theRefusalNamesTheKindAndNeverTheCredential() {
        String secret = "ghp_" + random(ALNUM, 36);
        SecretsGuardSkill guard = new SecretsGuardSkill();
        String refusal = guard.refusal(new FakeRequest(request("token=" + secret)));
        assertTrue(refusal.contains("a GitHub token"), refusal);
        assertTrue(!refusal.contains(secret) && !refusal.contains(secret.substring(4, 20)), refusal);
        assertNull(guard.refusal(new FakeRequest(request("nothing to see"))));
    }

    @Test
    void letsRealCodeThrough() throws IOException {
        Path root = REPOSITORY;
        List<String> flagged = new ArrayList<>();
        int files = 0;
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).filter(SecretsGuardSkillTest::isSource).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                files++;
                bytes += text.length();
                String kind = SecretsGuardSkill.detect(request(text));
                if (kind != null) {
                    flagged.add(root.relativize(file) + ": " + kind);
                }
            }
        }
        if (Files.isDirectory(FIXTURES)) {
            try (Stream<Path> walk = Files.walk(FIXTURES)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    files++;
                    bytes += text.length();
                    String kind = SecretsGuardSkill.detect(text); // as sent: these are requests already
                    if (kind != null) {
                        flagged.add(file + ": " + kind);
                    }
                }
            }
        }
        Path jdkSources = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        if (Files.exists(jdkSources)) {
            try (ZipFile zip = new ZipFile(jdkSources.toFile())) {
                for (ZipEntry entry : zip.stream().filter(e -> e.getName().startsWith("java.base/")
                        && e.getName().endsWith(".java")).toList()) {
                    String text = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                    files++;
                    bytes += text.length();
                    String kind = SecretsGuardSkill.detect(request(text));
                    if (kind != null) {
                        flagged.add(entry.getName() + ": " + kind);
                    }
                }
            }
        }
        System.out.printf("secrets-guard corpus: %d files, %.1f MB of code, %d flagged%n", files, bytes / 1e6,
                flagged.size());
        assertTrue(files > 200, "a corpus was read: " + files + " files");
        assertEquals(List.of(), flagged, "no false positives in real code");
    }

    private static boolean isSource(Path file) {
        String path = file.toString();
        if (path.contains("/target/") || path.contains("/node_modules/") || path.contains("/.git/")) {
            return false;
        }
        return path.matches(".*\\.(java|md|json|py|js|mjs|xml|sql|properties|sh|tsv|txt|toml|conf)$");
    }

    /** A request as a skill sees it; only the body matters to secrets-guard. */
    record FakeRequest(String body) implements dev.srooter.api.SkillRequest {
        @Override public String username() { return "dana"; }
        @Override public String team() { return null; }
        @Override public String intent() { return null; }
        @Override public dev.srooter.api.WireFormat format() { return dev.srooter.api.WireFormat.ANTHROPIC_MESSAGES; }
        @Override public String workingDirectory() { return "/home/dev/app"; }
        @Override public List<String> paths() { return List.of(); }
    }
}
