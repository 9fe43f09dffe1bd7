package dev.srooter.server.providers.subscription;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * One refresh of a subscription's tokens at its vendor's token endpoint. The endpoint's answer decides what follows:
 * new tokens; a refusal (the refresh token was revoked, expired or already used: only signing in again helps); or no
 * answer worth believing (unreachable, 5xx, 429), after which the next round tries again.
 */
final class TokenRefresh {

    /** What a refresh came to. */
    sealed interface Outcome {
    }

    record Renewed(Subscription subscription) implements Outcome {
    }

    record SignInNeeded(String reason) implements Outcome {
    }

    record NotNow(String reason) implements Outcome {
    }

    /** An access token without a stated lifetime is renewed again after this long. */
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TokenRefresh() {
    }

    static Outcome run(Subscription current) {
        if (current.refreshToken() == null || current.refreshToken().isBlank()) {
            return new SignInNeeded("the subscription has no refresh token");
        }
        HttpResponse<String> answer;
        try {
            answer = HTTP.send(HttpRequest.newBuilder(URI.create(current.tokenUrl())).timeout(Duration.ofSeconds(15))
                    .header("content-type", "application/json").header("accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(current.vendor().refreshRequest(current.refreshToken())
                            .toString())).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return new NotNow("token endpoint unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NotNow("interrupted");
        }
        int status = answer.statusCode();
        if (status == 429 || status >= 500) {
            return new NotNow("token endpoint answered HTTP " + status);
        }
        if (status != 200) {
            return new SignInNeeded("the vendor refused to renew the tokens (HTTP " + status + errorCode(answer.body())
                    + "): sign in again and import the new credential");
        }
        JsonObject body;
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            body = reader.readObject();
        } catch (RuntimeException e) {
            return new NotNow("the token endpoint's answer could not be read");
        }
        String access = body.getString("access_token", null);
        if (access == null || access.isBlank()) {
            return new NotNow("the token endpoint's answer has no access_token");
        }
        Instant expires = body.get("expires_in") instanceof JsonNumber seconds
                ? Instant.now().plusSeconds(seconds.longValue()) : SubscriptionFile.expiry(SubscriptionFile.claims(access));
        return new Renewed(current.renewed(access, body.getString("refresh_token", null),
                expires != null ? expires : Instant.now().plus(DEFAULT_LIFETIME)));
    }

    /** The OAuth error code ({@code invalid_grant}), which says why without quoting anything secret. */
    private static String errorCode(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject error = reader.readObject();
            String code = error.get("error") instanceof jakarta.json.JsonString s ? s.getString()
                    : error.get("error") instanceof JsonObject o ? o.getString("type", null) : null;
            return code == null ? "" : ", " + code.replaceAll("[^A-Za-z0-9_.-]", "");
        } catch (RuntimeException e) {
            return "";
        }
    }
}
