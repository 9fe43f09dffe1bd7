package dev.srooter.server.providers.subscription;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Reads the credential file a vendor's tool keeps after its user signed in, so that an admin can import it as it
 * is: Claude Code's {@code ~/.claude/.credentials.json} ({@code claudeAiOauth}: access and refresh token, expiry in
 * epoch milliseconds) or Codex CLI's {@code ~/.codex/auth.json} ({@code tokens}: access, refresh and id token, account
 * id; the access token is a JWT whose {@code exp} says when it expires).
 */
public final class SubscriptionFile {

    /** Codex CLI renews its tokens this long after the last renewal when it cannot read their expiry. */
    static final Duration CODEX_REFRESH_INTERVAL = Duration.ofDays(8);

    private SubscriptionFile() {
    }

    /**
     * The subscription in a credential file's text; {@code tokenUrl} overrides the vendor's token endpoint (null keeps
     * it). Throws {@link IllegalArgumentException} with a message an admin can act on, never quoting the file.
     */
    public static Subscription read(String text, String tokenUrl) {
        JsonObject file;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            file = reader.readObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the credential file is not a JSON object");
        }
        if (file.get("claudeAiOauth") instanceof JsonObject claude) {
            return claude(claude, tokenUrl);
        }
        if (file.get("tokens") instanceof JsonObject tokens) {
            return codex(file, tokens, tokenUrl);
        }
        if (file.containsKey("accessToken") && file.containsKey("refreshToken")) {
            return claude(file, tokenUrl); // the inner object alone, as some keychains hand it out
        }
        throw new IllegalArgumentException("not a subscription credential file: expected Claude Code's"
                + " .credentials.json (claudeAiOauth) or Codex CLI's auth.json (tokens)");
    }

    private static Subscription claude(JsonObject oauth, String tokenUrl) {
        String access = text(oauth, "accessToken");
        String refresh = text(oauth, "refreshToken");
        if (access == null || refresh == null) {
            throw new IllegalArgumentException("the Claude credential has no accessToken or refreshToken");
        }
        Instant expires = oauth.get("expiresAt") instanceof jakarta.json.JsonNumber n
                ? Instant.ofEpochMilli(n.longValue()) : null;
        return new Subscription(Vendor.CLAUDE, access, refresh, expires, null,
                tokenUrl != null ? tokenUrl : Vendor.CLAUDE.tokenUrl());
    }

    private static Subscription codex(JsonObject file, JsonObject tokens, String tokenUrl) {
        String access = text(tokens, "access_token");
        String refresh = text(tokens, "refresh_token");
        if (access == null || refresh == null) {
            throw new IllegalArgumentException("the Codex auth.json has no tokens.access_token or tokens.refresh_token:"
                    + " sign in to Codex with ChatGPT first (an API-key login has no subscription)");
        }
        JsonObject claims = claims(access);
        String accountId = text(tokens, "account_id");
        if (accountId == null && claims != null && claims.get("https://api.openai.com/auth") instanceof JsonObject auth) {
            accountId = text(auth, "chatgpt_account_id");
        }
        Instant expires = expiry(claims);
        if (expires == null && text(file, "last_refresh") != null) {
            try {
                expires = Instant.parse(text(file, "last_refresh")).plus(CODEX_REFRESH_INTERVAL);
            } catch (java.time.format.DateTimeParseException ignored) {
                // no expiry known: renewed when the backend refuses the token
            }
        }
        return new Subscription(Vendor.CHATGPT, access, refresh, expires, accountId,
                tokenUrl != null ? tokenUrl : Vendor.CHATGPT.tokenUrl());
    }

    /** When a JWT access token expires, from its {@code exp} claim; null when it is not a JWT or says nothing. */
    static Instant expiry(JsonObject claims) {
        return claims != null && claims.get("exp") instanceof jakarta.json.JsonNumber exp
                ? Instant.ofEpochSecond(exp.longValue()) : null;
    }

    /** A JWT's claims, unverified (srooter only reads when to renew; the vendor verifies); null when not a JWT. */
    static JsonObject claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof jakarta.json.JsonString s && !s.getString().isBlank() ? s.getString() : null;
    }
}
