package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srooter.testkit.FakeAnthropic;
import dev.srooter.testkit.FakeOpenAi;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The running srooter server the build started, set up once for every integration test: a fake
 * Anthropic and a fake OpenAI provider registered as providers, and a gateway key to call with.
 */
public final class Gateway {

    public static final String ANTHROPIC_PROVIDER = "it-anthropic";
    public static final String OPENAI_PROVIDER = "it-openai";
    public static final String PROVIDER_SECRET_ANTHROPIC = "sk-ant-it-provider-secret-0001";
    public static final String PROVIDER_SECRET_OPENAI = "sk-it-openai-provider-secret-0002";
    /** A model of each fake, plus the models named in the captured client requests in ../shared/fixtures. */
    public static final String CLAUDE = "claude-sonnet-4-5-20250929";
    public static final String HAIKU = "claude-haiku-4-5-20251001";
    public static final String GPT = "gpt-4o";

    private static Gateway instance;

    public final String url = System.getProperty("srooter.url", "http://localhost:9080");
    public final FakeAnthropic anthropic;
    public final FakeOpenAi openAi;
    public final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    public final String adminToken;
    public final String key;

    public static synchronized Gateway get() {
        if (instance == null) {
            try {
                instance = new Gateway();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private Gateway() throws IOException {
        List<String> claudeModels = new ArrayList<>(FakeAnthropic.DEFAULT_MODELS);
        claudeModels.add("claude-opus-5-5");
        List<String> openAiModels = new ArrayList<>(FakeOpenAi.DEFAULT_MODELS);
        openAiModels.add("gpt-5-codex");
        anthropic = new FakeAnthropic(0, claudeModels);
        openAi = new FakeOpenAi(0, openAiModels);
        adminToken = login("admin", adminPassword());
        addProvider(ANTHROPIC_PROVIDER, "anthropic", "http://127.0.0.1:" + anthropic.port(), PROVIDER_SECRET_ANTHROPIC);
        addProvider(OPENAI_PROVIDER, "openai", "http://127.0.0.1:" + openAi.port() + "/v1", PROVIDER_SECRET_OPENAI);
        key = mintKey("integration-tests");
        neutralRouting();
        // the suite's baseline: a failing model fails unless a test sets a chain; DerivedChainsIT turns them on
        assertEquals(200, admin("PUT", "/api/routing/derived-chains", "{\"enabled\":false}").statusCode());
    }

    /**
     * The configured admin password, or, for a server started without one, the password it generated and wrote to
     * its data folder (never to its log).
     */
    String adminPassword() throws IOException {
        String configured = System.getProperty("srooter.admin.password");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path file = dataDir().resolve("secrets").resolve("initial-admin-password");
        if (!java.nio.file.Files.exists(file)) {
            throw new AssertionError("the server was started without SROOTER_ADMIN_PASSWORD and wrote no " + file);
        }
        return java.nio.file.Files.readString(file).strip();
    }

    public String login(String username, String password) {
        HttpResponse<String> response = send("POST", "/api/auth/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertEquals(200, response.statusCode(), response.body());
        return object(response.body()).getString("token");
    }

    public JsonObject addProvider(String name, String kind, String baseUrl, String apiKey) {
        HttpResponse<String> response = admin("POST", "/api/providers", "{\"name\":\"" + name + "\",\"kind\":\""
                + kind + "\",\"baseUrl\":\"" + baseUrl + "\",\"apiKey\":\"" + apiKey + "\"}");
        assertEquals(201, response.statusCode(), response.body());
        return object(response.body());
    }

    /** Providers pinned to one OpenAI format, over the same fake, so each format can be the provider side. */
    public static final String OPENAI_CHAT_ONLY = "it-openai-chat";
    public static final String OPENAI_RESPONSES_ONLY = "it-openai-responses";

    /** Adds the format-pinned OpenAI accounts once per server (tests that need them call this). */
    public synchronized void ensurePinnedOpenAiProviders() {
        String existing = admin("GET", "/api/providers", null).body();
        for (String[] p : new String[][] {{OPENAI_CHAT_ONLY, "OPENAI_CHAT"}, {OPENAI_RESPONSES_ONLY, "OPENAI_RESPONSES"}}) {
            if (existing.contains("\"" + p[0] + "\"")) {
                continue;
            }
            HttpResponse<String> response = admin("POST", "/api/providers", "{\"name\":\"" + p[0]
                    + "\",\"kind\":\"openai\",\"baseUrl\":\"http://127.0.0.1:" + openAi.port()
                    + "/v1\",\"apiKey\":\"" + PROVIDER_SECRET_OPENAI + "\",\"format\":\"" + p[1] + "\"}");
            assertEquals(201, response.statusCode(), response.body());
        }
    }

    /**
     * Puts the shared providers' credentials back in service: a test that makes a fake answer 429 leaves the
     * credential resting for the retry-after, as srooter should, and the next test must not inherit that.
     */
    public void resetCredentials() {
        assertEquals(204, admin("DELETE", "/api/routing/circuits", null).statusCode());
        for (JsonValue p : array(admin("GET", "/api/providers", null).body())) {
            String name = p.asJsonObject().getString("name");
            if (name.startsWith("it-")) {
                HttpResponse<String> response = admin("POST", "/api/providers/" + p.asJsonObject().getString("id")
                        + "/credentials/reset", "{}");
                assertEquals(200, response.statusCode(), response.body());
            }
        }
    }

    /**
     * Rules that keep every request on the model asked for: the tests of other features assert which model
     * served, and "srooter defaults" would send trivial ones elsewhere. RoutingIT sets its own and comes back here.
     */
    public void neutralRouting() {
        HttpResponse<String> response = admin("PUT", "/api/routing/rules", "{\"rules\":["
                + "{\"intent\":\"trivial\",\"target\":\"requested\"},"
                + "{\"intent\":\"substantive\",\"target\":\"requested\"},"
                + "{\"intent\":\"architecture\",\"target\":\"requested\"},"
                + "{\"intent\":\"security\",\"target\":\"requested\"}]}");
        assertEquals(200, response.statusCode(), response.body());
    }

    /** Sets a model alias through the admin API. */
    public void putAlias(String pattern, String target) {
        HttpResponse<String> response = admin("POST", "/api/aliases", "{\"pattern\":\"" + pattern
                + "\",\"target\":\"" + target + "\"}");
        assertEquals(201, response.statusCode(), response.body());
    }

    /** Creates a user with a role (through the admin API) and returns their token. */
    public String createUser(String username, String role) {
        String password = "pw-" + username + "-long-enough";
        HttpResponse<String> response = admin("POST", "/api/users", "{\"username\":\"" + username
                + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\"}");
        assertEquals(201, response.statusCode(), response.body());
        return login(username, password);
    }

    /** A gateway key minted by a user for themselves, with their token. */
    public String mintKeyAs(String token, String name) {
        HttpResponse<String> response = send("POST", "/api/keys", List.of("authorization", "Bearer " + token),
                "{\"name\":\"" + name + "\"}");
        assertEquals(201, response.statusCode(), response.body());
        return object(response.body()).getString("key");
    }

    /** A call to the admin API with a given token. */
    public HttpResponse<String> as(String token, String method, String path, String body) {
        return send(method, path, List.of("authorization", "Bearer " + token), body);
    }

    /** An Anthropic Messages call with a given gateway key. */
    public HttpResponse<String> anthropicWithKey(String key, String body) {
        return send("POST", "/v1/messages", List.of("x-api-key", key, "anthropic-version", "2023-06-01"), body);
    }

    /** A call in an OpenAI format with another key as a bearer token. */
    public HttpResponse<String> openAiWithKey(String key, String path, String body) {
        return send("POST", path, List.of("authorization", "Bearer " + key), body);
    }

    public String mintKey(String name) {
        HttpResponse<String> response = admin("POST", "/api/keys", "{\"name\":\"" + name + "\"}");
        assertEquals(201, response.statusCode(), response.body());
        return object(response.body()).getString("key");
    }

    /** A call to the admin API with the admin's token. */
    public HttpResponse<String> admin(String method, String path, String body) {
        return send(method, path, List.of("authorization", "Bearer " + adminToken), body);
    }

    /** A gateway call with this run's key in {@code x-api-key}, as Anthropic clients send it. */
    public HttpResponse<String> anthropic(String path, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("x-api-key", key, "anthropic-version", "2023-06-01"));
        all.addAll(List.of(headers));
        return send("POST", path, all, body);
    }

    /** A gateway call with this run's key as a bearer token, as OpenAI clients send it. */
    public HttpResponse<String> openAi(String path, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("authorization", "Bearer " + key));
        all.addAll(List.of(headers));
        return send("POST", path, all, body);
    }

    public HttpResponse<String> send(String method, String path, List<String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (headers != null) {
            for (int i = 0; i < headers.size(); i += 2) {
                request.header(headers.get(i), headers.get(i + 1));
            }
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The audit record of a request, waiting for the audit writer's next batch. */
    public JsonObject auditRecord(String requestId) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> response = admin("GET", "/api/audit?limit=500", null);
            assertEquals(200, response.statusCode(), response.body());
            for (JsonValue value : array(response.body())) {
                if (value.asJsonObject().getString("id").equals(requestId)) {
                    return value.asJsonObject();
                }
            }
            sleep(100);
        }
        throw new AssertionError("no audit record for " + requestId + " within 10 s");
    }

    /**
     * Whether any stored data holds {@code needle}: every file of the Derby database, or every row of every
     * table when the server runs on PostgreSQL. Also returns what was searched, so a test can check it
     * searched something.
     */
    public List<String> searchDatabase(String needle, List<String> found) throws Exception {
        List<String> searched = new ArrayList<>();
        if ("postgresql".equals(System.getProperty("srooter.db"))) {
            try (java.sql.Connection db = java.sql.DriverManager.getConnection(System.getProperty("srooter.jdbc.url"));
                 java.sql.ResultSet tables = db.getMetaData().getTables(null, "public", null, new String[] {"TABLE"})) {
                while (tables.next()) {
                    String table = tables.getString("TABLE_NAME");
                    searched.add(table);
                    try (java.sql.PreparedStatement query = db.prepareStatement(
                            "SELECT count(*) FROM " + table + " t WHERE t::text LIKE ?")) {
                        query.setString(1, "%" + needle + "%");
                        try (java.sql.ResultSet count = query.executeQuery()) {
                            count.next();
                            if (count.getInt(1) > 0) {
                                found.add(table);
                            }
                        }
                    }
                }
            }
        } else {
            byte[] bytes = needle.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dataDir())) {
                for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                    searched.add(file.toString());
                    if (contains(java.nio.file.Files.readAllBytes(file), bytes)) {
                        found.add(file.toString());
                    }
                }
            }
        }
        return searched;
    }

    public static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    public Path dataDir() {
        return Path.of(System.getProperty("srooter.data.dir"));
    }

    public Path logDir() {
        return Path.of(System.getProperty("srooter.log.dir"));
    }

    public static JsonObject object(String json) {
        return (JsonObject) read(json);
    }

    public static JsonArray array(String json) {
        return (JsonArray) read(json);
    }

    private static JsonStructure read(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.read();
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
