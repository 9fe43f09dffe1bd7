package dev.srooter.server.providers.subscription;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * The subscription plans srooter can use, each with how its tokens are refreshed: the OAuth client the vendor's own
 * tool (Claude Code, Codex CLI) registers, and the token endpoint it calls. An admin may point a subscription at
 * another token endpoint (a proxy in between; the testkit's fake).
 */
public enum Vendor {

    /** Claude Pro or Max, as Claude Code signs in: its access token serves Anthropic's Messages API. */
    CLAUDE("anthropic", "https://platform.claude.com/v1/oauth/token", "9d1c250a-e61b-44d9-88ed-5944d1962f5e"),

    /** A ChatGPT plan, as Codex CLI signs in: its access token serves the backend Codex itself calls. */
    CHATGPT("chatgpt", "https://auth.openai.com/oauth/token", "app_EMoamEEZ73f0CkXaXp7hrann");

    private final String providerKind;
    private final String tokenUrl;
    private final String clientId;

    Vendor(String providerKind, String tokenUrl, String clientId) {
        this.providerKind = providerKind;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
    }

    /** The provider kind whose accounts this plan's tokens open. */
    public String providerKind() {
        return providerKind;
    }

    public String tokenUrl() {
        return tokenUrl;
    }

    /** The refresh request, as the vendor's own tool sends it. */
    JsonObject refreshRequest(String refreshToken) {
        var body = Json.createObjectBuilder().add("grant_type", "refresh_token").add("refresh_token", refreshToken)
                .add("client_id", clientId);
        if (this == CHATGPT) {
            body.add("scope", "openid profile email");
        }
        return body.build();
    }

    public static Vendor named(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
