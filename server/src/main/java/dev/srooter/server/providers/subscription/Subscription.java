package dev.srooter.server.providers.subscription;

import dev.srooter.server.translate.Js;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A plan's OAuth credential: the access token calls are made with, the refresh token that renews it, when the access
 * token expires, the account it belongs to (ChatGPT names it on every call) and the token endpoint that renews it.
 * Stored sealed as one JSON document; never logged.
 */
public record Subscription(Vendor vendor, String accessToken, String refreshToken, Instant expiresAt,
                           String accountId, String tokenUrl) {

    @Override
    public String toString() {
        return "Subscription[" + vendor + ", expires " + expiresAt + "]";
    }

    /** Whether the access token expires within {@code margin} (or has no known expiry and no refresh token). */
    public boolean expiresWithin(Duration margin) {
        return expiresAt != null && expiresAt.isBefore(Instant.now().plus(margin));
    }

    /** The same plan with renewed tokens; a refresh answer without a new refresh token keeps the old one. */
    public Subscription renewed(String access, String refresh, Instant expires) {
        return new Subscription(vendor, access, refresh != null && !refresh.isBlank() ? refresh : refreshToken,
                expires, accountId, tokenUrl);
    }

    /** What a call names besides the access token. */
    public Map<String, String> attributes() {
        return accountId == null ? Map.of() : Map.of("account_id", accountId);
    }

    /** The document that is sealed and stored. */
    public String toJson() {
        var json = Json.createObjectBuilder().add("vendor", vendor.name()).add("access", accessToken)
                .add("refresh", refreshToken == null ? "" : refreshToken).add("tokenUrl", tokenUrl);
        if (expiresAt != null) {
            json.add("expiresAt", expiresAt.toEpochMilli());
        }
        if (accountId != null) {
            json.add("accountId", accountId);
        }
        return json.build().toString();
    }

    public static Subscription fromJson(String text) {
        JsonObject json = Js.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Subscription(Vendor.named(json.getString("vendor")), json.getString("access"),
                json.getString("refresh", ""), json.containsKey("expiresAt")
                ? Instant.ofEpochMilli(json.getJsonNumber("expiresAt").longValue()) : null,
                json.getString("accountId", null), json.getString("tokenUrl"));
    }
}
