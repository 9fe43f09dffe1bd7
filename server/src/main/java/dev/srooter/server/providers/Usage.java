package dev.srooter.server.providers;

/**
 * Tokens a call used, the same way for every wire format: {@code input} excludes cached tokens,
 * which are counted apart as read from or written to the provider's prompt cache.
 */
public record Usage(long input, long output, long cacheRead, long cacheWrite) {

    public static final Usage NONE = new Usage(0, 0, 0, 0);
}
