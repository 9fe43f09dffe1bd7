package dev.srooter.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OAuth token endpoints of the two subscription vendors, as their tools use them to renew tokens: Claude's at
 * {@code /v1/oauth/token} (its access tokens are {@code sk-ant-oat01-...}, with {@code expires_in}) and OpenAI's
 * at {@code /oauth/token} (JWT access tokens whose {@code exp} says when they expire). Refresh tokens are
 * single-use, as at both vendors: each renewal issues a new one and forgets the old.
 */
public final class FakeTokenEndpoint implements AutoCloseable {

    public static final String CLAUDE_CLIENT = "9d1c250a-e61b-44d9-88ed-5944d1962f5e";
    public static final String CODEX_CLIENT = "app_EMoamEEZ73f0CkXaXp7hrann";

    private final HttpServer server;
    /** Refresh tokens that renew, by the client that may use them. */
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final List<JsonObject> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> issued = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger serial = new AtomicInteger();
    private volatile int failWith;
    private volatile long lifetimeSeconds = 3600;
    private volatile String accountId = "acct-fake";

    public FakeTokenEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/v1/oauth/token", exchange -> handle(exchange, CLAUDE_CLIENT));
        server.createContext("/oauth/token", exchange -> handle(exchange, CODEX_CLIENT));
        server.start();
    }

    public String claudeTokenUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/oauth/token";
    }

    public String chatGptTokenUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth/token";
    }

    /** Lets this refresh token renew once, for the vendor whose client id is given. */
    public void grant(String refreshToken, String clientId) {
        refreshTokens.put(refreshToken, clientId);
    }

    /** Revokes every refresh token: the next renewal is refused with {@code invalid_grant}, as after a sign-out. */
    public void revokeAll() {
        refreshTokens.clear();
    }

    /** Answers every renewal with this status (503, say) until set to 0. */
    public void failWith(int status) {
        failWith = status;
    }

    /** How long the access tokens issued from now live. */
    public void setLifetimeSeconds(long seconds) {
        lifetimeSeconds = seconds;
    }

    public void setAccountId(String id) {
        accountId = id;
    }

    /** Every renewal request, in order. */
    public List<JsonObject> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The access tokens issued, in order. */
    public List<String> issued() {
        synchronized (issued) {
            return List.copyOf(issued);
        }
    }

    /** A ChatGPT-style access token: a JWT (unsigned here) with {@code exp} and the account claim. */
    public static String jwt(long expiresAtEpochSeconds, String accountId, String unique) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = Json.createObjectBuilder().add("exp", expiresAtEpochSeconds).add("jti", unique)
                .add("https://api.openai.com/auth", Json.createObjectBuilder().add("chatgpt_account_id", accountId))
                .build().toString();
        return header + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    private void handle(HttpExchange exchange, String client) throws IOException {
        try (exchange) {
            JsonObject body;
            try (JsonReader reader = Json.createReader(new StringReader(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))) {
                body = reader.readObject();
            } catch (RuntimeException e) {
                send(exchange, 400, Json.createObjectBuilder().add("error", "invalid_request").build());
                return;
            }
            requests.add(body);
            if (failWith != 0) {
                send(exchange, failWith, Json.createObjectBuilder().add("error", "server_error").build());
                return;
            }
            String refresh = body.getString("refresh_token", "");
            if (!"refresh_token".equals(body.getString("grant_type", "")) || !client.equals(body.getString("client_id", ""))
                    || !client.equals(refreshTokens.remove(refresh))) {
                send(exchange, 400, Json.createObjectBuilder().add("error", "invalid_grant")
                        .add("error_description", "refresh token is invalid, expired or already used").build());
                return;
            }
            int n = serial.incrementAndGet();
            String nextRefresh = (client.equals(CLAUDE_CLIENT) ? "sk-ant-ort01-renewed-" : "rt-renewed-") + n;
            refreshTokens.put(nextRefresh, client);
            var answer = Json.createObjectBuilder().add("token_type", "Bearer").add("refresh_token", nextRefresh);
            String access;
            if (client.equals(CLAUDE_CLIENT)) {
                access = "sk-ant-oat01-renewed-" + n;
                answer.add("expires_in", lifetimeSeconds);
            } else {
                access = jwt(System.currentTimeMillis() / 1000 + lifetimeSeconds, accountId, "renewed-" + n);
                answer.add("id_token", jwt(System.currentTimeMillis() / 1000 + lifetimeSeconds, accountId, "id-" + n));
            }
            issued.add(access);
            send(exchange, 200, answer.add("access_token", access).build());
        }
    }

    private static void send(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
