package dev.srooter.api;

import java.time.Instant;

/**
 * One finished gateway request, as audit sinks receive it. The prompt is present only as its SHA-256 digest.
 */
public record AuditEvent(String id, Instant createdAt, String keyId, String username, String team, String endpoint,
                         String requestedModel, String servedModel, String provider, String route, String intent,
                         boolean streamed, long inputTokens, long outputTokens, long cacheReadTokens,
                         long cacheWriteTokens, double costUsd, boolean priceKnown, double latencyMs, Double ttfbMs,
                         int status, String errorType, String attempts, String policies, String skills,
                         String promptSha256) {
}
