package dev.srooter.api;

/**
 * A model a provider reported when asked for its models.
 *
 * @param id          the id the provider expects in requests
 * @param displayName a human name, or the id when the provider gives none
 */
public record DiscoveredModel(String id, String displayName) {
}
