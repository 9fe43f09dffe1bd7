package dev.srooter.api;

/**
 * A provider kind that speaks another kind's protocol and differs only by data: DeepSeek, xAI and
 * OpenRouter are OpenAI-compatible, each with its own address. An admin names the preset's kind when
 * adding an account and may leave the base URL out.
 *
 * @param kind           the kind an admin names, e.g. {@code deepseek}
 * @param baseKind       the kind whose {@link Provider} speaks the protocol, e.g. {@code openai}
 * @param defaultBaseUrl the base URL in the base kind's convention
 * @param description    one line for the admin API
 */
public record ProviderPreset(String kind, String baseKind, String defaultBaseUrl, String description) {
}
