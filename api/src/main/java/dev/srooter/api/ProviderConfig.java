package dev.srooter.api;

/**
 * One configured provider account, as an admin entered it.
 *
 * @param name    the admin's name for it, unique; clients may write {@code name/model}
 * @param baseUrl the base URL in the provider SDK's own convention
 *                (Anthropic without {@code /v1}, OpenAI with it)
 * @param apiKey  the credential, in clear; never log it or put it in an exception message
 */
public record ProviderConfig(String name, String baseUrl, String apiKey) {

    @Override
    public String toString() {
        return "ProviderConfig[name=" + name + ", baseUrl=" + baseUrl + "]";
    }

    /** The base URL without a trailing slash, ready to have a path appended. */
    public String base() {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
