package dev.srooter.server.translate;

/**
 * What a provider-side writer needs to know about where the request goes.
 *
 * @param provider       the provider account's name, which marks the opaque state it makes
 * @param model          the model id at that provider
 * @param maxTokensField the Chat Completions field for the output limit this provider reads
 */
public record Crossing(String provider, String model, String maxTokensField) {
}
