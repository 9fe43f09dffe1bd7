package dev.srooter.api;

import java.util.Map;

/**
 * One configured provider account, as an admin entered it, with the credential of one call.
 *
 * @param name       the admin's name for it, unique; clients may write {@code name/model}
 * @param baseUrl    the base URL in the provider SDK's own convention
 *                   (Anthropic without {@code /v1}, OpenAI with it)
 * @param apiKey     the credential, in clear (for a subscription, its current access token); never log it or put
 *                   it in an exception message
 * @param attributes what else the credential carries that a call must name, such as a subscription's account id
 *                   ({@code account_id}); empty for an API key
 */
public record ProviderConfig(String name, String baseUrl, String apiKey, Map<String, String> attributes) {

    public ProviderConfig {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public ProviderConfig(String name, String baseUrl, String apiKey) {
        this(name, baseUrl, apiKey, Map.of());
    }

    @Override
    public String toString() {
        return "ProviderConfig[name=" + name + ", baseUrl=" + baseUrl + "]";
    }

    /** The base URL without a trailing slash, ready to have a path appended. */
    public String base() {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** An attribute of the credential, or null. */
    public String attribute(String name) {
        return attributes.get(name);
    }
}
